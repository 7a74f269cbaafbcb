// A lead's life after it opened (schema 6): statuses with their history, events from sources
// applied with their inbox row (a CRM's stage by the id it returned, a staff member's press, a
// staff reply), a platform's repeat of an event changing nothing, and the later messages of a
// conversation for the sinks that follow it.
#include "store_fixture.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::store;
using namespace leadhub::store::testing;

namespace {

const Identity kLifeCustomer{"telegram", "777"};

IngestItem life_customer_says(const std::string& id, int64_t at_ms) {
    InboundMessage m = message("salon", "tg", id);
    m.external_user_id = "777";
    m.received_at_ms = at_ms;
    m.address = {{"chat_id", 777}};
    IngestItem out = item(m, {job_for("crm")}, {kLifeCustomer});
    JobSpec follow = job_for("crm");
    follow.payload = {{"event", "message_added"}};
    out.update_jobs = {follow, job_for("sheet")};  // sheet was never given the lead
    return out;
}

// Accepts an event into the inbox and applies `action` with it, as the pipeline does.
std::vector<InboxOutcome> apply_event(Store& store, LeadAction action, int64_t now_ms = 20'000) {
    InboxEntry entry{action.tenant, action.source, action.event_id, "{}", now_ms};
    auto accepted = store.accept({entry}, now_ms);
    if (accepted.at(0).duplicate) return {};
    std::vector<InboxWork> work;
    work.push_back(InboxWork{accepted.at(0).inbox_id, {}, std::move(action)});
    return store.process_inbox(std::move(work), now_ms);
}

LeadAction staff_press(int64_t lead_id, const std::string& staff, const std::string& event_id) {
    LeadAction a;
    a.kind = LeadAction::Kind::take;
    a.tenant = "salon";
    a.source = "staffbot";
    a.event_id = event_id;
    a.lead_id = lead_id;
    a.staff_id = staff;
    a.staff_chat = true;
    a.staff_names = {{"olga", "Ольга"}, {"irina", "Ирина"}};
    a.result_notice = Json{{"action", "take"}, {"answer_to", {{"callback_query_id", event_id}}}};
    return a;
}

std::vector<Job> result_notices(Store& store) {
    std::vector<Job> out;
    for (const auto& job : store.due_jobs(1'000'000, 100))
        if (job.kind == "notice") out.push_back(job);
    return out;
}

}  // namespace

TEST_CASE("a CRM's stage finds the lead by the id the CRM's sink returned, once per event") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult lead = ingest_one(*store, life_customer_says("m1", 0));
    store->job_succeeded(lead.job_ids.at(0), 1, "3466", 11'000);
    CHECK(store->lead_external_ids(lead.lead_id) == Json{{"crm", "3466"}});
    CHECK(store->lead(lead.lead_id)->external_ids == Json{{"crm", "3466"}});  // as /api/leads shows it

    LeadAction moved;
    moved.tenant = "salon";
    moved.source = "crm";  // the same instance as a source
    moved.event_id = "ONCRMLEADUPDATE:3466:1714750242";
    moved.external_id = "3466";
    moved.change = StatusChange{"booked", "7", "crm", "", "2026-12-08T18:30", {{"crm_status", "PROCESSED"}}};
    auto done = apply_event(*store, moved);
    REQUIRE(done.size() == 1);
    CHECK(done[0].done);
    CHECK(store->lead(lead.lead_id)->status == "booked");
    CHECK(store->lead(lead.lead_id)->booked_for == "2026-12-08T18:30");
    auto history = store->lead_history(lead.lead_id);
    REQUIRE(history.size() == 2);  // the change, and that it was the first response to the lead
    CHECK(history[0].from_status == "new");
    CHECK(history[0].actor == "7");
    CHECK(history[0].via == "crm");
    CHECK(history[0].detail["crm_status"] == "PROCESSED");
    CHECK(history[1].kind == "first_response");
    CHECK(history[1].detail["how"] == "status");

    CHECK(apply_event(*store, moved).empty());  // the platform's repeat is recognised at the door
    CHECK(store->lead_history(lead.lead_id).size() == 2);

    LeadAction other = moved;
    other.event_id = "ONCRMLEADUPDATE:9999:1";
    other.external_id = "9999";  // no lead of ours
    auto unknown = apply_event(*store, other);
    REQUIRE(unknown.size() == 1);
    CHECK(unknown[0].done);  // nothing to act on: the row is done with, nothing else changes
    CHECK(store->lead(lead.lead_id)->status == "booked");
}

TEST_CASE("the first staff member to press «Беру» gets the lead; every press is answered, a repeat is not") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult lead = ingest_one(*store, life_customer_says("m1", 0));

    apply_event(*store, staff_press(lead.lead_id, "olga", "cb1"));
    apply_event(*store, staff_press(lead.lead_id, "olga", "cb1"));  // Telegram's repeat of the same press
    apply_event(*store, staff_press(lead.lead_id, "olga", "cb2"));  // she presses again
    apply_event(*store, staff_press(lead.lead_id, "irina", "cb3")); // a colleague, a second later

    auto after = store->lead(lead.lead_id);
    REQUIRE(after->assignment);
    CHECK(after->assignment->assignee == "olga");
    CHECK(after->status == "in_work");
    auto results = result_notices(*store);
    REQUIRE(results.size() == 3);
    CHECK(results[0].payload["result"] == "taken");
    CHECK(results[0].payload["assignee"]["name"] == "Ольга");
    CHECK(results[1].payload["result"] == "already_yours");
    CHECK(results[2].payload["result"] == "taken_by_other");
    CHECK(results[2].payload["assignee"] == Json{{"id", "olga"}, {"name", "Ольга"}});
    CHECK(results[2].payload["answer_to"]["callback_query_id"] == "cb3");
    CHECK(results[2].sink == "staffbot");
    auto history = store->lead_history(lead.lead_id);
    REQUIRE(history.size() == 3);  // the take, the first response it was, and the status it moved the lead to
    CHECK(history[0].kind == "take");
    CHECK(history[1].kind == "first_response");
    CHECK(history[1].actor == "olga");
    CHECK(history[2].to_status == "in_work");
}

TEST_CASE("a staff member's answer to a card is a reply to the customer on their channel") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult lead = ingest_one(*store, life_customer_says("m1", 0));
    LeadAction answer = staff_press(lead.lead_id, "olga", "-100:165");
    answer.kind = LeadAction::Kind::reply;
    answer.text = "Ольга, здравствуйте! Завтра в 18:30 свободно.";
    apply_event(*store, answer);
    auto messages = store->lead_messages(lead.lead_id);
    REQUIRE(messages.size() == 2);
    CHECK(messages[1].kind == "reply");
    CHECK(messages[1].author == "olga");
    CHECK(messages[1].text == answer.text);
    bool queued = false;
    for (const auto& job : store->due_jobs(1'000'000, 100))
        if (job.kind == "reply" && job.sink == "tg") queued = true;
    CHECK(queued);
    CHECK(apply_event(*store, answer).empty());  // a repeat sends nothing twice
    CHECK(store->lead_messages(lead.lead_id).size() == 2);
}

TEST_CASE("a later message goes to the sinks that follow the conversation and were given the lead") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult first = ingest_one(*store, life_customer_says("m1", 0));
    IngestResult later = ingest_one(*store, life_customer_says("m2", 1'000));
    CHECK(later.lead_id == first.lead_id);
    REQUIRE(later.job_ids.size() == 1);  // crm only: sheet never had the lead
    auto job = store->job(later.job_ids[0]);
    CHECK(job->sink == "crm");
    CHECK(job->payload["event"] == "message_added");
}

TEST_CASE("statuses: legacy names map, unknown ones are refused, a closed lead takes no more messages") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult first = ingest_one(*store, life_customer_says("m1", 0));
    CHECK(lead_status_from_name("open") == "new");
    CHECK(lead_status_from_name("won") == "visited");
    CHECK(lead_status_from_name("closed") == "cancelled");
    CHECK(lead_status_from_name("done").empty());
    CHECK(is_open_lead_status("booked"));
    CHECK_FALSE(is_open_lead_status("no_show"));
    CHECK_THROWS_AS(store->set_lead_status(first.lead_id, "done", 1), StoreError);
    CHECK(store->set_lead_status(first.lead_id, StatusChange{"no_show", "system", "timer", "", "", {}}, 2) ==
          LeadStatusChange::changed);
    IngestResult next = ingest_one(*store, life_customer_says("m2", 1'000));
    CHECK(next.new_lead);
}

TEST_CASE("a later message goes as a notice to a notifier that was sent the lead's card, never for an alert alone") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    auto says = [](const std::string& id, int64_t at_ms) {
        IngestItem out = life_customer_says(id, at_ms);
        JobSpec card = job_for("bot");
        card.kind = "notice";  // a card: a notice without an event
        JobSpec alert = job_for("pager");
        alert.kind = "notice";
        alert.payload = {{"event", "alert"}, {"text", "⏰"}};
        out.jobs = {job_for("crm"), card, alert};
        JobSpec bot_update = job_for("bot");
        bot_update.kind = "notice";
        bot_update.payload = {{"event", "message_added"}};
        JobSpec pager_update = bot_update;
        pager_update.sink = "pager";
        JobSpec bot_as_sink = job_for("bot");  // a lead job for an instance that only had a notice
        bot_as_sink.payload = {{"event", "message_added"}};
        out.update_jobs.push_back(bot_update);
        out.update_jobs.push_back(pager_update);
        out.update_jobs.push_back(bot_as_sink);
        return out;
    };
    IngestResult first = ingest_one(*store, says("m1", 0));
    IngestResult later = ingest_one(*store, says("m2", 1'000));
    REQUIRE(later.lead_id == first.lead_id);
    REQUIRE(later.job_ids.size() == 2);  // crm's update as before, and the bot's notice
    auto crm = store->job(later.job_ids[0]);
    CHECK(crm->sink == "crm");
    CHECK(crm->kind == "lead");
    auto bot = store->job(later.job_ids[1]);
    CHECK(bot->sink == "bot");
    CHECK(bot->kind == "notice");
    CHECK(bot->payload["event"] == "message_added");
    CHECK(bot->lead_id == first.lead_id);
    // The update itself is not a card: a third message still finds the card, and only one each.
    IngestResult third = ingest_one(*store, says("m3", 2'000));
    CHECK(third.job_ids.size() == 2);
}
