// Conversations in both directions (schema 5): the business's echoes and a customer's block are
// recorded on the open conversation and open nothing; a reply through the hub is a message of the
// conversation and a `reply` job for the source that can carry it, in one transaction.
#include "raw_db.hpp"
#include "store/sqlite/migrations.hpp"
#include "store_fixture.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::store;
using namespace leadhub::store::testing;

namespace {

const Identity kCustomer{"telegram", "777"};

IngestItem customer_says(const std::string& id, int64_t at_ms, Json address = {{"chat_id", 777}}) {
    InboundMessage m = message("salon", "tg", id);
    m.external_user_id = "777";
    m.received_at_ms = at_ms;
    m.address = std::move(address);
    return item(m, {job_for("crm")}, {kCustomer});
}

IngestItem business_echo(const std::string& id, int64_t at_ms, std::string kind = "business") {
    InboundMessage m = message("salon", "tg", id);
    m.external_user_id = "777";
    m.received_at_ms = at_ms;
    m.kind = std::move(kind);
    m.text = "Добрый день! Свободно в 15:00";
    return item(m, {job_for("crm")}, {kCustomer});
}

ReplyRequest reply_to(int64_t lead_id, std::string text = "Записали вас на 15:00") {
    ReplyRequest r;
    r.lead_id = lead_id;
    r.text = std::move(text);
    return r;
}

}  // namespace

TEST_CASE("an echo of the business's message joins the open conversation and opens nothing") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult first = ingest_one(*store, customer_says("m1", 1000));
    IngestResult echo = ingest_one(*store, business_echo("e1", 2000));
    CHECK_FALSE(echo.new_lead);
    CHECK(echo.lead_id == first.lead_id);
    CHECK(echo.job_ids.empty());
    CHECK(store->leads("salon", 10).size() == 1);
    CHECK(store->due_jobs(1'000'000'000, 10).size() == 1);  // the first message's job only

    auto lead = store->lead(first.lead_id);
    REQUIRE(lead);
    CHECK(lead->message_count == 1);            // customer messages only
    CHECK(lead->last_message_at_ms == 1000);    // the business's words do not keep the window open

    auto messages = store->lead_messages(first.lead_id);
    REQUIRE(messages.size() == 2);
    CHECK(messages[0].kind == "customer");
    CHECK(messages[0].address == Json{{"chat_id", 777}});
    CHECK(messages[1].kind == "business");
    CHECK(messages[1].text == "Добрый день! Свободно в 15:00");
    CHECK(messages[1].address.is_null());

    // The platform's retry of the echo is recognised by its id.
    CHECK(ingest_one(*store, business_echo("e1", 2000)).duplicate);
    CHECK(store->lead_messages(first.lead_id).size() == 2);
}

TEST_CASE("an echo or a block with no open conversation records nothing and creates no contact") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult echo = ingest_one(*store, business_echo("e1", 2000));
    CHECK(echo.lead_id == 0);
    CHECK(echo.contact_id == 0);
    CHECK_FALSE(echo.new_lead);
    CHECK(store->leads("salon", 10).empty());
    CHECK(store->find_contacts("salon", kCustomer).empty());
    CHECK(ingest_one(*store, business_echo("b1", 3000, "blocked")).lead_id == 0);
}

TEST_CASE("a block is recorded on the conversation") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult first = ingest_one(*store, customer_says("m1", 1000));
    IngestResult blocked = ingest_one(*store, business_echo("blocked:9", 5000, "blocked"));
    CHECK(blocked.lead_id == first.lead_id);
    auto messages = store->lead_messages(first.lead_id);
    REQUIRE(messages.size() == 2);
    CHECK(messages[1].kind == "blocked");
}

TEST_CASE("a reply is a message of the conversation and a reply job for the source, in one write") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    IngestResult first = ingest_one(*store, customer_says("m1", 1000, {{"chat_id", 1}}));
    ingest_one(*store, customer_says("m2", 4000, {{"chat_id", 2}}));  // the latest address wins

    ReplyRequest r = reply_to(first.lead_id);
    r.buttons = Json::array({{{"id", "yes"}, {"title", "Да"}}});
    r.author = "olga";
    ReplyResult result = store->add_reply(r, 50'000);
    REQUIRE(result.kind == ReplyResult::Kind::ok);
    CHECK(result.source == "tg");
    CHECK(result.channel == "telegram");

    auto jobs = store->due_jobs(1'000'000'000, 10);
    REQUIRE(jobs.size() == 2);
    const Job& job = jobs[1].id == result.job_id ? jobs[1] : jobs[0];
    CHECK(job.id == result.job_id);
    CHECK(job.kind == "reply");
    CHECK(job.sink == "tg");
    CHECK(job.lead_id == first.lead_id);
    CHECK(job.payload["reply"]["text"] == "Записали вас на 15:00");
    CHECK(job.payload["reply"]["address"] == Json{{"chat_id", 2}});
    CHECK(job.payload["reply"]["customer_last_message_at_ms"] == 4000);
    CHECK(job.payload["reply"]["buttons"][0]["title"] == "Да");

    auto messages = store->lead_messages(first.lead_id);
    REQUIRE(messages.size() == 3);
    CHECK(messages[2].id == result.message_id);
    CHECK(messages[2].kind == "reply");
    CHECK(messages[2].author == "olga");
    CHECK(messages[2].job_id == result.job_id);
    CHECK(messages[2].received_at_ms == 50'000);
    CHECK(store->lead(first.lead_id)->message_count == 2);
}

TEST_CASE("a reply to a lead with no answerable message, or to no lead, writes nothing") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    InboundMessage form = message("salon", "site", "f1");
    form.channel = "webform";  // no address: a web form cannot be answered on its channel
    IngestResult lead = ingest_one(*store, item(form, {}, {{"phone", "+79131234567"}}));

    CHECK(store->add_reply(reply_to(lead.lead_id), 9000).kind == ReplyResult::Kind::no_address);
    CHECK(store->add_reply(reply_to(lead.lead_id + 100), 9000).kind == ReplyResult::Kind::no_such_lead);
    CHECK(store->lead_messages(lead.lead_id).size() == 1);
    CHECK(store->due_jobs(1'000'000'000, 10).empty());
    CHECK_THROWS_AS(store->add_reply(reply_to(lead.lead_id, ""), 9000), StoreError);
}

TEST_CASE("schema 5 refuses unknown message kinds, addresses that are not objects and unknown job kinds") {
    TempDir dir;
    std::string path = dir.file("leadhub.db");
    {
        auto store = Store::open(options_for(path));
        CHECK(store->schema_version() == latest_schema_version());
        ingest_one(*store, customer_says("m1", 1000));
    }
    auto changed = [&](const std::string& sql) {
        raw_exec(path, "CREATE TABLE IF NOT EXISTS probe (n INTEGER); DELETE FROM probe;"
                       "CREATE TRIGGER IF NOT EXISTS count_messages AFTER UPDATE ON messages BEGIN INSERT INTO probe VALUES (1); END;"
                       "CREATE TRIGGER IF NOT EXISTS count_jobs AFTER UPDATE ON jobs BEGIN INSERT INTO probe VALUES (1); END;"
                       "UPDATE messages SET kind = kind WHERE 0;" + std::string("UPDATE OR IGNORE ") + sql);
        return raw_value(path, "SELECT count(*) FROM probe") == "1";
    };
    // UPDATE OR IGNORE skips a row that breaks a CHECK: a refused change leaves the row as it was.
    CHECK_FALSE(changed("messages SET kind = 'robot' WHERE id = 1"));
    CHECK_FALSE(changed("messages SET address = '[1]' WHERE id = 1"));
    CHECK(changed("messages SET kind = 'blocked' WHERE id = 1"));
    CHECK_FALSE(changed("jobs SET kind = 'bogus' WHERE id = 1"));
    CHECK(changed("jobs SET kind = 'reply' WHERE id = 1"));
    CHECK(raw_value(path, "SELECT kind FROM jobs WHERE id = 1") == "reply");
}
