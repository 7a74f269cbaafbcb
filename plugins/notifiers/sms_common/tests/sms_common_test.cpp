// The shared SMS pieces without a gateway: numbers, recipients, text cuts, form bodies, and the
// delivery flow (which numbers are texted, the outcome of mixed results, the ledger of numbers
// already texted) over a scripted send.
#include "gateway_http.hpp"
#include "recipients.hpp"
#include "ru_phone.hpp"
#include "sms_notice.hpp"

#include <catch2/catch.hpp>

#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sms;
using leadhub::sdk::Json;
using leadhub::sdk::Outcome;
using leadhub::sdk::testing::FakeHost;

namespace {
std::string norm(const std::string& text) {
    std::string problem;
    return normalize_ru_mobile(text, problem);
}
}  // namespace

TEST_CASE("Russian mobile numbers in every usual spelling become 7XXXXXXXXXX") {
    CHECK(norm("+79161234567") == "79161234567");
    CHECK(norm("+7 (916) 123-45-67") == "79161234567");
    CHECK(norm("8 916 123 45 67") == "79161234567");
    CHECK(norm("79161234567") == "79161234567");
    CHECK(norm("9161234567") == "79161234567");
    std::string problem;
    CHECK(normalize_ru_mobile("+380501234567", problem).empty());
    CHECK(problem.find("не российский") != std::string::npos);
    CHECK(normalize_ru_mobile("+77011234567", problem).empty());
    CHECK(problem.find("Казахстан") != std::string::npos);
    CHECK(norm("+74951234567").empty());  // a Moscow landline gets no SMS
    CHECK(norm("+7916123456").empty());
    CHECK(norm("+791612345678").empty());
    CHECK(norm("").empty());
    CHECK(norm("+7916abc4567").empty());
    CHECK(norm("++79161234567").empty());
}

TEST_CASE("the `to` option: assignee and fixed numbers, refused when it names nobody or a bad number") {
    auto to = read_phone_recipients({"assignee", "8 916 123-45-67", "+79161234567"});
    CHECK(to.assignee);
    CHECK(to.fixed == std::vector<std::string>{"79161234567"});
    CHECK_THROWS_WITH(read_phone_recipients({}), Catch::Contains("names nobody"));
    CHECK_THROWS_WITH(read_phone_recipients({"boss"}), Catch::Contains("'boss'"));
    CHECK_THROWS_WITH(read_phone_recipients({"+380501234567"}), Catch::Contains("не российский"));

    Json lead = {{"assignee", "anna"}, {"assignee_contacts", {{"phone", "+79031112233"}}}};
    auto r = resolve_phones(to, lead);
    CHECK(r.phones == std::vector<std::string>{"79161234567", "79031112233"});
    CHECK(r.problem.empty());
    r = resolve_phones(to, Json{{"assignee", "anna"}, {"assignee_contacts", {{"telegram", "1"}}}});
    CHECK(r.phones == std::vector<std::string>{"79161234567"});
    CHECK(r.problem.find("anna") != std::string::npos);
    r = resolve_phones(read_phone_recipients({"assignee"}), Json{{"assignee", nullptr}});
    CHECK(r.phones.empty());
    CHECK(r.problem == "у заявки нет ответственного");
    r = resolve_phones(read_phone_recipients({"assignee"}), Json{{"assignee", "ivan"}, {"assignee_contacts", {{"phone", "+77011234567"}}}});
    CHECK(r.phones.empty());
    CHECK(r.problem.find("Казахстан") != std::string::npos);
}

TEST_CASE("long texts are cut at a character with an ellipsis; form bodies are percent-encoded") {
    CHECK(cut_text("абвгд", 5) == "абвгд");
    CHECK(cut_text("абвгде", 5) == "абвг…");
    CHECK(cut_text("abc", 0) == "abc");
    CHECK(form_encode({{"msg", "Новая заявка: Анна & co"}, {"to", "7916,7903"}}) ==
          "msg=%D0%9D%D0%BE%D0%B2%D0%B0%D1%8F+%D0%B7%D0%B0%D1%8F%D0%B2%D0%BA%D0%B0%3A+%D0%90%D0%BD%D0%BD%D0%B0+%26+co&to=7916%2C7903");
}

TEST_CASE("HTTP statuses before the body: network, busy with Retry-After, a wrong address") {
    leadhub::sdk::HttpResponse r;
    r.error = "connection refused";
    CHECK(classify_http_status(r, "SMSC", "base_url")->kind == Outcome::Kind::retry);
    r = {503, {{"Retry-After", "30"}}, "busy", ""};
    auto o = classify_http_status(r, "SMSC", "base_url");
    CHECK(o->kind == Outcome::Kind::retry);
    CHECK(o->retry_after_ms == 30000);
    r = {404, {}, "<html>not found</html>", ""};
    o = classify_http_status(r, "SMSC", "base_url");
    CHECK(o->kind == Outcome::Kind::permanent);
    CHECK(o->reason.find("base_url") != std::string::npos);
    r = {200, {}, "{}", ""};
    CHECK_FALSE(classify_http_status(r, "SMSC", "base_url"));
}

namespace {
leadhub::sdk::Delivery notice(const Json& lead, int attempt = 1) {
    auto d = leadhub::sdk::testing::make_delivery(lead, 7, attempt);
    d.kind = "notice";
    return d;
}
const Json kLead = {{"id", 7}, {"name", "Анна"}, {"phone", "+79990001122"}, {"channel_title", "Сайт"}, {"assignee", "anna"},
                    {"assignee_contacts", {{"phone", "+79031112233"}}}};
}  // namespace

TEST_CASE("a retry texts only the numbers an earlier attempt did not reach") {
    FakeHost host;
    NoticeSettings settings{read_phone_recipients({"assignee", "+79161234567"}), "Заявка: {{name}}", "SMS.ru"};
    std::vector<std::vector<std::string>> sends;
    auto first = [&](const std::vector<std::string>& phones, const std::string& text) {
        sends.push_back(phones);
        CHECK(text == "Заявка: Анна");
        return std::vector<NumberResult>{{"79161234567", Outcome::Kind::ok, "id-1", {}},
                                         {"79031112233", Outcome::Kind::retry, "оператор занят", 60000}};
    };
    auto o = deliver_notice(host.host(), "sms", notice(kLead), settings, first);
    CHECK(o.kind == Outcome::Kind::retry);
    CHECK(o.retry_after_ms == 60000);
    CHECK(o.reason.find("79031112233") != std::string::npos);
    CHECK(host.state.count("sms-sent/lead-7") == 1);

    auto second = [&](const std::vector<std::string>& phones, const std::string&) {
        sends.push_back(phones);
        return same_for_all(phones, Outcome::Kind::ok, "id-2");
    };
    o = deliver_notice(host.host(), "sms", notice(kLead, 2), settings, second);
    CHECK(o.kind == Outcome::Kind::ok);
    CHECK(o.external_id == "id-2,id-1");  // every message id of the job, the first attempt's from the ledger
    REQUIRE(sends.size() == 2);
    CHECK(sends[1] == std::vector<std::string>{"79031112233"});
    // A replay after everyone got it sends nothing.
    host.state["sms-sent/lead-7"] = R"({"79161234567":"id-1","79031112233":"id-2"})";
    o = deliver_notice(host.host(), "sms", notice(kLead, 3), settings, second);
    CHECK(o.kind == Outcome::Kind::ok);
    CHECK(sends.size() == 2);
}

TEST_CASE("a notice with nobody to text, an empty text, a result notice, a reply") {
    FakeHost host;
    auto never = [](const std::vector<std::string>&, const std::string&) -> std::vector<NumberResult> {
        FAIL("no send expected");
        return {};
    };
    NoticeSettings settings{read_phone_recipients({"assignee"}), "{{name}}", "SMSC"};
    auto o = deliver_notice(host.host(), "sms", notice(Json{{"id", 1}, {"name", "Анна"}}), settings, never);
    CHECK(o.kind == Outcome::Kind::permanent);
    CHECK(o.reason.find("нет ответственного") != std::string::npos);
    o = deliver_notice(host.host(), "sms", notice(Json{{"id", 1}, {"assignee_contacts", {{"phone", "+79031112233"}}}}), settings, never);
    CHECK(o.kind == Outcome::Kind::permanent);
    CHECK(o.reason.find("template") != std::string::npos);
    auto result = notice(kLead);
    result.payload["event"] = "staff_action_result";
    CHECK(deliver_notice(host.host(), "sms", result, settings, never).kind == Outcome::Kind::ok);
    auto reply = notice(kLead);
    reply.kind = "reply";
    CHECK(deliver_notice(host.host(), "sms", reply, settings, never).kind == Outcome::Kind::permanent);
}

TEST_CASE("a number refused for good and none to retry: permanent naming it, the others remembered") {
    FakeHost host;
    NoticeSettings settings{read_phone_recipients({"assignee", "+79161234567"}), "{{name}}", "SMS.ru"};
    auto send = [](const std::vector<std::string>&, const std::string&) {
        return std::vector<NumberResult>{{"79161234567", Outcome::Kind::ok, "id-1", {}},
                                         {"79031112233", Outcome::Kind::permanent, "номер в стоп-листе", {}}};
    };
    auto o = deliver_notice(host.host(), "sms", notice(kLead), settings, send);
    CHECK(o.kind == Outcome::Kind::permanent);
    CHECK(o.reason.find("79031112233: номер в стоп-листе") != std::string::npos);
    CHECK(o.reason.find("79161234567") == std::string::npos);
    CHECK(host.state.at("sms-sent/lead-7") == R"({"79161234567":"id-1"})");
}

// Alerts (sms_alert.cpp): the hub's text to the phones of the staff it names.
namespace {
leadhub::sdk::Delivery alert(const Json& payload, int attempt = 1) {
    auto d = notice(kLead, attempt);
    d.payload = payload;
    return d;
}
const Json kTwo = Json::parse(R"({"event": "alert", "alert": "sla_reminder",
    "text": "⏰ Заявка №42 (Анна, маникюр) ждёт ответа 15 минут. Возьмите её в работу.",
    "to": [{"id": "marina", "name": "Марина", "contacts": {"telegram": "784512396", "phone": "+79130000001", "email": "m@salon.ru"}},
           {"id": "ivan", "name": "Иван", "contacts": {"phone": "8 913 000-00-02"}}]})");
const std::string kText = "⏰ Заявка №42 (Анна, маникюр) ждёт ответа 15 минут. Возьмите её в работу.";
auto never = [](const std::vector<std::string>&, const std::string&) -> std::vector<NumberResult> {
    FAIL("no send expected");
    return {};
};
}  // namespace

TEST_CASE("alert: the exact text to every named phone, not the template nor the assignee") {
    FakeHost host;
    NoticeSettings settings{read_phone_recipients({"assignee", "+79161234567"}), "{{name}}", "SMS.ru"};
    std::vector<std::string> sent_to;
    auto send = [&](const std::vector<std::string>& phones, const std::string& text) {
        sent_to = phones;
        CHECK(text == kText);
        return std::vector<NumberResult>{{"79130000001", Outcome::Kind::ok, "id-m", {}}, {"79130000002", Outcome::Kind::ok, "id-i", {}}};
    };
    auto o = deliver_notice(host.host(), "sms", alert(kTwo), settings, send);
    CHECK(o.kind == Outcome::Kind::ok);
    CHECK(o.external_id == "id-m,id-i");
    CHECK(sent_to == std::vector<std::string>{"79130000001", "79130000002"});
    CHECK(host.state.empty());  // all went: nothing to remember
}

TEST_CASE("alert: nobody named has a phone, or nobody is named: the fixed numbers, named recipients first") {
    FakeHost host;
    NoticeSettings settings{read_phone_recipients({"assignee", "+79161234567"}), "{{name}}", "SMSC"};
    std::vector<std::pair<std::vector<std::string>, std::string>> sends;
    auto send = [&](const std::vector<std::string>& phones, const std::string& text) {
        sends.emplace_back(phones, text);
        return same_for_all(phones, Outcome::Kind::ok, "id-f");
    };
    Json payload = kTwo;
    payload["to"] = Json::parse(R"([{"id": "marina", "name": "Марина", "contacts": {"telegram": "784512396"}},
                                   {"id": "ivan", "name": "Иван", "contacts": {"phone": "+74951234567"}}])");
    CHECK(deliver_notice(host.host(), "sms", alert(payload), settings, send).kind == Outcome::Kind::ok);
    REQUIRE(sends.size() == 1);
    CHECK(sends[0].first == std::vector<std::string>{"79161234567"});
    CHECK(sends[0].second == "Марина, Иван, " + kText);
    CHECK(host.logged("fixed numbers instead of: Марина, Иван"));
    payload["to"] = Json::array();
    CHECK(deliver_notice(host.host(), "sms", alert(payload), settings, send).kind == Outcome::Kind::ok);
    CHECK(sends.at(1).second == kText);
}

TEST_CASE("alert: one number waits for a retry; the retry texts only it, never the other again") {
    FakeHost host;
    NoticeSettings settings{read_phone_recipients({"assignee"}), "{{name}}", "SMS.ru"};
    std::vector<std::vector<std::string>> sends;
    auto first = [&](const std::vector<std::string>& phones, const std::string&) {
        sends.push_back(phones);
        return std::vector<NumberResult>{{"79130000001", Outcome::Kind::ok, "id-m", {}},
                                         {"79130000002", Outcome::Kind::retry, "оператор занят", 30000}};
    };
    auto o = deliver_notice(host.host(), "sms", alert(kTwo, 1), settings, first);
    CHECK(o.kind == Outcome::Kind::retry);
    CHECK(o.retry_after_ms == 30000);
    CHECK(o.reason == "SMS.ru: Иван (79130000002): оператор занят");
    CHECK(host.state.at("sms-sent/lead-7") == R"({"79130000001":"id-m"})");
    auto second = [&](const std::vector<std::string>& phones, const std::string&) {
        sends.push_back(phones);
        return same_for_all(phones, Outcome::Kind::ok, "id-i");
    };
    o = deliver_notice(host.host(), "sms", alert(kTwo, 2), settings, second);
    CHECK(o.kind == Outcome::Kind::ok);
    CHECK(o.external_id == "id-m,id-i");
    REQUIRE(sends.size() == 2);
    CHECK(sends[1] == std::vector<std::string>{"79130000002"});
}

TEST_CASE("alert: a number refused for good, or a phone no SMS reaches, does not fail the others") {
    FakeHost host;
    NoticeSettings settings{read_phone_recipients({"+79161234567"}), "{{name}}", "SMS.ru"};
    auto send = [](const std::vector<std::string>&, const std::string&) {
        return std::vector<NumberResult>{{"79130000001", Outcome::Kind::ok, "id-m", {}},
                                         {"79130000002", Outcome::Kind::permanent, "номер в стоп-листе", {}}};
    };
    auto o = deliver_notice(host.host(), "sms", alert(kTwo), settings, send);
    CHECK(o.kind == Outcome::Kind::ok);
    CHECK(o.external_id == "id-m");
    CHECK(host.logged("alert delivered, but not to: Иван (79130000002): номер в стоп-листе"));

    Json payload = kTwo;
    payload["to"][1]["contacts"]["phone"] = "+380501234567";
    std::vector<std::string> sent_to;
    auto only_marina = [&](const std::vector<std::string>& phones, const std::string&) {
        sent_to = phones;
        return same_for_all(phones, Outcome::Kind::ok, "id-m");
    };
    o = deliver_notice(host.host(), "sms", alert(payload, 1), settings, only_marina);
    CHECK(o.kind == Outcome::Kind::ok);
    CHECK(sent_to == std::vector<std::string>{"79130000001"});  // not the fixed number: someone named got it
    CHECK(host.logged("alert delivered, but not to: Иван: the phone is not for SMS: "));
}

TEST_CASE("alert: nobody reachable is permanent, saying why") {
    FakeHost host;
    NoticeSettings settings{read_phone_recipients({"assignee"}), "{{name}}", "SMSC"};
    Json payload = kTwo;
    payload["to"] = Json::parse(R"([{"id": "marina", "name": "Марина", "contacts": {"telegram": "784512396"}}])");
    auto o = deliver_notice(host.host(), "sms", alert(payload), settings, never);
    CHECK(o.kind == Outcome::Kind::permanent);
    CHECK(o.reason == "SMSC: the alert reached nobody: nobody it names has a Russian mobile number; Марина: no phone in their contacts, "
                      "and option to has no fixed number");
    payload["to"] = Json::array();
    o = deliver_notice(host.host(), "sms", alert(payload), settings, never);
    CHECK(o.reason.find("the alert names nobody") != std::string::npos);

    auto refused = [](const std::vector<std::string>& phones, const std::string&) {
        return same_for_all(phones, Outcome::Kind::permanent, "на счёте SMSC не хватает денег");
    };
    o = deliver_notice(host.host(), "sms", alert(kTwo), settings, refused);
    CHECK(o.kind == Outcome::Kind::permanent);
    CHECK(o.reason.starts_with("SMSC: the alert reached nobody: Марина (79130000001): на счёте SMSC не хватает денег; Иван"));
}

TEST_CASE("alert: a malformed payload is permanent with the field named, nothing sent") {
    FakeHost host;
    NoticeSettings settings{read_phone_recipients({"+79161234567"}), "{{name}}", "SMS.ru"};
    auto check = [&](const std::string& member, const Json& value, const std::string& reason) {
        Json payload = kTwo;
        if (value.is_discarded()) payload.erase(member);
        else payload[member] = value;
        auto o = deliver_notice(host.host(), "sms", alert(payload), settings, never);
        CHECK(o.kind == Outcome::Kind::permanent);
        CHECK(o.reason == "SMS.ru: " + reason);
    };
    check("to", "marina", "the alert's payload.to is not a list of recipients");
    check("to", Json::array({"marina"}), "the alert's payload.to[0] is not an object");
    check("text", Json(Json::value_t::discarded), "the alert has no text (payload.text is missing or not a string)");
    check("text", 42, "the alert has no text (payload.text is missing or not a string)");
    check("text", " \n ", "the alert's text is empty (payload.text)");
}
