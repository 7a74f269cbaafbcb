// What the WhatsApp tests share: the instance's options, signed requests as Meta sends them,
// webhook bodies built around a value, and the stored samples.
#pragma once

#include "meta_webhook.hpp"

#include <leadhub/sdk/testing.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace leadhub::whatsapp::test {

using sdk::Json;

inline const std::string kAppSecret = "6f1d2c3b4a5e6f708192a3b4c5d6e7f8";
inline const std::string kVerifyToken = "meatyhamhock";
inline const std::string kApiUrl = "http://graph.test";
inline const std::string kPhoneNumberId = "106540352242922";

inline Json options(Json overrides = Json::object()) {
    Json o = {{"access_token", "EAAtoken"}, {"app_secret", kAppSecret}, {"verify_token", kVerifyToken}, {"api_url", kApiUrl}};
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

// {"object": "whatsapp_business_account", "entry": [{"changes": [{"field", "value"}]}]} around
// one value, with the sample's metadata added.
inline Json envelope(Json value, const std::string& field = "messages") {
    value["messaging_product"] = "whatsapp";
    value["metadata"] = {{"display_phone_number", "15550783881"}, {"phone_number_id", kPhoneNumberId}};
    return {{"object", "whatsapp_business_account"},
            {"entry", Json::array({{{"id", "102290129340398"},
                                    {"changes", Json::array({{{"field", field}, {"value", value}}})}}})}};
}

// A customer message value: one contact, one message of the given type and content.
inline Json customer_message(const std::string& type, Json content, Json extra_fields = Json::object(),
                             const std::string& id = "wamid.TEST1") {
    Json message = {{"from", "79161234567"}, {"id", id}, {"timestamp", "1749416383"}, {"type", type}};
    if (!content.is_null()) message[type] = std::move(content);
    for (auto& [k, v] : extra_fields.items()) message[k] = v;
    return envelope({{"contacts", Json::array({{{"profile", {{"name", "Анна"}}}, {"wa_id", "79161234567"}}})},
                     {"messages", Json::array({message})}});
}

// The one message a body yields, through the plugin's real exports.
inline sdk::WebhookResult post_to_plugin(sdk::testing::FakeHost& host, const std::string& body) {
    auto plugin = sdk::testing::Harness::linked(host);
    if (auto error = plugin.create("wa", options()); !error.empty()) throw std::runtime_error(error);
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

}  // namespace leadhub::whatsapp::test
