// The smsc notifier: the request and every documented answer without I/O (the vendor's samples in
// tests/data), then through its real C exports against the SDK's FakeHttpServer playing SMSC:
// one request per number, the backup host on a retry, account errors that stop the rest.
#include "smsc_api.hpp"

#include <catch2/catch.hpp>

#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/testing.hpp>

#include <fstream>
#include <sstream>

using namespace leadhub::sdk;
using namespace leadhub::smsc;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::FakeHttpServer;
using leadhub::sdk::testing::Harness;
using leadhub::sdk::testing::RecordedResponse;

LEADHUB_README_OPTIONS_TEST(std::string(LEADHUB_TEST_DATA) + "/../../README.md")

namespace {
Json sample(const std::string& file) {
    std::ifstream in(std::string(LEADHUB_TEST_DATA) + "/" + file);
    std::stringstream text;
    text << in.rdbuf();
    return Json::parse(text.str());
}
leadhub::sms::NumberResult read(const std::string& body, int status = 200) { return read_send_answer({status, {}, body, ""}, "79161234567"); }
}  // namespace

TEST_CASE("a send is a form POST of one number with fmt=3 and charset=utf-8, login or apikey") {
    auto o = smsc_options().defaults();
    o.login = "salon";
    o.psw = "PSW-SECRET";
    o.sender = "Salon";
    auto r = build_send(o, "https://smsc.ru/", "79161234567", "Новая заявка");
    CHECK(r.target == "https://smsc.ru/sys/send.php");
    auto form = parse_form(r.body);
    CHECK(form_value(form, "login") == "salon");
    CHECK(form_value(form, "psw") == "PSW-SECRET");
    CHECK(form_value(form, "phones") == "79161234567");
    CHECK(form_value(form, "mes") == "Новая заявка");
    CHECK(form_value(form, "fmt") == "3");
    CHECK(form_value(form, "charset") == "utf-8");
    CHECK(form_value(form, "sender") == "Salon");
    o.apikey = "KEY";
    form = parse_form(build_send(o, "https://smsc.ru", "79161234567", "x").body);
    CHECK(form_value(form, "apikey") == "KEY");
    CHECK(form_value(form, "login").empty());
}

TEST_CASE("SMSC's answers: sent, each error code, strings for numbers, the text form, not SMSC's format") {
    auto sent = read(sample("send.json")["response"]["body"].dump());
    CHECK(sent.kind == Outcome::Kind::ok);
    CHECK(sent.detail == "1847");
    CHECK(read(R"({"cnt":"1","id":"1848","extra":[1]})").detail == "1848");
    auto login = read(sample("error.json")["response"]["body"].dump());
    CHECK(login.kind == Outcome::Kind::permanent);
    CHECK(login.detail.find("login") != std::string::npos);
    CHECK(login.account_wide);
    CHECK(read(R"({"error":"no money","error_code":3})").detail.find("не хватает денег") != std::string::npos);
    CHECK(read(R"({"error":"IP blocked","error_code":"4","id":5})").detail.find("заблокировал IP") != std::string::npos);
    auto undeliverable = read(R"({"error":"can't deliver","error_code":8})");
    CHECK(undeliverable.kind == Outcome::Kind::permanent);
    CHECK_FALSE(undeliverable.account_wide);
    CHECK(read(R"({"error":"duplicate request","error_code":9})").kind == Outcome::Kind::ok);
    CHECK(read(R"({"error":"forbidden","error_code":6})").detail.find("sender") != std::string::npos);
    CHECK(read(R"({"error":"new","error_code":77})").kind == Outcome::Kind::permanent);
    CHECK(read("OK - 1 SMS, ID - 1849").detail == "1849");
    CHECK(read("ERROR = 3 (no money)").detail.find("no money") != std::string::npos);
    for (const std::string body : {"", "<html>502</html>", "{\"id\":", "{\"cnt\":1}", "[]", "ERROR = x"})
        CHECK(read(body).kind == Outcome::Kind::retry);
    CHECK(read("busy", 503).kind == Outcome::Kind::retry);
    CHECK(read("nope", 404).detail.find("base_url") != std::string::npos);
}

namespace {
const Json kLead = {{"id", 42}, {"name", "Анна"}, {"phone", "+79990001122"}, {"channel_title", "Сайт"}, {"assignee", "olga"},
                    {"assignee_contacts", {{"phone", "+79031112233"}}}};
Delivery notice(int attempt = 1) {
    auto d = testing::make_delivery(kLead, 42, attempt);
    d.kind = "notice";
    return d;
}
RecordedResponse json(const std::string& body) { return {200, {{"Content-Type", "application/json"}}, body, {}}; }
}  // namespace

TEST_CASE("options: login and psw or apikey; the manifest is a notifier with secrets marked") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    Json m = plugin.manifest();
    CHECK(m.at("kinds") == Json::array({"notifier"}));
    CHECK(m.at("defaults").at("rate_per_second") == 5);
    CHECK(plugin.create("sms", {{"login", "x"}}).find("psw") != std::string::npos);
    CHECK(plugin.create("sms", {{"apikey", "k"}, {"to", {"boss"}}}).find("'boss'") != std::string::npos);
    CHECK(plugin.create("sms", {{"apikey", "k"}}) == "");
}

TEST_CASE("one request per number; a number SMSC cannot reach does not stop the others") {
    FakeHttpServer smsc;
    smsc.respond("POST", "/sys/send.php", json(R"({"id":1,"cnt":1})"));
    smsc.respond("POST", "/sys/send.php", json(R"({"error":"can't deliver","error_code":8})"));
    FakeHost host;
    host.on_http = smsc.handler();
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("sms", {{"login", "salon"}, {"psw", "PSW-SECRET"}, {"base_url", smsc.url()}, {"to", {"+79161234567", "assignee"}}}) == "");
    auto o = plugin.deliver(notice());
    CHECK(o.kind == Outcome::Kind::permanent);
    CHECK(o.reason.find("79031112233") != std::string::npos);
    REQUIRE(smsc.request_count() == 2);
    CHECK(form_value(parse_form(smsc.requests()[0].body), "phones") == "79161234567");
    CHECK(form_value(parse_form(smsc.requests()[1].body), "mes") == "Новая заявка: Анна, +79990001122, Сайт");
    CHECK_FALSE(host.logged("PSW-SECRET"));
}

TEST_CASE("no money stops the rest; a timeout after SMSC sent is retried on the backup host, where 9 means it went") {
    FakeHttpServer smsc, backup;
    smsc.respond("POST", "/sys/send.php", json(R"({"error":"no money","error_code":3})"));
    FakeHost host;
    host.on_http = smsc.handler();
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("sms", {{"apikey", "k"}, {"base_url", smsc.url()}, {"backup_url", backup.url()}, {"to", {"+79161234567", "assignee"}}}) == "");
    auto money = plugin.deliver(notice());
    CHECK(money.kind == Outcome::Kind::permanent);
    CHECK(money.reason.find("не хватает денег") != std::string::npos);
    CHECK(smsc.request_count() == 1);

    backup.respond("POST", "/sys/send.php", json(R"({"error":"duplicate request, wait a minute","error_code":9})"));
    host.on_http = [&](const HttpRequest& r) {
        if (r.target.starts_with(backup.url())) return backup.handler()(r);
        return HttpResponse{0, {}, "", "timeout after 15000 ms"};  // sent, answer lost
    };
    auto first = plugin.deliver(notice(1));
    CHECK(first.kind == Outcome::Kind::retry);
    CHECK(first.reason.find("timeout") != std::string::npos);
    CHECK(plugin.deliver(notice(2)).kind == Outcome::Kind::ok);
    CHECK(backup.request_count() == 2);
}

TEST_CASE("alert: one request per named phone with the hub's words; a retry texts only who did not get it") {
    FakeHttpServer smsc;
    smsc.respond("POST", "/sys/send.php", json(R"({"id":11,"cnt":1})"));
    smsc.respond("POST", "/sys/send.php", json(R"({"error":"can't deliver","error_code":8})"));
    smsc.respond("POST", "/sys/send.php", json(R"({"id":12,"cnt":1})"));
    FakeHost host;
    host.on_http = smsc.handler();
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("sms", {{"apikey", "k"}, {"base_url", smsc.url()}, {"backup_url", ""}}) == "");
    auto d = notice(1);
    d.payload = Json::parse(R"({"event": "alert", "alert": "complaint", "text": "Жалоба по заявке №42: клиент недоволен ожиданием.",
        "to": [{"id": "marina", "name": "Марина", "contacts": {"phone": "+79130000001"}},
               {"id": "ivan", "name": "Иван", "contacts": {"phone": "+79130000002"}}]})");
    auto o = plugin.deliver(d);
    CHECK(o.kind == Outcome::Kind::ok);  // Марина got it; Иван's number refused for good, said in the log
    CHECK(o.external_id == "11");
    CHECK(host.logged("alert delivered, but not to: Иван (79130000002): "));
    REQUIRE(smsc.request_count() == 2);
    for (int i : {0, 1}) CHECK(form_value(parse_form(smsc.requests()[i].body), "mes") == "Жалоба по заявке №42: клиент недоволен ожиданием.");
    CHECK(form_value(parse_form(smsc.requests()[1].body), "phones") == "79130000002");

    // A dropped connection for Иван: Марина is remembered, the retry texts only Иван.
    host.on_http = [&](const HttpRequest& r) {
        if (form_value(parse_form(r.body), "phones") == "79130000002") return HttpResponse{0, {}, "", "connection reset"};
        return smsc.handler()(r);
    };
    d.attempt = 1;
    CHECK(plugin.deliver(d).kind == Outcome::Kind::retry);
    CHECK(smsc.request_count() == 3);
    host.on_http = smsc.handler();
    d.attempt = 2;
    CHECK(plugin.deliver(d).kind == Outcome::Kind::ok);
    REQUIRE(smsc.request_count() == 4);
    CHECK(form_value(parse_form(smsc.requests()[3].body), "phones") == "79130000002");
}
