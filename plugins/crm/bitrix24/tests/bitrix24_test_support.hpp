// What the bitrix24 tests share: the samples (tests/data, copied from the shared api-samples),
// a hub lead as a delivery carries it, and the options of a test instance.
#pragma once

#include <leadhub/sdk/testing.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace bitrix24_test {

using leadhub::sdk::Json;
using leadhub::sdk::testing::RecordedResponse;

inline const std::string kAppToken = "q7w2k9d4m1x8c5v3b6n0z2l4p7r9t1ya";

inline std::string read_text(const std::string& relative) {
    std::ifstream in(std::string(LEADHUB_TEST_DATA) + "/" + relative, std::ios::binary);
    if (!in) throw std::runtime_error("missing test data " + relative);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

inline Json sample(const std::string& file) { return Json::parse(read_text(file)); }

// A sample's response as an HttpResponse (api tests) or a RecordedResponse (the fake server).
inline leadhub::sdk::HttpResponse http_answer(const std::string& file) {
    const Json s = sample(file).at("response");
    leadhub::sdk::HttpResponse r;
    r.status = s.at("status").get<int>();
    const Json headers = s.value("headers", Json::object());  // kept: a range-for over a temporary's items() dangles
    for (const auto& [k, v] : headers.items()) r.headers[k] = v.get<std::string>();
    r.body = s.at("body").dump();
    return r;
}

inline RecordedResponse recorded(const std::string& file) {
    auto r = http_answer(file);
    return {r.status, r.headers, r.body, {}};
}

inline RecordedResponse json_answer(int status, const Json& body) {
    return {status, {{"Content-Type", "application/json"}}, body.dump(), {}};
}

inline RecordedResponse result_answer(const Json& result) {
    return json_answer(200, {{"result", result}, {"time", {{"start", 1.0}, {"operating_reset_at", 1767226200}}}});
}

// A lead as the hub's delivery carries it (docs/crm-and-notifiers.md).
inline Json hub_lead() {
    return {{"id", 42}, {"tenant", "salon"}, {"key", "salon:42"}, {"source", "site"}, {"channel", "webform"},
            {"channel_title", "Сайт"}, {"name", "Анна"}, {"phone", "+79161234567"}, {"email", "anna@example.ru"},
            {"text", "Хочу записаться на стрижку в субботу"}, {"display_text", "Хочу записаться на стрижку в субботу"},
            {"utm", {{"utm_source", "yandex"}, {"utm_medium", "cpc"}, {"utm_campaign", "spring_promo"}}},
            {"created_at", "2026-01-01T10:00:00Z"}, {"intent", "booking"}, {"services", Json::array({"haircut"})},
            {"service_names", Json::array({"Стрижка", "Окрашивание"})}, {"urgent", true}, {"date", "2026-01-03"},
            {"time", "15:00"}, {"daypart", nullptr}, {"score", 80}, {"status", "new"}, {"assignee", "olga"},
            {"assignment_reason", "по графику"}, {"assignee_name", "Ольга"},
            {"conversation", Json::array({{{"at", "2026-01-01T10:00:00Z"}, {"kind", "customer"}, {"author", nullptr},
                                           {"text", "Хочу записаться на стрижку в субботу"}},
                                          {{"at", "2026-01-01T10:02:00Z"}, {"kind", "reply"}, {"author", "olga"},
                                           {"text", "Здравствуйте! Есть окно в 15:00"}}})},
            {"external_ids", Json::object()}};
}

inline Json webhook_options(const std::string& base_url) {
    return {{"webhook_url", base_url + "/rest/1/code/"}, {"application_token", kAppToken},
            {"staff_map", {{"olga", "7"}}}};
}

inline Json oauth_options(const std::string& base_url) {
    return {{"portal_url", base_url}, {"client_id", "app.573ad8a0346747.09223434"}, {"client_secret", "sec"},
            {"refresh_token", "4f9k4jpmg13usmybzuqknt2v9fh0q6rl"}, {"access_token", "old-access"},
            {"oauth_url", base_url + "/oauth/token/"}, {"application_token", kAppToken}};
}

}  // namespace bitrix24_test
