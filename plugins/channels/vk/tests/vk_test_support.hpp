// What the VK tests share: the sample files (tests/data, copied from the shared api-samples),
// the options of a test instance, and requests and answers built from the samples.
#pragma once

#include <leadhub/sdk/testing.hpp>

#include <fstream>
#include <sstream>
#include <string>

namespace vk_test {

using leadhub::sdk::Json;

inline const std::string kSecret = "vk_s3cr3t_b2c4e6";
inline const std::string kCode = "d9a1f37c";
inline constexpr int64_t kGroup = 218000123;

inline std::string read_text(const std::string& relative) {
    std::ifstream in(std::string(LEADHUB_TEST_DATA) + "/" + relative, std::ios::binary);
    if (!in) throw std::runtime_error("missing test data " + relative);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

inline Json sample(const std::string& relative) { return Json::parse(read_text(relative)); }

inline Json callback_options() {
    return {{"access_token", "vk1.a.token"}, {"group_id", kGroup}, {"secret", kSecret}, {"confirmation_code", kCode},
            {"api_url", "https://vk.test/method"}};
}

inline Json longpoll_options() {
    return {{"access_token", "vk1.a.token"}, {"group_id", kGroup}, {"mode", "longpoll"},
            {"api_url", "https://vk.test/method"}, {"poll_wait_s", 1}};
}

inline leadhub::sdk::HttpRequest post(std::string body) {
    leadhub::sdk::HttpRequest r;
    r.method = "POST";
    r.target = "/";
    r.headers["Content-Type"] = "application/json";
    r.body = std::move(body);
    return r;
}

// The body of vk-02 (message_new, API 5.199) with its object replaced by `object`.
inline Json event_with(const std::string& type, const Json& object) {
    Json e = sample("vk-02-message-new.json").at("request").at("body");
    e["type"] = type;
    e["object"] = object;
    return e;
}

// The message of vk-02, for variants.
inline Json base_message() {
    return sample("vk-02-message-new.json").at("request").at("body").at("object").at("message");
}

// An outbound sample's response as the fake host answers it.
inline leadhub::sdk::HttpResponse answer_from(const std::string& outbound_file) {
    Json s = sample("outbound/" + outbound_file).at("response");
    leadhub::sdk::HttpResponse r;
    r.status = s.at("status").get<int>();
    const Json headers = s.value("headers", Json::object());
    for (const auto& [k, v] : headers.items()) r.headers[k] = v.get<std::string>();
    const Json& body = s.at("body");
    r.body = body.is_null() ? "" : body.is_string() ? body.get<std::string>() : body.dump();
    return r;
}

inline leadhub::sdk::HttpResponse vk_error(int code, const std::string& msg) {
    leadhub::sdk::HttpResponse r;
    r.status = 200;
    r.body = Json{{"error", {{"error_code", code}, {"error_msg", msg}, {"request_params", Json::array()}}}}.dump();
    return r;
}

}  // namespace vk_test
