// Leads out to CRMs and staff, and the answers back, through the real binary against fakes that
// behave as the APIs' documentation says (tests/support/fake_crm_apis.hpp): every sink ends with
// exactly one record per lead whatever faults were injected, dead letters hold only what must
// not be retried, and a CRM's stage change and a staff member's press act on the lead.
#include "channel_e2e_support.hpp"
#include "support/fake_crm_apis.hpp"

#include <set>

using namespace leadhub::testing;
using nlohmann::json;

namespace {

const std::string kSiteToken = "e2e-site-token-123456";
const std::string kB24AppToken = "q7w2k9d4m1x8c5v3b6n0z2l4p7r9t1ya";

std::string crm_config(int port, const std::string& sinks, const std::string& extra_sources = "",
                       const std::string& staff = "") {
    std::ostringstream y;
    y << "version: 1\n"
      << "listen: 127.0.0.1:" << port << "\n"
      << "admin:\n  token: ${LEADHUB_ADMIN_TOKEN}\n"
      << "storage:\n  path: leadhub.db\n"
      // Retries come fast in a test: the faults below each cost one attempt.
      << "dispatch:\n  backoff: {initial: 200ms, max: 1s, multiplier: 2, jitter: 0}\n"
      << "tenants:\n"
      << "  - id: t1\n"
      << "    timezone: Europe/Moscow\n"
      << "    services:\n      - {id: manicure, name: Маникюр, keywords: [маникюр]}\n"
      << staff
      << "    sources:\n"
      << "      - {name: site, plugin: webform, options: {token: \"" << kSiteToken << "\"}}\n"
      << extra_sources
      << "    sinks:\n"
      << sinks
      << "    routes:\n      - {from: [site], to: [" << "ROUTE_TARGETS" << "]}\n";
    return y.str();
}

std::string with_targets(std::string config, const std::string& targets) {
    config.replace(config.find("ROUTE_TARGETS"), 13, targets);
    return config;
}

HttpReply post_form_lead(const Hub& hub, const std::string& name, const std::string& phone, const std::string& message) {
    return http_call(hub.port(), "POST", "/hooks/t1/site?token=" + kSiteToken,
                     "name=" + name + "&phone=" + phone + "&message=" + message,
                     {{"Content-Type", "application/x-www-form-urlencoded"}});
}

json dead_letters(const Hub& hub) {
    auto r = hub.api("/api/deadletters");
    return r.status == 200 ? json::parse(r.body)["deadletters"] : json::array();
}

json history(const Hub& hub, int64_t lead_id) {
    auto r = hub.api("/api/leads/" + std::to_string(lead_id) + "/history");
    return r.status == 200 ? json::parse(r.body)["history"] : json::array();
}

}  // namespace

TEST_CASE("Bitrix24: a lead arrives once through a lost answer and a full bucket, and its stage comes back", "[crm][bitrix24]") {
    FakeBitrix24 portal;
    // The first add is applied and its answer never arrives (the plugin's call times out); the
    // retry must find the lead by its origin instead of adding a second. Then the bucket is full.
    portal.inject("crm.lead.add", Fault{0, "", "application/json", {}, 2500, false, true});
    portal.inject("batch", Fault{503, R"({"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"})"});

    TempDir dir("leadhub-e2e-bitrix24");
    const int port = free_port();
    const std::string sinks = "      - name: b24\n        plugin: bitrix24\n        timeout: 10s\n"
                              "        options: {webhook_url: \"" + portal.webhook_url() + "\", application_token: \"" +
                              kB24AppToken + "\", timeout_ms: 1000}\n";
    Hub hub(dir, port, with_targets(crm_config(port, sinks), "b24"));
    hub.start();
    REQUIRE(hub.wait_ready());

    REQUIRE(post_form_lead(hub, "Ольга", "89131234567", "Хочу на маникюр завтра").status == 200);
    json leads = hub.wait_for_leads(1);
    REQUIRE(leads.size() == 1);
    const int64_t lead_id = leads[0]["id"];
    if (!eventually([&] { return lead_by_id(hub, lead_id)["external_ids"].contains("b24"); }, std::chrono::milliseconds(20000)))
        FAIL("the lead never reached Bitrix24; the hub's log:\n" << hub.log());
    REQUIRE(portal.leads().size() == 1);  // the lost answer did not make a second lead
    const json crm_lead = portal.leads()[0];
    CHECK(lead_by_id(hub, lead_id)["external_ids"]["b24"] == crm_lead["ID"]);
    CHECK(crm_lead["NAME"] == "Ольга");
    CHECK(crm_lead["PHONE"][0]["VALUE"] == "+79131234567");
    CHECK(dead_letters(hub).empty());

    // A manager moves it to PROCESSED; Bitrix24 posts ONCRMLEADUPDATE with only the id.
    portal.set_stage(crm_lead["ID"], "PROCESSED");
    const std::string event = "event=ONCRMLEADUPDATE&event_handler_id=27&data%5BFIELDS%5D%5BID%5D=" +
                              crm_lead["ID"].get<std::string>() +
                              "&ts=1714750242&auth%5Bdomain%5D=example.bitrix24.ru&auth%5Bapplication_token%5D=";
    const std::map<std::string, std::string> form = {{"Content-Type", "application/x-www-form-urlencoded"}};
    CHECK(http_call(port, "POST", "/hooks/t1/b24", event + "wrong-token", form).status == 403);
    CHECK(http_call(port, "POST", "/hooks/t1/b24", event + kB24AppToken, form).status == 200);
    REQUIRE(eventually([&] { return lead_by_id(hub, lead_id)["status"] == "booked"; }));
    json changes = history(hub, lead_id);
    REQUIRE(changes.size() == 2);  // the stage, and that it was the first response (the SLA clock stops)
    CHECK(changes[0]["via"] == "b24");
    CHECK(changes[1]["kind"] == "first_response");
    CHECK(changes[0]["to"] == "booked");
    CHECK(http_call(port, "POST", "/hooks/t1/b24", event + kB24AppToken, form).status == 200);  // Bitrix24 repeats itself
    REQUIRE(inbox_settled(hub));
    CHECK(history(hub, lead_id).size() == 2);
}

namespace {

const std::string kStaffBotToken = "123456789:AAE_staff-e2e";
const std::string kStaffSecret = "lead-hub_tg_9Xq2Lm7v";
const int64_t kStaffChat = -1001234567890;

json telegram_update(int64_t update_id, json payload) {
    json update = {{"update_id", update_id}};
    update.update(payload);
    return update;
}

HttpReply post_update(const Hub& hub, const json& update) {
    return http_call(hub.port(), "POST", "/hooks/t1/bot", update.dump(),
                     {{"Content-Type", "application/json"}, {"X-Telegram-Bot-Api-Secret-Token", kStaffSecret}});
}

json press(const std::string& callback_id, int64_t from, const std::string& data, int64_t card_message_id) {
    return {{"callback_query",
             {{"id", callback_id},
              {"from", {{"id", from}, {"is_bot", false}, {"first_name", "Сотрудник"}}},
              {"message", {{"message_id", card_message_id}, {"from", {{"id", 5927593490}, {"is_bot", true}, {"first_name", "LeadHub"}}},
                           {"chat", {{"id", kStaffChat}, {"type", "supergroup"}, {"title", "Менеджеры"}}}, {"date", 1714750200},
                           {"text", "Новая заявка"}}},
              {"chat_instance", "-6581938440279210712"},
              {"data", data}}}};
}

}  // namespace

TEST_CASE("staff chat: one card per lead, the first to press «Беру» takes it, the others are told who; a reply reaches the customer",
          "[crm][telegram]") {
    FakeStaffTelegram api;
    TempDir dir("leadhub-e2e-staff");
    const int port = free_port();
    std::ostringstream y;
    y << "version: 1\nlisten: 127.0.0.1:" << port << "\nadmin:\n  token: ${LEADHUB_ADMIN_TOKEN}\nstorage:\n  path: leadhub.db\n"
      << "tenants:\n  - id: t1\n    timezone: Europe/Moscow\n"
      << "    staff:\n"
      << "      - {id: marina, name: Марина Кузнецова, contacts: {telegram: \"784512396\"}}\n"
      << "      - {id: olga, name: Ольга Петрова, contacts: {telegram: \"6293018457\"}}\n"
      << "    sources:\n"
      << "      - name: bot\n        plugin: telegram\n"
      << "        options: {bot_token: \"" << kStaffBotToken << "\", secret_token: \"" << kStaffSecret << "\", api_url: \"" << api.api_url()
      << "\", staff_chat_id: \"" << kStaffChat << "\", staff_user_ids: [\"784512396\", \"6293018457\"], notify: chat}\n"
      << "    routes:\n      - {from: [bot], to: [bot]}\n"
      // It counts the bot's messages: no automatic replies (tests/e2e/conversation_e2e_test.cpp has them).
      << "    replies: {enabled: false}\n";
    Hub hub(dir, port, y.str());
    hub.start();
    REQUIRE(hub.wait_ready());

    // A customer writes to the bot privately: a lead, and its card in the staff chat.
    json customer = {{"message", {{"message_id", 77}, {"from", {{"id", 7034419821}, {"is_bot", false}, {"first_name", "Ольга"}}},
                                  {"chat", {{"id", 7034419821}, {"type", "private"}, {"first_name", "Ольга"}}}, {"date", 1714750100},
                                  {"text", "Добрый день! Можно записаться на маникюр завтра после 18:00?"}}}};
    REQUIRE(post_update(hub, telegram_update(815500140, customer)).status == 200);
    json leads = hub.wait_for_leads(1);
    REQUIRE(leads.size() == 1);
    const int64_t lead_id = leads[0]["id"];
    REQUIRE(eventually([&] { return api.sent().size() == 1; }, std::chrono::milliseconds(10000)));
    const json card = api.sent()[0];
    INFO(card.dump());
    CHECK(card["chat_id"].dump().find("1001234567890") != std::string::npos);
    CHECK(card["reply_markup"].dump().find("take:" + std::to_string(lead_id)) != std::string::npos);
    const int64_t card_id = 160;  // the fake's first message id

    // Марина presses twice (and Telegram repeats her first press); Ольга a moment later.
    const std::string take = "take:" + std::to_string(lead_id);
    REQUIRE(post_update(hub, telegram_update(815500141, press("cb-1", 784512396, take, card_id))).status == 200);
    REQUIRE(post_update(hub, telegram_update(815500141, press("cb-1", 784512396, take, card_id))).status == 200);
    REQUIRE(post_update(hub, telegram_update(815500142, press("cb-2", 784512396, take, card_id))).status == 200);
    REQUIRE(post_update(hub, telegram_update(815500143, press("cb-3", 6293018457, take, card_id))).status == 200);
    // Someone who is not staff presses too: nothing changes.
    REQUIRE(post_update(hub, telegram_update(815500144, press("cb-4", 111, take, card_id))).status == 200);

    REQUIRE(eventually([&] { return api.answers().size() >= 3; }, std::chrono::milliseconds(10000)));
    json lead = lead_by_id(hub, lead_id);
    CHECK(lead["assignee"] == "marina");
    CHECK(lead["status"] == "in_work");
    std::map<std::string, std::string> answered;
    for (const auto& a : api.answers()) answered[a.value("callback_query_id", "")] = a.value("text", "");
    CHECK(answered.count("cb-1") == 1);
    CHECK(answered.count("cb-2") == 1);
    REQUIRE(answered.count("cb-3") == 1);
    CHECK_THAT(answered["cb-3"], Catch::Contains("Марина"));  // Ольга learns who has it
    CHECK_FALSE(api.edits().empty());                        // the card shows who took it

    // Марина answers the customer by replying to the card: it reaches the customer's chat.
    json reply = {{"message", {{"message_id", 165}, {"from", {{"id", 784512396}, {"is_bot", false}, {"first_name", "Марина"}}},
                               {"chat", {{"id", kStaffChat}, {"type", "supergroup"}, {"title", "Менеджеры"}}}, {"date", 1714750380},
                               {"reply_to_message", {{"message_id", card_id}, {"from", {{"id", 5927593490}, {"is_bot", true}, {"first_name", "LeadHub"}}},
                                                     {"chat", {{"id", kStaffChat}, {"type", "supergroup"}}}, {"date", 1714750200},
                                                     {"text", card["text"]}, {"reply_markup", card["reply_markup"]}}},
                               {"text", "Ольга, здравствуйте! Завтра в 18:30 свободно."}}}};
    REQUIRE(post_update(hub, telegram_update(815500145, reply)).status == 200);
    REQUIRE(eventually([&] {
        for (const auto& m : api.sent())
            if (m.value("chat_id", json()).dump().find("7034419821") != std::string::npos) return true;
        return false;
    }, std::chrono::milliseconds(10000)));
    json messages = lead_messages(hub, lead_id);
    REQUIRE(count_kind(messages, "reply") == 1);
    CHECK(history(hub, lead_id).size() >= 2);  // the take and in_work

    // The customer writes again: the staff chat sees it under the card, with the card's buttons.
    json again = customer;
    again["message"]["message_id"] = 78;
    again["message"]["date"] = 1714750500;
    again["message"]["text"] = "Спасибо! А можно на 19:00 <вечера>?";
    REQUIRE(post_update(hub, telegram_update(815500146, again)).status == 200);
    std::size_t line_at = 0;
    REQUIRE(eventually([&] {
        const auto sent = api.sent();
        for (std::size_t i = 0; i < sent.size(); ++i)
            if (sent[i].contains("reply_parameters") && sent[i]["chat_id"].dump().find("1001234567890") != std::string::npos) {
                line_at = i;
                return true;
            }
        return false;
    }, std::chrono::milliseconds(10000)));
    const json line = api.sent()[line_at];
    INFO(line.dump());
    CHECK(line["text"] == "💬 Ольга: Спасибо! А можно на 19:00 &lt;вечера&gt;?");
    CHECK(line["reply_parameters"]["message_id"] == card_id);
    CHECK(line["reply_markup"] == card["reply_markup"]);
    CHECK(count_kind(lead_messages(hub, lead_id), "customer") == 2);  // the same lead: no second card
    CHECK(api.sent().size() == line_at + 1);

    // Марина replies to that message: it reaches the customer as well.
    const int64_t line_id = 160 + static_cast<int64_t>(line_at);  // the fake numbers messages in order
    json second = reply;
    second["message"]["message_id"] = 166;
    second["message"]["reply_to_message"]["message_id"] = line_id;
    second["message"]["reply_to_message"]["text"] = "💬 Ольга: Спасибо! А можно на 19:00 <вечера>?";
    second["message"]["reply_to_message"]["reply_markup"] = line["reply_markup"];
    second["message"]["text"] = "Да, и в 19:00 свободно.";
    REQUIRE(post_update(hub, telegram_update(815500147, second)).status == 200);
    REQUIRE(eventually([&] { return count_kind(lead_messages(hub, lead_id), "reply") == 2; }, std::chrono::milliseconds(10000)));
    REQUIRE(eventually([&] {
        int to_customer = 0;
        for (const auto& m : api.sent())
            if (m.value("chat_id", json()).dump().find("7034419821") != std::string::npos) to_customer++;
        return to_customer == 2;
    }, std::chrono::milliseconds(10000)));
}

namespace {

// A service account's key file for the sheet sink: a fresh RSA key (the fake's token endpoint
// does not check the signature; the plugin's own tests do).
std::string write_service_account_key(const TempDir& dir, const std::string& token_url) {
    const std::string pem = dir / "sa.pem";
    if (std::system(("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out " + pem + " 2>/dev/null").c_str()) != 0)
        throw std::runtime_error("openssl could not make a test key");
    const json key = {{"type", "service_account"}, {"client_email", "leadhub@salon-e2e.iam.gserviceaccount.com"},
                      {"private_key", read_file(pem)}, {"token_uri", token_url}};
    write_file(dir / "sa.json", key.dump());
    return dir / "sa.json";
}

}  // namespace

TEST_CASE("one web-form lead goes to Bitrix24, amoCRM, a sheet, an ERP and an SMS at once, once each, through faults",
          "[crm][fanout]") {
    FakeBitrix24 portal;
    FakeAmoCrm amo;
    FakeGoogleSheets sheets;
    FakeSmsRu sms;
    std::atomic<int> erp_calls{0};
    FakePlatform erp([&](const PlatformCall&) {
        // The integrator's system is briefly unavailable and says when to come back.
        if (++erp_calls == 1) return PlatformAnswer{503, R"({"error":"maintenance"})", "application/json", {{"Retry-After", "1"}}};
        return PlatformAnswer{200, R"({"id":"erp-1"})"};
    });
    // amoCRM: the first deal is refused for the rate (429 retry_after), and the token it was
    // connected with expires (401: refresh, stored, repeat). The sheet applies the first append
    // and drops the connection. SMS.ru's first answer is lost on the way.
    amo.inject("/api/v4/leads/complex",
               Fault{429, R"({"title":"Too Many Requests","status":429,"retry_after":1})", "application/problem+json"});
    sheets.inject("append", Fault{0, "", "application/json", {}, 0, true, true});
    sms.inject(Fault{0, "", "application/json", {}, 0, true, false});

    TempDir dir("leadhub-e2e-fanout");
    const int port = free_port();
    const std::string key_file = write_service_account_key(dir, sheets.token_url());
    std::ostringstream sinks;
    sinks << "      - {name: b24, plugin: bitrix24, options: {webhook_url: \"" << portal.webhook_url()
          << "\", application_token: \"" << kB24AppToken << "\"}}\n"
          << "      - {name: amo, plugin: amocrm, options: {base_url: \"" << amo.base_url()
          << "\", client_id: \"e2e-client\", client_secret: \"e2e-secret\", redirect_uri: \"https://hub.example.ru/amo\"}}\n"
          << "      - {name: sheet, plugin: google_sheets, options: {key_file: \"" << key_file
          << "\", spreadsheet_id: \"e2e-sheet\", token_url: \"" << sheets.token_url() << "\", api_url: \"" << sheets.api_url() << "\"}}\n"
          << "      - {name: erp, plugin: http, options: {url: \"" << erp.url()
          << "/orders\", body_template: {client: \"{{name}}\", services: \"{{service_names}}\", source: \"{{channel_title}}\"}}}\n"
          << "    notifiers:\n"
          << "      - {name: sms, plugin: smsru, options: {api_id: \"e2e-api-id\", base_url: \"" << sms.base_url()
          << "\", to: [\"+79130000001\"]}}\n";
    Hub hub(dir, port, with_targets(crm_config(port, sinks.str()), "b24, amo, sheet, erp, sms"));
    hub.start();
    REQUIRE(hub.wait_ready());

    // The owner connects amoCRM once with the code from its consent page; then the token expires.
    auto connected = http_call(port, "POST", "/api/crm/connect", json{{"instance", "t1/amo"}, {"code", "def50200e2e"}}.dump(),
                               {{"Authorization", "Bearer " + kAdminToken}, {"Content-Type", "application/json"}});
    INFO(connected.body);
    REQUIRE(connected.status == 200);
    // The same through the command line, as an owner does it.
    int runs = 0;
    auto cli = [&](std::vector<std::string> args) {
        args.insert(args.begin(), leadhub_binary());
        const std::string log = dir / ("cli-" + std::to_string(++runs) + ".log");
        ChildProcess p(args, {{"LEADHUB_ADMIN_TOKEN", kAdminToken}}, log);
        const int code = p.wait(std::chrono::seconds(30)).value_or(-1);  // before the log is read
        return std::make_pair(code, read_file(log));
    };
    const std::string config = dir / "leadhub.yaml";
    auto status = cli({"crm", "connect", "t1/amo", "--code", "def50200e2e-again", "-c", config});
    INFO(status.second);
    CHECK(status.first == 0);
    CHECK_THAT(status.second, Catch::Contains("t1/amo: the code was exchanged for tokens"));
    CHECK(cli({"crm", "connect", "amo", "-c", config}).first == 2);       // not TENANT/INSTANCE
    CHECK(cli({"crm", "disconnect", "t1/amo", "-c", config}).first == 2);  // no such action
    CHECK(cli({"crm", "connect", "t1/nobody", "-c", config}).first == 1);  // the hub knows no such instance
    amo.expire_token();

    REQUIRE(post_form_lead(hub, "Анна", "89161234567", "Запишите на маникюр в субботу").status == 200);
    json leads = hub.wait_for_leads(1);
    REQUIRE(leads.size() == 1);
    const int64_t lead_id = leads[0]["id"];
    const bool all_done = eventually([&] {
        json ids = lead_by_id(hub, lead_id)["external_ids"];
        return ids.contains("b24") && ids.contains("amo") && ids.contains("sheet") && ids.contains("erp") && !sms.sent().empty();
    }, std::chrono::milliseconds(30000));
    if (!all_done) FAIL("not every sink got the lead; external_ids " << lead_by_id(hub, lead_id)["external_ids"].dump() << "; log:\n" << hub.log());
    REQUIRE(inbox_settled(hub));

    CHECK(portal.leads().size() == 1);
    CHECK(amo.leads().size() == 1);
    CHECK(sheets.rows().size() == 1);  // the dropped answer's row was found, not appended again
    for (const auto& option : sheets.value_input_options()) CHECK(option == "RAW");
    CHECK(sms.sent().size() == 1);
    CHECK(erp_calls == 2);
    const json erp_body = erp.calls().back().json();
    CHECK(erp_body["client"] == "Анна");
    CHECK(erp_body["services"] == json{"Маникюр"});  // one {{path}}: the value with its type
    CHECK(erp_body["source"] == "Сайт");
    CHECK(dead_letters(hub).empty());
}
