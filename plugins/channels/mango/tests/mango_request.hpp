// Builds Mango's POSTs for the tests: the form fields vpbx_api_key, sign and json, signed as Mango
// signs them (checked against the public sample in sign_test.cpp), through the real exports.
#pragma once

#include "mango_sign.hpp"

#include <leadhub/sdk/testing.hpp>

#include <string>

namespace mango_test {

inline const std::string kKey = "w4ggl7bxjnssn0h2bq6ysq9d8ymdx4pl";
inline const std::string kSalt = "k9r2sd7q1x0m5n8b";

inline std::string percent(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')
            out += static_cast<char>(c);
        else out += '%', out += hex[c >> 4], out += hex[c & 15];
    }
    return out;
}

inline std::string body_of(const std::string& json, const std::string& sign, const std::string& key = kKey) {
    return "vpbx_api_key=" + percent(key) + "&sign=" + percent(sign) + "&json=" + percent(json);
}

inline leadhub::sdk::HttpRequest post(const std::string& path, std::string body) {
    leadhub::sdk::HttpRequest r;
    r.method = "POST";
    r.target = path;
    r.body = std::move(body);
    r.headers["Content-Type"] = "application/x-www-form-urlencoded";
    return r;
}

// The event `json` posted to `path`, signed with the instance's key and salt.
inline leadhub::sdk::HttpRequest signed_event(const std::string& path, const std::string& json) {
    return post(path, body_of(json, leadhub::mango::sign_of(kKey, json, kSalt)));
}

// An incoming call's summary; `changes` are merged over it.
inline std::string summary(const leadhub::sdk::Json& changes = leadhub::sdk::Json::object()) {
    leadhub::sdk::Json s = {{"entry_id", "MzUyODMzNzk3NTo0MDE="},
                            {"call_direction", 1},
                            {"from", {{"number", "79031234567"}}},
                            {"to", {{"number", "74951234567"}, {"line_number", "74951234567"}, {"extension", "101"}}},
                            {"line_number", "74951234567"},
                            {"create_time", 1773137100},
                            {"forward_time", 1773137103},
                            {"talk_time", 0},
                            {"end_time", 1773137131},
                            {"entry_result", 0},
                            {"disconnect_reason", 1100}};
    s.merge_patch(changes);
    return s.dump();
}

struct Vpbx {
    leadhub::sdk::testing::FakeHost host;
    leadhub::sdk::testing::Harness plugin = leadhub::sdk::testing::Harness::linked(host);
    Vpbx() {
        if (plugin.create("mango", {{"vpbx_api_key", kKey}, {"vpbx_api_salt", kSalt}}) != "") throw std::runtime_error("create failed");
    }
};

}  // namespace mango_test
