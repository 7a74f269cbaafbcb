// What the Telegram channel's tests share: the sample files (copied from the shared api-samples
// into tests/data), requests as Telegram sends them, and Bot API answers built from the outbound
// samples.
#pragma once

#include <leadhub/sdk/testing.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace telegram_test {

using leadhub::sdk::HttpRequest;
using leadhub::sdk::HttpResponse;
using leadhub::sdk::Json;

inline const std::filesystem::path data_dir = LEADHUB_TEST_DATA;

inline constexpr const char* kSecret = "lead-hub_tg_9Xq2Lm7v";
inline constexpr const char* kToken = "123456789:AAE-test_token";

inline Json load_json(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return Json::parse(text.str());
}

// The options of a webhook instance as the fixtures' hub is configured.
inline Json webhook_options(const std::string& api_url = "http://fake-telegram") {
    return {{"bot_token", kToken}, {"secret_token", kSecret}, {"api_url", api_url}};
}

inline Json polling_options(const std::string& api_url = "http://fake-telegram") {
    return {{"bot_token", kToken}, {"mode", "polling"}, {"api_url", api_url}, {"poll_timeout_s", 1}};
}

// One update POSTed by Telegram with the secret header (the body's bytes as given).
inline HttpRequest update_request(const std::string& body, const std::string& secret = kSecret) {
    HttpRequest request;
    request.method = "POST";
    request.target = "/";
    request.headers["Content-Type"] = "application/json";
    if (!secret.empty()) request.headers["X-Telegram-Bot-Api-Secret-Token"] = secret;
    request.body = body;
    return request;
}

inline HttpRequest update_request(const Json& update, const std::string& secret = kSecret) {
    return update_request(update.dump(), secret);
}

// The documented answer of an outbound sample, e.g. outbound_response("error.429").
inline HttpResponse outbound_response(const std::string& name) {
    const Json sample = load_json(data_dir / "outbound" / (name + ".json"));
    const Json& r = sample.at("response");
    HttpResponse response;
    response.status = r.at("status").get<int>();
    const Json headers = r.value("headers", Json::object());  // named: items() of a temporary dangles
    for (const auto& [key, value] : headers.items()) response.headers[key] = value.get<std::string>();
    response.body = r.at("body").is_null() ? std::string() : r.at("body").dump();
    return response;
}

// A Bot API answer of our own making, in the documented envelope.
inline HttpResponse api_error(int code, const std::string& description, const Json& parameters = nullptr) {
    Json body = {{"ok", false}, {"error_code", code}, {"description", description}};
    if (!parameters.is_null()) body["parameters"] = parameters;
    return HttpResponse{code, {{"Content-Type", "application/json"}}, body.dump(), {}};
}

inline HttpResponse api_ok(const Json& result) {
    return HttpResponse{200, {{"Content-Type", "application/json"}}, Json{{"ok", true}, {"result", result}}.dump(), {}};
}

// The method a Bot API request calls: ".../bot<token>/sendMessage" -> "sendMessage".
inline std::string method_of(const HttpRequest& request) {
    return request.target.substr(request.target.rfind('/') + 1);
}

// A private-chat message update from customer 111 (Анна Иванова) with the given fields merged in.
inline Json private_update(int64_t update_id, const Json& fields) {
    Json message = {{"message_id", 10 + update_id},
                    {"date", 1714750190},
                    {"from", {{"id", 111}, {"is_bot", false}, {"first_name", "Анна"}, {"last_name", "Иванова"},
                              {"username", "anna_i"}}},
                    {"chat", {{"id", 111}, {"type", "private"}, {"first_name", "Анна"}, {"last_name", "Иванова"}}}};
    for (const auto& [key, value] : fields.items()) message[key] = value;
    return {{"update_id", update_id}, {"message", message}};
}

}  // namespace telegram_test
