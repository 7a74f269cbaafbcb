#include <catch2/catch.hpp>

#include "webform_phone.hpp"

using leadhub::webform::normalise_phone;
using opt = std::optional<std::string>;

TEST_CASE("Russian numbers in their usual spellings become +7") {
    CHECK(normalise_phone("89031112233", "RU") == opt("+79031112233"));
    CHECK(normalise_phone("79031112233", "RU") == opt("+79031112233"));
    CHECK(normalise_phone("9031112233", "RU") == opt("+79031112233"));
    CHECK(normalise_phone("8 (903) 111-22-33", "RU") == opt("+79031112233"));
    CHECK(normalise_phone("+7 (916) 123-45-67", "RU") == opt("+79161234567"));
    CHECK(normalise_phone("+7\xC2\xA0" "916\xC2\xA0" "123.45.67", "RU") == opt("+79161234567"));
    CHECK(normalise_phone("8 701 123 45 67", "KZ") == opt("+77011234567"));
}

TEST_CASE("other international numbers keep their + and lose separators") {
    CHECK(normalise_phone("+375 29 123-45-67", "RU") == opt("+375291234567"));
    CHECK(normalise_phone("+49 30 1234567", "DE") == opt("+49301234567"));
}

TEST_CASE("anything else is not decided here") {
    CHECK_FALSE(normalise_phone("", "RU"));
    CHECK_FALSE(normalise_phone("1112233", "RU"));             // local, no area code
    CHECK_FALSE(normalise_phone("8903111223", "RU"));          // 10 digits not starting with 9
    CHECK_FALSE(normalise_phone("890311122334", "RU"));        // one digit too many
    CHECK_FALSE(normalise_phone("+7 903 111 22 33 доб. 5", "RU"));
    CHECK_FALSE(normalise_phone("позвоните мне", "RU"));
    CHECK_FALSE(normalise_phone("++79031112233", "RU"));
    CHECK_FALSE(normalise_phone("7+9031112233", "RU"));
    CHECK_FALSE(normalise_phone("+0123456789", "RU"));
    CHECK_FALSE(normalise_phone("+1234567", "RU"));             // too short for E.164 here
    CHECK_FALSE(normalise_phone("+1234567890123456", "RU"));    // 16 digits
    CHECK_FALSE(normalise_phone("89031112233", "DE"));         // national rules of another country
}
