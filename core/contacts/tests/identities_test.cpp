#include "contacts/identities.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace leadhub::contacts;

TEST_CASE("a message's identities: the platform user id under its channel, the phone and the e-mail") {
    store::InboundMessage m;
    m.channel = "vk";
    m.external_user_id = "id777";
    m.phone = "+79131234567";
    m.email = "anna@example.ru";
    auto ids = identities_of(m);
    REQUIRE(ids.size() == 3);
    CHECK(ids[0] == store::Identity{"vk", "id777"});
    CHECK(ids[1] == store::Identity{"phone", "+79131234567"});
    CHECK(ids[2] == store::Identity{"email", "anna@example.ru"});
}

TEST_CASE("missing or empty fields give no identity, and a user id needs a channel") {
    store::InboundMessage m;
    CHECK(identities_of(m).empty());
    m.external_user_id = "42";
    m.phone = "";
    CHECK(identities_of(m).empty());  // no channel: an id of an unknown platform could meet another's
    m.channel = "telegram";
    CHECK(identities_of(m) == std::vector<store::Identity>{{"telegram", "42"}});
}

TEST_CASE("a phone typed by an operator becomes the stored identity") {
    CHECK(phone_identity("8 913 123-45-67") == store::Identity{"phone", "+79131234567"});
    CHECK(phone_identity("+7 (391) 245-67-89") == store::Identity{"phone", "+73912456789"});
    CHECK_FALSE(phone_identity("позвоните мне"));
    CHECK_FALSE(phone_identity("12"));
}
