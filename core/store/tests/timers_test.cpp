// Timers: keyed per lead and purpose, armed with the lead, cancelled by the change that makes
// them obsolete, fired once with everything they cause, and never fired when moved meanwhile.
#include "store_fixture.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::store;
using namespace leadhub::store::testing;

namespace {

TimerSpec timer(const std::string& purpose, int64_t due_at_ms, bool keep_pending = false) {
    TimerSpec spec;
    spec.purpose = purpose;
    spec.due_at_ms = due_at_ms;
    spec.keep_pending = keep_pending;
    return spec;
}

// A Telegram customer who can be answered, with the lead's SLA step and first reply armed.
IngestItem customer(const std::string& id, int64_t at_ms) {
    InboundMessage m = message("salon", "tg", id);
    m.received_at_ms = at_ms;
    m.address = {{"chat_id", 777}};
    IngestItem one = item(m, {}, {{"telegram", "777"}});
    one.timers = {timer("sla:1", at_ms + 900'000), timer("reply", at_ms + 500)};
    TimerSpec next_reply = timer("reply", at_ms + 500, true);
    next_reply.until_staff_respond = true;
    one.join_timers = {next_reply};
    return one;
}

std::vector<std::string> statuses(Store& store, int64_t lead_id) {
    std::vector<std::string> out;
    for (const Timer& t : store.lead_timers(lead_id)) out.push_back(t.purpose + "=" + t.status);
    return out;
}

TimerFiring firing_of(const Timer& t) {
    TimerFiring f;
    f.timer_id = t.id;
    f.due_at_ms = t.due_at_ms;
    return f;
}

}  // namespace

TEST_CASE("a new lead's timers are armed with it; a joining message does not move a pending reply") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult first = ingest_one(*store, customer("m1", 1'000));
    REQUIRE(first.new_lead);
    CHECK(statuses(*store, first.lead_id) == std::vector<std::string>{"reply=pending", "sla:1=pending"});
    CHECK(store->next_timer_at() == 1'500);
    CHECK(store->pending_timer_count() == 2);

    // A second message 200 ms later joins the lead: its reply timer is the pending one, unmoved.
    IngestResult second = ingest_one(*store, customer("m2", 1'200));
    REQUIRE(second.lead_id == first.lead_id);
    auto due = store->due_timers(1'600, 10);
    REQUIRE(due.size() == 1);
    CHECK(due[0].purpose == "reply");
    CHECK(due[0].due_at_ms == 1'500);
    CHECK(store->due_timers(1'499, 10).empty());
}

TEST_CASE("a timer fires once, with its reply, notes and jobs in the same transaction") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult lead = ingest_one(*store, customer("m1", 1'000));
    Timer reply = store->due_timers(2'000, 10).at(0);
    TimerFiring f = firing_of(reply);
    f.reply = ReplyRequest{0, "Здравствуйте! Какую услугу вы хотите?", Json::array(), kAutomaticAuthor};
    f.notes = {LeadNote{"auto_reply", {{"purpose", "ask:service"}}}};
    JobSpec alert;
    alert.sink = "staff";
    alert.kind = "notice";
    alert.payload = {{"event", "alert"}};
    f.jobs = {alert};

    CHECK(store->fire_timer(f, 2'000) == TimerFireResult::fired);
    CHECK(store->fire_timer(f, 2'100) == TimerFireResult::stale);  // a second runner, or a retry after a crash

    auto messages = store->lead_messages(lead.lead_id);
    REQUIRE(messages.size() == 2);
    CHECK(messages[1].kind == "reply");
    CHECK(messages[1].author == "auto");
    CHECK(messages[1].text == "Здравствуйте! Какую услугу вы хотите?");
    auto history = store->lead_history(lead.lead_id);
    REQUIRE(history.size() == 1);
    CHECK(history[0].kind == "auto_reply");
    CHECK(history[0].via == "timer");
    // The automatic reply is no response of staff: the SLA clock runs on.
    CHECK_FALSE(store->lead(lead.lead_id)->first_response_at_ms);
    CHECK(statuses(*store, lead.lead_id) == std::vector<std::string>{"reply=fired", "sla:1=pending"});
    auto jobs = store->due_jobs(2'000, 10);
    REQUIRE(jobs.size() == 2);
    CHECK(jobs[0].kind == "notice");
    CHECK(jobs[1].kind == "reply");
    CHECK(jobs[1].payload["reply"]["text"] == "Здравствуйте! Какую услугу вы хотите?");

    // The customer answers: the fired reply timer is armed again for the next answer.
    ingest_one(*store, customer("m2", 5'000));
    CHECK(store->due_timers(5'500, 10).at(0).due_at_ms == 5'500);
}

TEST_CASE("a timer moved or cancelled after it was read does not fire") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult lead = ingest_one(*store, customer("m1", 1'000));
    Timer sla = store->lead_timers(lead.lead_id).at(1);
    REQUIRE(sla.purpose == "sla:1");
    REQUIRE(store->arm_timers(lead.lead_id, {timer("sla:1", 2'000'000)}, 3'000));
    CHECK(store->fire_timer(firing_of(sla), 901'000) == TimerFireResult::stale);
    CHECK(store->lead_timers(lead.lead_id).at(1).due_at_ms == 2'000'000);
    CHECK_FALSE(store->arm_timers(lead.lead_id + 100, {timer("sla:1", 1)}, 3'000));
}

TEST_CASE("staff taking, answering or moving the lead stops its clock and silences automatic replies, once") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));

    SECTION("a reply by a person") {
        IngestResult lead = ingest_one(*store, customer("m1", 1'000));
        REQUIRE(store->add_reply(ReplyRequest{lead.lead_id, "Добрый день!", Json::array(), "marina"}, 61'000).kind ==
                ReplyResult::Kind::ok);
        auto got = store->lead(lead.lead_id);
        CHECK(got->first_response_at_ms == 61'000);
        CHECK(got->to_json()["first_response_at"] == "1970-01-01T00:01:01.000Z");
        CHECK(statuses(*store, lead.lead_id) == std::vector<std::string>{"reply=cancelled", "sla:1=cancelled"});
        auto history = store->lead_history(lead.lead_id);
        REQUIRE(history.size() == 1);
        CHECK(history[0].kind == "first_response");
        CHECK(history[0].actor == "marina");
        CHECK(history[0].detail["how"] == "reply");
        CHECK(history[0].detail["waited_ms"] == 60'000);
        // A later reply is not a first response again; the customer's next message arms no reply.
        store->add_reply(ReplyRequest{lead.lead_id, "Ждём вас", Json::array(), "marina"}, 70'000);
        ingest_one(*store, customer("m2", 80'000));
        CHECK(store->lead(lead.lead_id)->first_response_at_ms == 61'000);
        CHECK(store->lead_history(lead.lead_id).size() == 1);
        CHECK(store->pending_timer_count() == 0);
    }
    SECTION("an automatic reply through add_reply is no response") {
        IngestResult lead = ingest_one(*store, customer("m1", 1'000));
        store->add_reply(ReplyRequest{lead.lead_id, "Здравствуйте", Json::array(), kAutomaticAuthor}, 2'000);
        CHECK_FALSE(store->lead(lead.lead_id)->first_response_at_ms);
        CHECK(store->pending_timer_count() == 2);
    }
    SECTION("a status set by the CRM") {
        IngestResult lead = ingest_one(*store, customer("m1", 1'000));
        store->set_lead_status(lead.lead_id, StatusChange{"in_work", "b24-user-7", "b24", "", "", Json::object()}, 30'000);
        CHECK(store->lead(lead.lead_id)->first_response_at_ms == 30'000);
        CHECK(store->pending_timer_count() == 0);
    }
    SECTION("the hub's own status change is no response") {
        IngestResult lead = ingest_one(*store, customer("m1", 1'000));
        store->set_lead_status(lead.lead_id, StatusChange{"nurture", "system", "timer", "", "", Json::object()}, 30'000);
        CHECK_FALSE(store->lead(lead.lead_id)->first_response_at_ms);
        CHECK(store->pending_timer_count() == 2);
    }
    SECTION("the business writing from its own account") {
        IngestResult lead = ingest_one(*store, customer("m1", 1'000));
        InboundMessage echo = message("salon", "tg", "echo-1");
        echo.kind = "business";
        echo.received_at_ms = 9'000;
        ingest_one(*store, item(echo, {}, {{"telegram", "777"}}), 9'000);
        CHECK(store->lead(lead.lead_id)->first_response_at_ms == 9'000);
        CHECK(store->lead_history(lead.lead_id).at(0).detail["how"] == "business_message");
    }
}

TEST_CASE("a closed lead's timers are cancelled with the change; a booking ends the follow-ups only") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult lead = ingest_one(*store, customer("m1", 1'000));
    store->arm_timers(lead.lead_id, {timer("followup:1", 90'000'000), timer("remind:3h", 80'000'000)}, 2'000);
    store->set_lead_status(lead.lead_id, StatusChange{"booked", "system", "timer", "", "2026-03-11T10:00", Json::object()}, 3'000);
    CHECK(statuses(*store, lead.lead_id) ==
          std::vector<std::string>{"reply=pending", "sla:1=pending", "remind:3h=pending", "followup:1=cancelled"});
    store->set_lead_status(lead.lead_id, StatusChange{"cancelled", "system", "timer", "", "", Json::object()}, 4'000);
    CHECK(store->pending_timer_count() == 0);
}

TEST_CASE("a reassignment happens only while nobody responded, and tells the new assignee") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestItem one = customer("m1", 1'000);
    one.assign = [](AssignmentState&) -> std::optional<Assignment> { return Assignment{"assigned", "olga", {}, "по очереди"}; };
    IngestResult lead = ingest_one(*store, std::move(one));
    Timer sla = store->lead_timers(lead.lead_id).at(1);

    TimerFiring f = firing_of(sla);
    std::string seen_current;
    f.reassign = Reassignment{
        [&](AssignmentState&, const std::string& current) -> std::optional<Assignment> {
            seen_current = current;
            return Assignment{"assigned", "marina", {}, "Ольга не ответила за 45 минут"};
        },
        [](const Assignment& a) {
            JobSpec tell;
            tell.sink = "staff";
            tell.kind = "notice";
            tell.payload = {{"event", "alert"}, {"to", a.assignee}};
            return std::vector<JobSpec>{tell};
        }};
    REQUIRE(store->fire_timer(f, 901'000) == TimerFireResult::fired);
    CHECK(seen_current == "olga");
    auto got = store->lead(lead.lead_id);
    CHECK(got->assignment->assignee == "marina");
    CHECK(got->assignment->reason == "Ольга не ответила за 45 минут");
    auto history = store->lead_history(lead.lead_id);
    REQUIRE(history.size() == 1);
    CHECK(history[0].kind == "reassign");
    CHECK(history[0].detail["from"] == "olga");
    CHECK(history[0].detail["to"] == "marina");
    auto jobs = store->due_jobs(901'000, 10);
    REQUIRE(jobs.size() == 1);
    CHECK(jobs[0].payload["to"] == "marina");

    // Once someone took the lead, a reassignment step changes nothing.
    store->arm_timers(lead.lead_id, {timer("sla:2", 1'000'000)}, 902'000);
    store->set_lead_status(lead.lead_id, StatusChange{"in_work", "marina", "api", "", "", Json::object()}, 903'000);
    store->arm_timers(lead.lead_id, {timer("sla:3", 1'000'000)}, 904'000);  // armed by hand, after the response
    TimerFiring late = firing_of(store->lead_timers(lead.lead_id).back());
    bool asked = false;
    late.reassign = Reassignment{[&](AssignmentState&, const std::string&) -> std::optional<Assignment> {
                                     asked = true;
                                     return Assignment{"assigned", "olga", {}, ""};
                                 },
                                 {}};
    REQUIRE(store->fire_timer(late, 1'000'000) == TimerFireResult::fired);
    CHECK_FALSE(asked);
    CHECK(store->lead(lead.lead_id)->assignment->assignee == "marina");
}

TEST_CASE("a timer of a lead that cannot be answered records it as unreachable") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    InboundMessage m = message("salon", "site", "f1");  // a web form: no reply address
    IngestItem one = item(m, {}, {{"phone", "+79131234567"}});
    one.timers = {timer("remind:24h", 5'000)};
    IngestResult lead = ingest_one(*store, std::move(one));
    TimerFiring f = firing_of(store->due_timers(5'000, 1).at(0));
    f.reply = ReplyRequest{0, "Напоминаем о записи", Json::array(), kAutomaticAuthor};
    REQUIRE(store->fire_timer(f, 5'000) == TimerFireResult::fired);
    CHECK(store->lead_messages(lead.lead_id).size() == 1);
    CHECK(store->lead_history(lead.lead_id).at(0).kind == "unreachable");
}

TEST_CASE("a booking arms its reminders from the visit's time, a move replaces them, a cancellation ends them") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestItem one = customer("m1", 1'000);
    one.reading.date = "2026-12-08";
    one.reading.time = "18:00";
    IngestResult lead = ingest_one(*store, std::move(one));
    std::vector<std::string> planned_for;
    auto reminders = [&](const std::string&, const std::string& booked_for) {
        planned_for.push_back(booked_for);
        return std::vector<TimerSpec>{timer("remind:24h", 50'000), timer("remind:3h", 60'000)};
    };
    StatusChange book{"booked", "olga", "api", "", "", Json::object()};
    book.plan_timers = reminders;
    store->set_lead_status(lead.lead_id, book, 2'000);  // no time written: the one the customer asked for
    CHECK(planned_for == std::vector<std::string>{"2026-12-08T18:00"});
    CHECK(store->lead(lead.lead_id)->booked_for == "2026-12-08T18:00");

    StatusChange move = book;
    move.booked_for = "2026-12-09T11:00";
    move.plan_timers = [&](const std::string&, const std::string& booked_for) {
        planned_for.push_back(booked_for);
        return std::vector<TimerSpec>{timer("remind:24h", 70'000)};
    };
    store->set_lead_status(lead.lead_id, move, 3'000);
    CHECK(planned_for.back() == "2026-12-09T11:00");
    std::vector<std::string> reminder_states;
    for (const Timer& t : store->lead_timers(lead.lead_id))
        if (t.purpose.rfind("remind:", 0) == 0) reminder_states.push_back(t.purpose + "=" + t.status + "@" + std::to_string(t.due_at_ms));
    CHECK(reminder_states == std::vector<std::string>{"remind:3h=cancelled@60000", "remind:24h=pending@70000"});

    store->set_lead_status(lead.lead_id, StatusChange{"cancelled", "olga", "api", "", "", Json::object()}, 4'000);
    CHECK(store->pending_timer_count() == 0);
}

TEST_CASE("a customer who asks to stop is never messaged automatically again") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult lead = ingest_one(*store, customer("m1", 1'000));
    TimerFiring stop = firing_of(store->due_timers(2'000, 1).at(0));
    stop.opt_out = true;
    REQUIRE(store->fire_timer(stop, 2'000) == TimerFireResult::fired);
    CHECK(store->pending_timer_count() == 0);  // every timer of the lead goes with it
    REQUIRE(store->arm_timers(lead.lead_id, {timer("followup:1", 3'000)}, 2'500));
    TimerFiring nudge = firing_of(store->due_timers(3'000, 1).at(0));
    nudge.reply = ReplyRequest{0, "Подобрать вам время?", Json::array(), kAutomaticAuthor};
    REQUIRE(store->fire_timer(nudge, 3'000) == TimerFireResult::fired);
    CHECK(store->lead_messages(lead.lead_id).size() == 1);  // nothing was sent
    auto history = store->lead_history(lead.lead_id);
    REQUIRE(history.size() == 2);
    CHECK(history[0].kind == "opt_out");
    CHECK(history[1].kind == "opted_out");
    // A person may still answer: the opt-out is about automatic messages.
    CHECK(store->add_reply(ReplyRequest{lead.lead_id, "Извините за беспокойство", Json::array(), "olga"}, 4'000).kind ==
          ReplyResult::Kind::ok);
}

TEST_CASE("a customer who writes to a lead in nurture puts it back in the staff's queue") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult lead = ingest_one(*store, customer("m1", 1'000));
    store->set_lead_status(lead.lead_id, StatusChange{"nurture", "system", "timer", "", "", Json::object()}, 2'000);
    ingest_one(*store, customer("m2", 3'000));
    CHECK(store->lead(lead.lead_id)->status == "new");
    auto history = store->lead_history(lead.lead_id);
    CHECK(history.back().from_status == "nurture");
    CHECK(history.back().to_status == "new");
    CHECK(history.back().actor == "customer");
}

TEST_CASE("a booked lead takes the customer's answer days later, past the conversation window") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult lead = ingest_one(*store, customer("m1", 1'000));
    store->set_lead_status(lead.lead_id, StatusChange{"booked", "olga", "api", "", "2026-12-08T18:00", Json::object()}, 2'000);
    const int64_t two_days = 2 * kDefaultConversationWindowMs;
    IngestResult answer = ingest_one(*store, customer("m2", two_days), two_days);
    CHECK_FALSE(answer.new_lead);
    CHECK(answer.lead_id == lead.lead_id);
    // Once the visit is marked, the next message opens a new lead.
    store->set_lead_status(lead.lead_id, StatusChange{"visited", "olga", "api", "", "", Json::object()}, two_days + 1);
    CHECK(ingest_one(*store, customer("m3", two_days + 2), two_days + 2).new_lead);
}

TEST_CASE("timers fired as a batch: one transaction, and one whose writes fail is undone alone and recorded") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult a = ingest_one(*store, customer("m1", 1'000));
    InboundMessage other = message("salon", "tg", "m2");
    other.received_at_ms = 1'000;
    other.address = {{"chat_id", 888}};
    IngestItem second = item(other, {}, {{"telegram", "888"}});
    second.timers = {timer("sla:1", 5'000)};
    IngestResult b = ingest_one(*store, std::move(second));
    const auto before = store->stats().transactions;

    std::vector<TimerFiring> batch;
    for (const Timer& t : store->due_timers(10'000, 10)) {
        TimerFiring f = firing_of(t);
        f.notes = {LeadNote{"fired", {{"purpose", t.purpose}}}};
        if (t.lead_id == b.lead_id)
            f.reassign = Reassignment{[](AssignmentState&, const std::string&) -> std::optional<Assignment> {
                                          throw StoreError("the rule broke");
                                      },
                                      {}};
        batch.push_back(std::move(f));
    }
    REQUIRE(batch.size() == 2);
    auto results = store->fire_timers(batch, 10'000);
    CHECK(store->stats().transactions == before + 1);
    REQUIRE(results.size() == 2);
    CHECK(results[0] == TimerFireResult::fired);
    CHECK(results[1] == TimerFireResult::failed);
    CHECK(store->lead_history(a.lead_id).at(0).kind == "fired");
    auto failed = store->lead_history(b.lead_id);
    REQUIRE(failed.size() == 1);  // its note was undone with the failure; the error is what stays
    CHECK(failed[0].kind == "timer_failed");
    CHECK(failed[0].detail["error"].get<std::string>().find("the rule broke") != std::string::npos);
    CHECK(store->pending_timer_count() == 1);  // a's SLA step at 901 s; both fired ones are done
    CHECK(store->fire_timers(batch, 10'001) == std::vector<TimerFireResult>{TimerFireResult::stale, TimerFireResult::stale});
}
