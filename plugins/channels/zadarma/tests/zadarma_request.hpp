// Builds Zadarma's POSTs for the tests: form fields in Zadarma's order, signed as Zadarma signs
// them (checked against the public sample in signature_test.cpp), through the plugin's real exports.
#pragma once

#include "zadarma_signature.hpp"

#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/testing.hpp>

#include <string>
#include <utility>
#include <vector>

namespace zadarma_test {

using FieldList = std::vector<std::pair<std::string, std::string>>;
inline const std::string kSecret = "a8e91d214fb728889c7e";

inline std::string form_encode(const FieldList& fields) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (const auto& [k, v] : fields) {
        if (!out.empty()) out += '&';
        for (const std::string* s : {&k, &v}) {
            for (unsigned char c : *s) {
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')
                    out += static_cast<char>(c);
                else if (c == ' ') out += '+';
                else out += '%', out += hex[c >> 4], out += hex[c & 15];
            }
            if (s == &k) out += '=';
        }
    }
    return out;
}

// The signature Zadarma would send for these fields (empty when the event has no formula).
inline std::string sign(const FieldList& fields, const std::string& secret = kSecret) {
    leadhub::zadarma::Fields map;
    for (const auto& [k, v] : fields) map.emplace(k, v);
    auto text = leadhub::zadarma::signed_string(map);
    return text ? leadhub::zadarma::signature_of(secret, *text) : "c29tZXRoaW5n";
}

inline leadhub::sdk::HttpRequest post(std::string body, std::string signature,
                                      std::string content_type = "application/x-www-form-urlencoded") {
    leadhub::sdk::HttpRequest r;
    r.method = "POST";
    r.target = "/";
    r.body = std::move(body);
    if (!content_type.empty()) r.headers["Content-Type"] = std::move(content_type);
    if (!signature.empty()) r.headers["Signature"] = std::move(signature);
    return r;
}

inline leadhub::sdk::HttpRequest signed_post(const FieldList& fields) { return post(form_encode(fields), sign(fields)); }

// An incoming call's fields at its end; `changes` replace or add fields.
inline FieldList notify_end(const FieldList& changes = {}) {
    FieldList f = {{"event", "NOTIFY_END"},        {"call_start", "2026-03-10 13:05:12"},
                   {"pbx_call_id", "in_abc123"},   {"caller_id", "79161234567"},
                   {"called_did", "74951234567"},  {"internal", "100"},
                   {"duration", "0"},              {"disposition", "no answer"},
                   {"status_code", "19"},          {"is_recorded", "0"},
                   {"call_id_with_rec", ""}};
    for (const auto& [k, v] : changes) {
        bool replaced = false;
        for (auto& [fk, fv] : f)
            if (fk == k) fv = v, replaced = true;
        if (!replaced) f.emplace_back(k, v);
    }
    return f;
}

struct Account {
    leadhub::sdk::testing::FakeHost host;
    leadhub::sdk::testing::Harness plugin = leadhub::sdk::testing::Harness::linked(host);
    explicit Account(const std::string& secret = kSecret) {
        if (plugin.create("zadarma", {{"api_secret", secret}}) != "") throw std::runtime_error("create failed");
    }
};

}  // namespace zadarma_test
