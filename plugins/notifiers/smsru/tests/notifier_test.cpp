// The smsru notifier through its real C exports, against the SDK's FakeHttpServer playing SMS.ru:
// the manifest and options, the request, partial success and the retry that texts only the rest,
// a timeout after SMS.ru sent (its retry meets code 231), money and key errors.
#include <catch2/catch.hpp>

#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::FakeHttpServer;
using leadhub::sdk::testing::Harness;
using leadhub::sdk::testing::RecordedResponse;

LEADHUB_README_OPTIONS_TEST(std::string(LEADHUB_TEST_DATA) + "/../../README.md")

namespace {
const Json kLead = {{"id", 42}, {"tenant", "salon"}, {"name", "Анна"}, {"phone", "+79990001122"}, {"channel_title", "Telegram"},
                    {"service_names", {"Стрижка", "Окрашивание"}}, {"assignee", "olga"},
                    {"assignee_contacts", {{"phone", "+7 903 111-22-33"}, {"telegram", "1"}}}};
Delivery notice(int attempt = 1) {
    auto d = testing::make_delivery(kLead, 42, attempt);
    d.kind = "notice";
    d.payload["kind"] = "notice";
    return d;
}
RecordedResponse json(const Json& body) { return {200, {{"Content-Type", "application/json"}}, body.dump(), {}}; }
Json ok_for(const std::vector<std::string>& phones) {
    Json sms = Json::object();
    for (const auto& p : phones) sms[p] = {{"status", "OK"}, {"status_code", 100}, {"sms_id", "id-" + p}};
    return {{"status", "OK"}, {"status_code", 100}, {"sms", sms}, {"balance", 100.5}};
}
}  // namespace

TEST_CASE("the manifest: a notifier with a secret api_id and a modest rate") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    Json m = plugin.manifest();
    CHECK(m.at("name") == "smsru");
    CHECK(m.at("kinds") == Json::array({"notifier"}));
    CHECK(m.at("defaults").at("rate_per_second") == 5);
    CHECK(m.at("options").at(0).at("secret") == true);
    CHECK(plugin.create("sms", Json::object()).find("api_id") != std::string::npos);
    CHECK(plugin.create("sms", {{"api_id", "k"}, {"to", {"+380501234567"}}}).find("не российский") != std::string::npos);
    CHECK(plugin.create("sms", {{"api_id", "k"}, {"template", "{{#name}}x"}}).find("never closed") != std::string::npos);
    CHECK(plugin.create("sms", {{"api_id", "k"}, {"base_url", "ftp://x"}}).find("base_url") != std::string::npos);
}

TEST_CASE("a notice texts the assignee and the owner the default Russian text in one request") {
    FakeHttpServer smsru;
    smsru.respond("POST", "/sms/send", json(ok_for({"79031112233", "79161234567"})));
    FakeHost host;
    host.on_http = smsru.handler();
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("sms", {{"api_id", "SECRET-KEY"}, {"base_url", smsru.url()}, {"to", {"assignee", "89161234567"}}}) == "");
    auto o = plugin.deliver(notice());
    CHECK(o.kind == Outcome::Kind::ok);
    CHECK(o.external_id == "id-79031112233,id-79161234567");
    REQUIRE(smsru.request_count() == 1);
    auto form = parse_form(smsru.requests()[0].body);
    CHECK(form_value(form, "to") == "79161234567,79031112233");
    CHECK(form_value(form, "msg") == "Новая заявка: Анна, +79990001122, Telegram, Стрижка, Окрашивание");
    CHECK(form_value(form, "json") == "1");
    CHECK_FALSE(host.logged("SECRET-KEY"));
    CHECK(host.state.empty());  // all went: nothing to remember
}

TEST_CASE("one number refused for a moment: the retry texts only that one") {
    FakeHttpServer smsru;
    Json partial = ok_for({"79161234567"});
    partial["sms"]["79031112233"] = {{"status", "ERROR"}, {"status_code", 220}, {"status_text", "Сервис временно недоступен"}};
    smsru.respond("POST", "/sms/send", json(partial));
    smsru.respond("POST", "/sms/send", json(ok_for({"79031112233"})));
    FakeHost host;
    host.on_http = smsru.handler();
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("sms", {{"api_id", "k"}, {"base_url", smsru.url()}, {"to", {"assignee", "+79161234567"}}}) == "");
    CHECK(plugin.deliver(notice(1)).kind == Outcome::Kind::retry);
    CHECK(plugin.deliver(notice(2)).kind == Outcome::Kind::ok);
    REQUIRE(smsru.request_count() == 2);
    CHECK(form_value(parse_form(smsru.requests()[1].body), "to") == "79031112233");
}

TEST_CASE("SMS.ru sent but the answer was lost: the retry meets 231 and counts as delivered") {
    FakeHttpServer smsru;
    smsru.respond("POST", "/sms/send", json(ok_for({"79031112233"})));  // sent, but the answer never arrives
    smsru.respond("POST", "/sms/send",
                  json({{"status", "OK"}, {"status_code", 100},
                        {"sms", {{"79031112233", {{"status", "ERROR"}, {"status_code", 231}, {"status_text", "Превышен лимит одинаковых сообщений"}}}}}}));
    FakeHost host;
    host.on_http = [&](const HttpRequest& r) {
        auto answer = smsru.handler()(r);  // the server records the request and applies it
        if (smsru.request_count() == 1) return HttpResponse{0, {}, "", "timeout after 1000 ms"};
        return answer;
    };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("sms", {{"api_id", "k"}, {"base_url", smsru.url()}, {"timeout_ms", 1000}}) == "");
    auto first = plugin.deliver(notice(1));
    CHECK(first.kind == Outcome::Kind::retry);
    CHECK(first.reason.find("timeout") != std::string::npos);
    CHECK(plugin.deliver(notice(2)).kind == Outcome::Kind::ok);
    CHECK(smsru.request_count() == 2);
}

TEST_CASE("no money and a bad key are permanent with the reason; a dropped connection retries") {
    FakeHttpServer smsru;
    smsru.respond("POST", "/sms/send", json({{"status", "ERROR"}, {"status_code", 201}, {"status_text", "Не хватает средств"}}));
    smsru.respond("POST", "/sms/send", json({{"status", "ERROR"}, {"status_code", 200}, {"status_text", "Неправильный api_id"}}));
    FakeHost host;
    host.on_http = smsru.handler();
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("sms", {{"api_id", "k"}, {"base_url", smsru.url()}}) == "");
    auto money = plugin.deliver(notice());
    CHECK(money.kind == Outcome::Kind::permanent);
    CHECK(money.reason.find("не хватает денег") != std::string::npos);
    auto key = plugin.deliver(notice());
    CHECK(key.kind == Outcome::Kind::permanent);
    CHECK(key.reason.find("api_id") != std::string::npos);
    host.on_http = [](const HttpRequest&) { return HttpResponse{0, {}, "", "connection reset by peer"}; };
    CHECK(plugin.deliver(notice()).kind == Outcome::Kind::retry);
}

namespace {
Delivery alert(const Json& to, int attempt = 1) {
    auto d = notice(attempt);
    d.payload = {{"event", "alert"}, {"alert", "appointment_cancelled"}, {"text", "Анна отменила запись на завтра 12:00 (маникюр)."}, {"to", to}};
    return d;
}
const Json kStaff = Json::parse(R"([{"id": "marina", "name": "Марина", "contacts": {"phone": "+79130000001"}},
                                    {"id": "ivan", "name": "Иван", "contacts": {"phone": "+79130000002", "telegram": 42}}])");
}  // namespace

TEST_CASE("alert: one request texts the hub's words to both named phones; a stop-listed one does not fail the other") {
    FakeHttpServer smsru;
    smsru.respond("POST", "/sms/send", json(ok_for({"79130000001", "79130000002"})));
    Json partial = ok_for({"79130000001"});
    partial["sms"]["79130000002"] = {{"status", "ERROR"}, {"status_code", 209}, {"status_text", "Номер в стоп-листе"}};
    smsru.respond("POST", "/sms/send", json(partial));
    FakeHost host;
    host.on_http = smsru.handler();
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("sms", {{"api_id", "k"}, {"base_url", smsru.url()}, {"to", {"assignee", "+79161234567"}}}) == "");
    auto o = plugin.deliver(alert(kStaff));
    CHECK(o.kind == Outcome::Kind::ok);
    CHECK(o.external_id == "id-79130000001,id-79130000002");
    REQUIRE(smsru.request_count() == 1);
    auto form = parse_form(smsru.requests()[0].body);
    CHECK(form_value(form, "to") == "79130000001,79130000002");
    CHECK(form_value(form, "msg") == "Анна отменила запись на завтра 12:00 (маникюр).");

    auto refused = plugin.deliver(alert(kStaff));
    CHECK(refused.kind == Outcome::Kind::ok);
    CHECK(host.logged("alert delivered, but not to: Иван (79130000002)"));
}

TEST_CASE("alert: a number SMS.ru could not take now is the only one the retry texts") {
    FakeHttpServer smsru;
    Json partial = ok_for({"79130000001"});
    partial["sms"]["79130000002"] = {{"status", "ERROR"}, {"status_code", 220}, {"status_text", "Сервис временно недоступен"}};
    smsru.respond("POST", "/sms/send", json(partial));
    smsru.respond("POST", "/sms/send", json(ok_for({"79130000002"})));
    FakeHost host;
    host.on_http = smsru.handler();
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("sms", {{"api_id", "k"}, {"base_url", smsru.url()}}) == "");
    CHECK(plugin.deliver(alert(kStaff, 1)).kind == Outcome::Kind::retry);
    auto o = plugin.deliver(alert(kStaff, 2));
    CHECK(o.kind == Outcome::Kind::ok);
    REQUIRE(smsru.request_count() == 2);
    CHECK(form_value(parse_form(smsru.requests()[1].body), "to") == "79130000002");
}

TEST_CASE("alert: nobody with a phone goes to the fixed numbers, naming them; none at all is permanent") {
    FakeHttpServer smsru;
    smsru.respond("POST", "/sms/send", json(ok_for({"79161234567"})));
    FakeHost host;
    host.on_http = smsru.handler();
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("sms", {{"api_id", "k"}, {"base_url", smsru.url()}, {"to", {"assignee", "+79161234567"}}}) == "");
    const Json no_phone = Json::parse(R"([{"id": "marina", "name": "Марина", "contacts": {"telegram": "784512396"}}])");
    CHECK(plugin.deliver(alert(no_phone)).kind == Outcome::Kind::ok);
    REQUIRE(smsru.request_count() == 1);
    auto form = parse_form(smsru.requests()[0].body);
    CHECK(form_value(form, "to") == "79161234567");
    CHECK(form_value(form, "msg") == "Марина, Анна отменила запись на завтра 12:00 (маникюр).");

    REQUIRE(plugin.create("sms", {{"api_id", "k"}, {"base_url", smsru.url()}}) == "");
    auto o = plugin.deliver(alert(no_phone));
    CHECK(o.kind == Outcome::Kind::permanent);
    CHECK(o.reason.find("option to has no fixed number") != std::string::npos);
    auto bad = alert(kStaff);
    bad.payload["text"] = "";
    CHECK(plugin.deliver(bad).reason == "SMS.ru: the alert's text is empty (payload.text)");
    CHECK(smsru.request_count() == 1);
}
