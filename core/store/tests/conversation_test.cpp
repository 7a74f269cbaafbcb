// Conversations: a contact's messages join its open lead within the window; only a new lead is
// assigned and gets jobs; the lead's status closes it.
#include "store_fixture.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::store;
using namespace leadhub::store::testing;

namespace {

constexpr int64_t kHour = 60 * 60 * 1000;
// The customer of the conversation: every message comes from this Telegram account.
const Identity kCustomerTelegram{"telegram", "777"};

IngestItem from_customer(const std::string& id, int64_t received_at_ms, LeadReading reading = {}) {
    InboundMessage m = message("salon", "tg", id);
    m.received_at_ms = received_at_ms;
    m.text = "сообщение " + id;
    IngestItem one = item(m, {job_for("crm")}, {kCustomerTelegram});
    one.reading = std::move(reading);
    return one;
}

LeadReading reading(std::string intent, std::vector<std::string> services, std::string score) {
    LeadReading r;
    r.intent = std::move(intent);
    r.services = std::move(services);
    r.score = std::move(score);
    return r;
}

}  // namespace

TEST_CASE("a conversation of several messages makes one lead with one set of jobs") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult first = ingest_one(*store, from_customer("m1", 1 * kHour, reading("question", {"haircut"}, "warm")));
    LeadReading later = reading("book", {"coloring"}, "hot");
    later.date = "2026-03-14";
    IngestResult second = ingest_one(*store, from_customer("m2", 3 * kHour, later));
    IngestResult third = ingest_one(*store, from_customer("m3", 20 * kHour, reading("other", {}, "cold")));
    ingest_one(*store, from_customer("m4", 21 * kHour, reading("question", {}, "warm")));

    CHECK(first.new_lead);
    CHECK_FALSE(second.new_lead);
    CHECK_FALSE(third.new_lead);
    CHECK(second.lead_id == first.lead_id);
    CHECK(third.lead_id == first.lead_id);
    CHECK(first.job_ids.size() == 1);
    CHECK(second.job_ids.empty());
    CHECK(third.job_ids.empty());
    CHECK(store->due_jobs(1'000'000'000, 10).size() == 1);
    CHECK(store->leads("salon", 10).size() == 1);

    auto lead = store->lead(first.lead_id);
    REQUIRE(lead);
    CHECK(lead->message_count == 4);
    CHECK(lead->last_message_at_ms == 21 * kHour);
    CHECK(lead->text == "сообщение m1");  // the lead keeps its first message's text
    CHECK(lead->reading.intent == "book");  // "other" says nothing new, a follow-up question does not undo it
    CHECK(lead->reading.services == std::vector<std::string>{"haircut", "coloring"});
    CHECK(lead->reading.date == "2026-03-14");
    CHECK(lead->reading.score == "hot");  // the highest score of the conversation

    auto messages = store->lead_messages(first.lead_id);
    REQUIRE(messages.size() == 4);
    CHECK(messages[0].id == first.message_id);
    CHECK(messages[2].text == "сообщение m3");
    CHECK(messages[1].reading["intent"] == "book");
    CHECK(messages[1].received_at_ms == 3 * kHour);
}

TEST_CASE("a message after the window opens a new lead; the old one keeps its status") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult first = ingest_one(*store, from_customer("m1", 0));
    IngestResult late = ingest_one(*store, from_customer("m2", 24 * kHour + 1));
    CHECK(late.new_lead);
    CHECK(late.lead_id != first.lead_id);
    CHECK(late.contact_id == first.contact_id);
    CHECK(store->lead(first.lead_id)->status == "new");  // where it is in the business's process
    CHECK(store->lead(late.lead_id)->status == "new");
    CHECK(late.job_ids.size() == 1);

    SECTION("exactly at the window's end it still joins") {
        IngestResult edge = ingest_one(*store, from_customer("m3", 48 * kHour + 1));
        CHECK(edge.lead_id == late.lead_id);
    }
    SECTION("a later cancellation is what the customer wants now") {
        LeadReading cancel = reading("cancel", {}, "cold");
        ingest_one(*store, from_customer("m3", 25 * kHour, cancel));
        CHECK(store->lead(late.lead_id)->reading.intent == "cancel");
    }
    SECTION("a shorter window from the tenant applies") {
        IngestItem soon = from_customer("m3", 24 * kHour + 1 + 2 * kHour);
        soon.conversation_window_ms = kHour;
        CHECK(ingest_one(*store, std::move(soon)).new_lead);
    }
}

TEST_CASE("a lead marked won, lost or closed takes no more messages") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult first = ingest_one(*store, from_customer("m1", 0));
    CHECK(store->set_lead_status(first.lead_id, "won", 5) == LeadStatusChange::changed);
    CHECK(store->set_lead_status(first.lead_id, "won", 6) == LeadStatusChange::same_status);
    CHECK(store->set_lead_status(first.lead_id + 50, "lost", 6) == LeadStatusChange::no_such_lead);
    CHECK_THROWS_WITH(store->set_lead_status(first.lead_id, "done", 6), Catch::Contains("unknown lead status 'done'"));
    CHECK(store->lead(first.lead_id)->status == "visited");

    IngestResult next = ingest_one(*store, from_customer("m2", kHour));
    CHECK(next.new_lead);
    CHECK(next.lead_id != first.lead_id);
    CHECK(store->lead(first.lead_id)->status == "visited");  // a closed lead is not touched
}

TEST_CASE("a repeat of a message that joined a conversation is still recognised") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult first = ingest_one(*store, from_customer("m1", 0));
    ingest_one(*store, from_customer("m2", kHour));
    IngestResult repeat = ingest_one(*store, from_customer("m2", kHour));
    CHECK(repeat.duplicate);
    CHECK(repeat.lead_id == first.lead_id);
    CHECK(store->lead(first.lead_id)->message_count == 2);
}

namespace {

// Records what the store's AssignmentState answered, and assigns to `who`.
struct RecordingAssigner {
    std::string who;
    std::vector<std::string>* seen;
    std::optional<Assignment> operator()(AssignmentState& state) const {
        auto owner = state.previous_owner();
        seen->push_back("owner=" + owner.value_or("-") + " open=" + std::to_string(state.open_leads(who)) +
                        " turn=" + state.get("turn").value_or("-"));
        state.put("turn", who);
        return Assignment{"assigned", who, {}, "по очереди"};
    }
};

}  // namespace

TEST_CASE("a new lead is assigned inside its transaction; joining messages are not assigned again") {
    TempDir dir;
    std::string path = dir.file("leadhub.db");
    std::vector<std::string> seen;
    {
        auto store = Store::open(options_for(path));
        IngestItem one = from_customer("m1", 0);
        one.assign = RecordingAssigner{"olga", &seen};
        IngestResult first = ingest_one(*store, std::move(one));
        IngestItem two = from_customer("m2", kHour);
        two.assign = RecordingAssigner{"irina", &seen};
        ingest_one(*store, std::move(two));

        auto lead = store->lead(first.lead_id);
        REQUIRE(lead->assignment);
        CHECK(lead->assignment->status == "assigned");
        CHECK(lead->assignment->assignee == "olga");
        CHECK(lead->assignment->reason == "по очереди");
        CHECK(lead->to_json()["assignee"] == "olga");
        CHECK(seen == std::vector<std::string>{"owner=- open=0 turn=-"});
        CHECK(store->set_lead_status(first.lead_id, "closed", 1) == LeadStatusChange::changed);
    }
    // After a restart: the turn is remembered and the returning customer's owner is known.
    auto store = Store::open(options_for(path));
    IngestItem three = from_customer("m3", 2 * kHour);
    three.assign = RecordingAssigner{"olga", &seen};
    ingest_one(*store, std::move(three));
    IngestItem other = item(message("salon", "tg", "m4"), {}, {Identity{"telegram", "888"}});
    other.message.received_at_ms = 2 * kHour;
    other.assign = RecordingAssigner{"olga", &seen};
    ingest_one(*store, std::move(other));
    REQUIRE(seen.size() == 3);
    CHECK(seen[1] == "owner=olga open=0 turn=olga");
    CHECK(seen[2] == "owner=- open=1 turn=olga");
}

TEST_CASE("an assignment rule that fails leaves the lead queued, and the message stored") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestItem one = from_customer("m1", 0);
    one.assign = [](AssignmentState&) -> std::optional<Assignment> { throw std::runtime_error("нет сотрудников"); };
    IngestResult result = ingest_one(*store, std::move(one));
    auto lead = store->lead(result.lead_id);
    REQUIRE(lead->assignment);
    CHECK(lead->assignment->status == "queued");
    CHECK(lead->assignment->reason == "ошибка правил распределения: нет сотрудников");
    CHECK(lead->to_json()["assignee"].is_null());
}
