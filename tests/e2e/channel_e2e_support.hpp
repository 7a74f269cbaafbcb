// Shared steps of the channel end-to-end tests (one file per channel family): the platform
// fixtures and outbound samples of plugins/channels/<plugin>/tests/data, a hub config with one
// channel source, posting a fixture to the running hub, and reading a lead's conversation.
#pragma once

#include "e2e_support.hpp"

#include <catch2/catch.hpp>

#include <sstream>

namespace leadhub::testing {

inline nlohmann::json channel_fixture(const std::string& plugin, const std::string& file) {
    return nlohmann::json::parse(read_file(source_dir() + "/plugins/channels/" + plugin + "/tests/data/" + file));
}

// The response body of an outbound sample, as the fake platform answers it.
inline std::string outbound_answer(const std::string& plugin, const std::string& file) {
    const nlohmann::json body = channel_fixture(plugin, file)["response"]["body"];
    return body.is_string() ? body.get<std::string>() : body.dump();
}

// A hub on `port` with tenant t1 and the given `sources:` entries (each "      - {...}\n").
inline std::string channel_config(int port, const std::string& sources) {
    std::ostringstream y;
    y << "version: 1\n"
      << "listen: 127.0.0.1:" << port << "\n"
      << "admin:\n  token: ${LEADHUB_ADMIN_TOKEN}\n"
      << "storage:\n  path: leadhub.db\n"
      << "tenants:\n"
      << "  - id: t1\n"
      << "    timezone: Europe/Moscow\n"
      << "    sources:\n"
      << sources;
    return y.str();
}

// The fixture's request sent to /hooks/t1/<instance>: fixture paths are /hooks/<channel>/t1<rest>,
// and <rest> (Mango's /events/summary) is kept.
inline HttpReply post_channel_fixture(const Hub& hub, const nlohmann::json& fixture, const std::string& instance) {
    const auto& req = fixture["request"];
    const std::string path = req["path"];
    const std::size_t tenant_at = path.find("/t1");
    std::string uri = "/hooks/t1/" + instance + (tenant_at == std::string::npos ? "" : path.substr(tenant_at + 3));
    std::string sep = "?";
    // Named, not iterated as temporaries: items() would outlive them.
    const nlohmann::json query = req.value("query", nlohmann::json::object());
    const nlohmann::json request_headers = req.value("headers", nlohmann::json::object());
    for (const auto& [k, v] : query.items()) {
        uri += sep + k + "=" + v.get<std::string>();
        sep = "&";
    }
    std::map<std::string, std::string> headers;
    for (const auto& [k, v] : request_headers.items()) headers[k] = v.get<std::string>();
    const std::string body = req["body"].is_string() ? req["body"].get<std::string>() : req["body"].dump();
    return http_call(hub.port(), req.value("method", std::string("POST")), uri, body, headers);
}

// Every acknowledged message has been through the background stage (made a lead, joined one,
// or dropped as a repeat): only then can a test say that something did *not* happen.
inline bool inbox_settled(const Hub& hub) {
    return eventually([&] {
        auto metrics = http_call(hub.port(), "GET", "/metrics");
        return metrics.status == 200 && metrics.body.find("leadhub_inbox_messages{state=\"waiting\"} 0\n") != std::string::npos;
    });
}

inline nlohmann::json lead_messages(const Hub& hub, int64_t lead_id) {
    auto r = hub.api("/api/leads/" + std::to_string(lead_id) + "/messages");
    return r.status == 200 ? nlohmann::json::parse(r.body)["messages"] : nlohmann::json::array();
}

inline HttpReply post_reply(const Hub& hub, int64_t lead_id, const std::string& text) {
    return http_call(hub.port(), "POST", "/api/leads/" + std::to_string(lead_id) + "/reply", nlohmann::json{{"text", text}}.dump(),
                     {{"Authorization", "Bearer " + kAdminToken}, {"Content-Type", "application/json"}});
}

// The lead carries exactly the fixture's `expect.lead`; a call's `call` is the lead's extra.call.
inline void check_lead_matches(const nlohmann::json& lead, const nlohmann::json& expected) {
    for (const auto& [key, value] : expected.items()) {
        INFO("lead field " << key << " of " << lead.dump());
        if (key == "call") {
            REQUIRE(lead.contains("extra"));
            for (const auto& [ck, cv] : value.items()) {
                INFO("extra.call." << ck);
                CHECK(lead["extra"]["call"][ck] == cv);
            }
        } else {
            CHECK(lead[key] == value);
        }
    }
}

// The messages of a lead with that kind ("customer", "reply", "business").
inline std::size_t count_kind(const nlohmann::json& messages, const std::string& kind) {
    std::size_t n = 0;
    for (const auto& m : messages)
        if (m["kind"] == kind) ++n;
    return n;
}

}  // namespace leadhub::testing
