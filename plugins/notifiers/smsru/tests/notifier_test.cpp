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
