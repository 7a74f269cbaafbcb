// update_reading() and take_lead(): a processor's reading replaces the built-in one unless the
// conversation grew; the first of several takers of an offered lead wins, atomically.
#include "store_fixture.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

using namespace leadhub::store;
using namespace leadhub::store::testing;

namespace {

// A customer who writes again from the same Telegram account, so the second message joins the lead.
const Identity kReturningCustomerTelegram{"telegram", "555"};

// A lead of "salon" with the built-in reading "question / warm", offered to `offered` when given.
IngestResult new_lead(Store& store, const std::string& id, std::vector<std::string> offered = {}) {
    InboundMessage m = message("salon", "tg", id);
    m.name = "Анна";
    IngestItem one = item(m, {job_for("crm")}, {{"telegram", id}});
    one.reading.intent = "question";
    one.reading.score = "warm";
    if (!offered.empty())
        one.assign = [offered](AssignmentState&) -> std::optional<Assignment> {
            return Assignment{"offered", {}, offered, "предложена всем: " + std::to_string(offered.size())};
        };
    return ingest_one(store, std::move(one));
}

ReadingUpdate llm_reading(int64_t messages_read) {
    ReadingUpdate u;
    u.reading.intent = "book";
    u.reading.services = {"manicure"};
    u.reading.urgent = true;
    u.reading.date = "2026-03-03";
    u.reading.time = "14:00";
    u.reading.score = "hot";
    u.name = "Мария";
    u.phone = "+79131234567";
    u.source = "llm-main";
    u.messages_read = messages_read;
    return u;
}

}  // namespace

TEST_CASE("a processor's reading replaces the built-in one and says where it came from") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult r = new_lead(*store, "m1");
    REQUIRE(store->lead(r.lead_id)->reading_source == "builtin");
    CHECK(store->lead(r.lead_id)->to_json()["reading_source"] == "builtin");

    CHECK(store->update_reading(r.lead_id, llm_reading(1), 50'000) == ReadingUpdateResult::applied);
    auto lead = store->lead(r.lead_id);
    REQUIRE(lead);
    CHECK(lead->reading.intent == "book");
    CHECK(lead->reading.services == std::vector<std::string>{"manicure"});
    CHECK(lead->reading.urgent);
    CHECK(lead->reading.date == "2026-03-03");
    CHECK(lead->reading.time == "14:00");
    CHECK_FALSE(lead->reading.daypart);
    CHECK(lead->reading.score == "hot");
    CHECK(lead->reading_source == "llm-main");
    CHECK(lead->name == "Анна");                 // the channel's name is kept
    CHECK(lead->phone == "+79131234567");        // the missing phone is filled
    // The built-in reading of the message itself stays on record.
    CHECK(store->lead_messages(r.lead_id).at(0).reading["intent"] == "question");
}

TEST_CASE("a reading of fewer messages than the lead now has is refused as stale") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    InboundMessage first = message("salon", "tg", "m1");
    IngestResult r = ingest_one(*store, item(first, {}, {kReturningCustomerTelegram}));
    InboundMessage second = message("salon", "tg", "m2");
    second.received_at_ms = 2'000;
    REQUIRE(ingest_one(*store, item(second, {}, {kReturningCustomerTelegram})).lead_id == r.lead_id);

    CHECK(store->update_reading(r.lead_id, llm_reading(1), 50'000) == ReadingUpdateResult::stale);
    CHECK(store->lead(r.lead_id)->reading_source == "builtin");
    CHECK(store->lead(r.lead_id)->reading.intent == "other");
    CHECK(store->update_reading(r.lead_id, llm_reading(2), 50'000) == ReadingUpdateResult::applied);
    CHECK(store->update_reading(999, llm_reading(1), 50'000) == ReadingUpdateResult::no_such_lead);
    ReadingUpdate bad = llm_reading(2);
    bad.reading.score = "lukewarm";
    CHECK_THROWS_AS(store->update_reading(r.lead_id, bad, 50'000), StoreError);
}

namespace {
bool has_identity(const Contact& contact, const std::string& kind, const std::string& value) {
    return std::any_of(contact.identities.begin(), contact.identities.end(),
                       [&](const IdentityRow& row) { return row.kind == kind && row.value == value; });
}
}  // namespace

TEST_CASE("a phone a processor fills in joins the contact's identities, so the next lead finds the contact") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult r = new_lead(*store, "m1");  // a Telegram contact without a phone
    REQUIRE_FALSE(has_identity(*store->contact(r.contact_id), "phone", "+79131234567"));

    REQUIRE(store->update_reading(r.lead_id, llm_reading(1), 50'000) == ReadingUpdateResult::applied);
    CHECK(has_identity(*store->contact(r.contact_id), "phone", "+79131234567"));

    // The same customer calls from that number: a lead of the same contact, not a new person.
    InboundMessage call = message("salon", "phone", "call-1");
    call.received_at_ms = 60'000;
    IngestResult by_phone = ingest_one(*store, item(call, {}, {{"phone", "+79131234567"}}));
    CHECK(by_phone.contact_id == r.contact_id);
}

TEST_CASE("a phone a processor reads that another contact has already merges the two, as at ingest") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    InboundMessage form = message("salon", "site", "f1");
    IngestResult older = ingest_one(*store, item(form, {}, {{"phone", "+79131234567"}}));
    IngestResult r = new_lead(*store, "m1");
    REQUIRE(r.contact_id != older.contact_id);

    REQUIRE(store->update_reading(r.lead_id, llm_reading(1), 50'000) == ReadingUpdateResult::applied);
    auto kept = store->contact(older.contact_id);  // the older contact is kept
    REQUIRE(kept);
    CHECK(has_identity(*kept, "telegram", "m1"));
    CHECK(std::find(kept->lead_ids.begin(), kept->lead_ids.end(), r.lead_id) != kept->lead_ids.end());
    CHECK(store->contact(r.contact_id)->merged_into == older.contact_id);
    CHECK(kept->merges.size() == 1);  // recorded, so it can be undone
}

TEST_CASE("a processor's phone for a lead that has one already changes neither the lead nor the contact") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    InboundMessage m = message("salon", "site", "f1");
    m.phone = "+79990000000";
    IngestResult r = ingest_one(*store, item(m, {}, {{"phone", "+79990000000"}}));

    REQUIRE(store->update_reading(r.lead_id, llm_reading(1), 50'000) == ReadingUpdateResult::applied);
    CHECK(store->lead(r.lead_id)->phone == "+79990000000");
    auto contact = store->contact(r.contact_id);
    CHECK_FALSE(has_identity(*contact, "phone", "+79131234567"));
    CHECK(contact->identities.size() == 1);
}

TEST_CASE("the first of two takers wins an offered lead; the second learns who has it") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult r = new_lead(*store, "m1", {"olga", "irina"});
    REQUIRE(store->lead(r.lead_id)->assignment->status == "offered");

    TakeResult olga = store->take_lead(r.lead_id, "olga", "взяла olga", 60'000);
    CHECK(olga.kind == TakeResult::Kind::taken);
    CHECK(olga.assignee == "olga");
    TakeResult irina = store->take_lead(r.lead_id, "irina", "взяла irina", 61'000);
    CHECK(irina.kind == TakeResult::Kind::taken_by_other);
    CHECK(irina.assignee == "olga");
    CHECK(store->take_lead(r.lead_id, "olga", "again", 62'000).kind == TakeResult::Kind::already_yours);

    auto lead = store->lead(r.lead_id);
    CHECK(lead->assignment->status == "assigned");
    CHECK(lead->assignment->assignee == "olga");
    CHECK(lead->assignment->reason == "взяла olga");
    CHECK(lead->assignment->offered_to == std::vector<std::string>{"olga", "irina"});  // kept on record
}

TEST_CASE("many takers at once: exactly one wins") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    std::vector<std::string> staff = {"a", "b", "c", "d", "e", "f", "g", "h"};
    IngestResult r = new_lead(*store, "m1", staff);
    std::atomic<int> winners{0}, losers{0};
    std::vector<std::thread> threads;
    for (const auto& person : staff)
        threads.emplace_back([&, person] {
            TakeResult t = store->take_lead(r.lead_id, person, "взял " + person, 60'000);
            if (t.kind == TakeResult::Kind::taken) winners++;
            else if (t.kind == TakeResult::Kind::taken_by_other) losers++;
        });
    for (auto& t : threads) t.join();
    CHECK(winners == 1);
    CHECK(losers == static_cast<int>(staff.size()) - 1);
}

TEST_CASE("only staff the lead was offered to may take it") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult offered = new_lead(*store, "m1", {"olga", "irina"});
    CHECK(store->take_lead(offered.lead_id, "nina", "x", 1).kind == TakeResult::Kind::not_offered);
    CHECK(store->take_lead(999, "olga", "x", 1).kind == TakeResult::Kind::no_such_lead);
    IngestResult unassigned = new_lead(*store, "m2");  // no assignment rules ran
    CHECK(store->take_lead(unassigned.lead_id, "olga", "x", 1).kind == TakeResult::Kind::not_offered);
    // Once taken, a stranger still only learns that it was not offered to them.
    REQUIRE(store->take_lead(offered.lead_id, "olga", "x", 1).kind == TakeResult::Kind::taken);
    TakeResult stranger = store->take_lead(offered.lead_id, "nina", "x", 1);
    CHECK(stranger.kind == TakeResult::Kind::not_offered);
    CHECK(store->lead(offered.lead_id)->assignment->assignee == "olga");
}
