// One customer, one contact: identities find the contact, a message that links two contacts
// merges them (recorded), and unmerge restores both.
#include "raw_db.hpp"
#include "store_fixture.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::store;
using namespace leadhub::store::testing;

namespace {

const Identity kPhone{"phone", "+79131234567"};
const Identity kTelegram{"telegram", "5550001"};
const Identity kEmail{"email", "anna@example.ru"};

// A message that never joins an earlier lead, so each call opens its own lead.
IngestResult send(Store& store, const std::string& id, std::vector<Identity> identities,
                  const std::string& tenant = "salon") {
    IngestItem one = item(message(tenant, "src", id), {}, std::move(identities));
    one.conversation_window_ms = 0;
    return ingest_one(store, std::move(one));
}

std::vector<std::string> identity_values(const Contact& contact) {
    std::vector<std::string> values;
    for (const auto& identity : contact.identities) values.push_back(identity.kind + ":" + identity.value);
    return values;
}

}  // namespace

TEST_CASE("messages with the same identity belong to one contact, which lists its leads") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult first = send(*store, "m1", {kPhone});
    InboundMessage named = message("salon", "src", "m2");
    named.name = "Анна";
    IngestItem second_item = item(named, {}, {kPhone, kEmail});
    second_item.conversation_window_ms = 0;
    IngestResult second = ingest_one(*store, std::move(second_item));

    CHECK(first.contact_id > 0);
    CHECK(second.contact_id == first.contact_id);
    CHECK(second.lead_id != first.lead_id);
    auto contact = store->contact(first.contact_id);
    REQUIRE(contact);
    CHECK(contact->tenant == "salon");
    CHECK(contact->name == "Анна");  // filled by the first message that had one
    CHECK(identity_values(*contact) == std::vector<std::string>{"phone:+79131234567", "email:anna@example.ru"});
    CHECK(contact->lead_ids == std::vector<int64_t>{second.lead_id, first.lead_id});
    CHECK(store->lead(first.lead_id)->contact_id == first.contact_id);
}

TEST_CASE("a message without identities gets a contact of its own") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult a = send(*store, "m1", {});
    IngestResult b = send(*store, "m2", {});
    CHECK(a.contact_id > 0);
    CHECK(b.contact_id > 0);
    CHECK(a.contact_id != b.contact_id);
    CHECK(store->contact(a.contact_id)->identities.empty());
}

TEST_CASE("identities are per tenant: the same phone at two businesses is two contacts") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult salon = send(*store, "m1", {kPhone}, "salon");
    IngestResult clinic = send(*store, "m1", {kPhone}, "clinic");
    CHECK(salon.contact_id != clinic.contact_id);
    CHECK(store->find_contacts("", kPhone).size() == 2);
    auto only_clinic = store->find_contacts("clinic", kPhone);
    REQUIRE(only_clinic.size() == 1);
    CHECK(only_clinic[0].id == clinic.contact_id);
    CHECK(store->find_contacts("salon", Identity{"phone", "+70000000000"}).empty());
}

TEST_CASE("a message that links two contacts merges them into the older, and unmerge restores both") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult by_phone = send(*store, "m1", {kPhone});
    IngestResult by_telegram = send(*store, "m2", {kTelegram});
    REQUIRE(by_phone.contact_id != by_telegram.contact_id);

    IngestResult linking = send(*store, "m3", {kTelegram, kPhone});
    CHECK(linking.contact_id == by_phone.contact_id);  // the older contact is kept
    REQUIRE(linking.merge_ids.size() == 1);

    auto merge = store->merge(linking.merge_ids[0]);
    REQUIRE(merge);
    CHECK(merge->kept_contact_id == by_phone.contact_id);
    CHECK(merge->merged_contact_id == by_telegram.contact_id);
    CHECK(merge->moved_leads == std::vector<int64_t>{by_telegram.lead_id});
    REQUIRE(merge->moved_identities.size() == 1);
    CHECK_FALSE(merge->undone_at_ms);

    auto kept = store->contact(by_phone.contact_id);
    REQUIRE(kept);
    CHECK(identity_values(*kept) == std::vector<std::string>{"phone:+79131234567", "telegram:5550001"});
    CHECK(kept->lead_ids == std::vector<int64_t>{linking.lead_id, by_telegram.lead_id, by_phone.lead_id});
    REQUIRE(kept->merges.size() == 1);
    CHECK(kept->merges[0].id == merge->id);
    CHECK(store->contact(by_telegram.contact_id)->merged_into == by_phone.contact_id);
    CHECK(store->find_contacts("salon", kTelegram).at(0).id == by_phone.contact_id);

    ContactMerge undone = store->unmerge(merge->id, 99'000);
    CHECK(undone.undone_at_ms == 99'000);
    auto restored = store->contact(by_telegram.contact_id);
    REQUIRE(restored);
    CHECK_FALSE(restored->merged_into);
    CHECK(identity_values(*restored) == std::vector<std::string>{"telegram:5550001"});
    CHECK(restored->lead_ids == std::vector<int64_t>{by_telegram.lead_id});
    CHECK(store->lead(by_telegram.lead_id)->contact_id == by_telegram.contact_id);
    auto first = store->contact(by_phone.contact_id);
    CHECK(identity_values(*first) == std::vector<std::string>{"phone:+79131234567"});
    CHECK(first->lead_ids == std::vector<int64_t>{linking.lead_id, by_phone.lead_id});
    CHECK(store->merge(merge->id)->undone_at_ms == 99'000);
}

TEST_CASE("unmerge refuses what it cannot undo, with the reason") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    send(*store, "m1", {kPhone});
    send(*store, "m2", {kEmail});
    IngestResult linking = send(*store, "m3", {kPhone, kEmail});
    REQUIRE(linking.merge_ids.size() == 1);
    int64_t merge_id = linking.merge_ids[0];

    CHECK_THROWS_WITH(store->unmerge(merge_id + 100, 1), Catch::Contains("no merge"));
    store->unmerge(merge_id, 1);
    CHECK_THROWS_WITH(store->unmerge(merge_id, 2), Catch::Contains("undone already"));
    CHECK_FALSE(store->merge(merge_id + 100));
}

TEST_CASE("a message linking three contacts merges both newer ones into the oldest") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult a = send(*store, "m1", {kPhone});
    IngestResult b = send(*store, "m2", {kEmail});
    IngestResult c = send(*store, "m3", {kTelegram});
    IngestResult all = send(*store, "m4", {kTelegram, kEmail, kPhone});
    CHECK(all.contact_id == a.contact_id);
    CHECK(all.merge_ids.size() == 2);
    CHECK(store->contact(a.contact_id)->identities.size() == 3);
    CHECK(store->contact(b.contact_id)->merged_into == a.contact_id);
    CHECK(store->contact(c.contact_id)->merged_into == a.contact_id);
}
