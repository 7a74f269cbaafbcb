// What the Instagram tests share: the instance's options, signed requests as Meta sends them,
// webhook bodies built around events, and the stored samples.
#pragma once

#include "meta_webhook.hpp"

#include <leadhub/sdk/testing.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace leadhub::instagram::test {

using sdk::Json;

inline const std::string kAppSecret = "6f1d2c3b4a5e6f708192a3b4c5d6e7f8";
inline const std::string kVerifyToken = "meatyhamhock";
inline const std::string kApiUrl = "http://graph.test";
inline const std::string kBusiness = "17841400123456789";
inline const std::string kCustomer = "1284567890123456";

inline Json options(Json overrides = Json::object()) {
    Json o = {{"access_token", "IGtoken"}, {"app_secret", kAppSecret}, {"verify_token", kVerifyToken}, {"api_url", kApiUrl}};
    for (auto& [k, v] : overrides.items()) o[k] = v;
    return o;
}

inline Json load_json(const std::string& file) {
    std::ifstream in(std::filesystem::path(LEADHUB_TEST_DATA) / file, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return Json::parse(text.str());
}

inline sdk::HttpRequest signed_post(const std::string& body, const std::string& secret = kAppSecret) {
    sdk::HttpRequest r;
    r.method = "POST";
    r.target = "/";
    r.body = body;
    r.headers["Content-Type"] = "application/json";
    r.headers["X-Hub-Signature-256"] = "sha256=" + meta::hmac_sha256_hex(secret, body);
    return r;
}

// {"object": "instagram", "entry": [{"id", "time", "messaging": events}]}
inline Json envelope(Json events) {
    return {{"object", "instagram"},
            {"entry", Json::array({{{"time", 1773136801234}, {"id", kBusiness}, {"messaging", std::move(events)}}})}};
}

// One event from the customer to the business carrying `key: content`.
inline Json customer_event(const std::string& key, Json content) {
    return {{"sender", {{"id", kCustomer}}}, {"recipient", {{"id", kBusiness}}}, {"timestamp", 1773136800987}, {key, std::move(content)}};
}

inline sdk::WebhookResult post_to_plugin(sdk::testing::FakeHost& host, const std::string& body) {
    auto plugin = sdk::testing::Harness::linked(host);
    if (auto error = plugin.create("ig", options()); !error.empty()) throw std::runtime_error(error);
    return plugin.webhook(signed_post(body));
}

// An HTTP answer from an outbound sample file's "response".
inline sdk::HttpResponse sample_response(const std::string& file) {
    const Json sample = load_json(file);
    sdk::HttpResponse r;
    r.status = sample["response"]["status"];
    r.body = sample["response"]["body"].is_null() ? "" : sample["response"]["body"].dump();
    return r;
}

}  // namespace leadhub::instagram::test
