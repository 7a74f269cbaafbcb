#include "app/admin_api.hpp"

#include "app/lead_take.hpp"
#include "app/runtime.hpp"

#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/iso8601.hpp>
#include <leadhub/sdk/json.hpp>
#include <leadhub/sdk/safe_text.hpp>

#include <charconv>
#include <regex>

namespace leadhub::app {

namespace {

// Takes as long for a near miss as for a far one, so the token cannot be guessed byte by byte.
bool constant_time_equal(const std::string& given, const std::string& expected) {
    if (expected.empty()) return false;
    unsigned char diff = given.size() == expected.size() ? 0 : 1;
    for (std::size_t i = 0; i < given.size(); ++i)
        diff |= static_cast<unsigned char>(given[i] ^ expected[i % expected.size()]);
    return diff == 0;
}

// Every error answer goes through here. Many quote what the client sent (a parameter, a path,
// a status from the body), which may hold control characters once decoded: they are escaped, so
// whoever prints the answer gets one readable line.
http::Response error(int status, const std::string& message) {
    return http::Response::json(status, {{"error", sdk::escape_control(message)}});
}

// Parses ?limit= within bounds; writes the error response when it is not a number in range.
bool read_limit(const std::vector<std::pair<std::string, std::string>>& query, std::size_t& limit, http::Response& fail) {
    std::string raw = sdk::form_value(query, "limit");
    if (raw.empty()) return true;
    long value = 0;
    auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
    if (ec != std::errc() || end != raw.data() + raw.size() || value < 1 || value > 1000) {
        fail = error(400, "limit must be a whole number from 1 to 1000, got '" + raw + "'");
        return false;
    }
    limit = static_cast<std::size_t>(value);
    return true;
}

// POST /api/leads/{id}/status with {"status": "won"}: won, lost and closed end the lead's
// conversation (the contact's next message opens a new lead); open reopens it.
http::Response set_lead_status(store::Store& store, int64_t lead_id, const std::string& body, int64_t now) {
    nlohmann::json request = sdk::parse_json(body);  // bounded depth, as all JSON from outside
    if (request.is_discarded() || !request.is_object() || !request.contains("status") || !request["status"].is_string())
        return error(400, "send a JSON object such as {\"status\": \"won\"} (open, won, lost or closed)");
    std::string status = request["status"].get<std::string>();
    if (status != "open" && status != "won" && status != "lost" && status != "closed")
        return error(400, "unknown status '" + status + "': use open, won, lost or closed");
    switch (store.set_lead_status(lead_id, status, now)) {
        case store::LeadStatusChange::no_such_lead: return error(404, "no lead with id " + std::to_string(lead_id));
        case store::LeadStatusChange::same_status:
        case store::LeadStatusChange::changed: break;
    }
    return http::Response::json(200, {{"id", lead_id}, {"status", status}});
}

// POST /api/leads/{id}/take with {"staff": "olga"}: see lead_take.hpp.
http::Response take(store::Store& store, const config::Config& config, int64_t lead_id, const std::string& body,
                    int64_t now) {
    nlohmann::json request = sdk::parse_json(body);  // bounded depth, as all JSON from outside
    if (request.is_discarded() || !request.is_object() || !request.contains("staff") || !request["staff"].is_string() ||
        request["staff"].get<std::string>().empty())
        return error(400, "send a JSON object such as {\"staff\": \"olga\"} with the id of the person who takes the lead");
    TakeReply reply = take_lead(store, &config, lead_id, request["staff"].get<std::string>(), now);
    return http::Response::json(reply.status, reply.body);
}

}  // namespace

nlohmann::json dead_letter_json(const store::Job& job) {
    return {{"id", job.id},
            {"tenant", job.tenant},
            {"sink", job.sink},
            {"kind", job.kind},
            {"lead_id", job.lead_id},
            {"attempts", job.attempts},
            {"reason", job.last_error},
            {"idempotency_key", job.idempotency_key},
            {"created_at", sdk::iso8601_utc(job.created_at_ms)},
            {"failed_at", sdk::iso8601_utc(job.updated_at_ms)}};
}

http::Response handle_admin(Runtime& runtime, const http::Request& request) {
    auto deployment = runtime.deployment();
    const auto& admin = deployment->config().admin;
    if (!admin.enabled) return error(404, "the admin API is disabled (admin.enabled: false)");
    std::string auth = request.header("Authorization");
    const std::string bearer = "Bearer ";
    if (auth.compare(0, bearer.size(), bearer) != 0 || !constant_time_equal(auth.substr(bearer.size()), admin.token)) {
        auto r = error(401, "missing or wrong admin token: send 'Authorization: Bearer <admin.token>'");
        r.headers["WWW-Authenticate"] = "Bearer realm=\"leadhub\"";
        return r;
    }
    auto query = sdk::parse_form(request.query);
    std::string tenant = sdk::form_value(query, "tenant");
    std::size_t limit = 50;
    http::Response fail;
    auto& store = runtime.store();
    int64_t now = now_ms();

    if (request.path == "/api/status") {
        if (request.method != "GET") return error(405, "use GET");
        return http::Response::json(200, runtime.status());
    }
    if (request.path == "/api/leads") {
        if (request.method != "GET") return error(405, "use GET");
        if (!read_limit(query, limit, fail)) return fail;
        nlohmann::json leads = nlohmann::json::array();
        for (const auto& lead : store.leads(tenant, limit)) leads.push_back(lead.to_json());
        return http::Response::json(200, {{"leads", leads}});
    }
    if (request.path == "/api/deadletters") {
        if (request.method != "GET") return error(405, "use GET");
        if (!read_limit(query, limit, fail)) return fail;
        nlohmann::json out = nlohmann::json::array();
        for (const auto& job : store.dead_letters(tenant, limit)) out.push_back(dead_letter_json(job));
        return http::Response::json(200, {{"deadletters", out}});
    }
    if (request.path == "/api/deadletters/replay") {
        if (request.method != "POST") return error(405, "use POST");
        std::size_t n = store.replay_all(tenant, now);
        runtime.dispatcher().notify();
        return http::Response::json(200, {{"replayed", n}});
    }
    static const std::regex lead_status("/api/leads/([0-9]{1,18})/status");
    static const std::regex lead_messages("/api/leads/([0-9]{1,18})/messages");
    static const std::regex lead_take("/api/leads/([0-9]{1,18})/take");
    std::smatch lead_match;
    if (std::regex_match(request.path, lead_match, lead_take)) {
        if (request.method != "POST") return error(405, "use POST");
        return take(store, deployment->config(), std::stoll(lead_match[1].str()), request.body, now);
    }
    if (std::regex_match(request.path, lead_match, lead_status)) {
        if (request.method != "POST") return error(405, "use POST");
        int64_t id = std::stoll(lead_match[1].str());
        return set_lead_status(store, id, request.body, now);
    }
    if (std::regex_match(request.path, lead_match, lead_messages)) {
        if (request.method != "GET") return error(405, "use GET");
        int64_t id = std::stoll(lead_match[1].str());
        if (!store.lead(id)) return error(404, "no lead with id " + lead_match[1].str());
        nlohmann::json out = nlohmann::json::array();
        for (const auto& m : store.lead_messages(id))
            out.push_back({{"id", m.id},
                           {"source", m.source},
                           {"channel", m.channel},
                           {"name", m.name ? nlohmann::json(*m.name) : nlohmann::json(nullptr)},
                           {"phone", m.phone ? nlohmann::json(*m.phone) : nlohmann::json(nullptr)},
                           {"email", m.email ? nlohmann::json(*m.email) : nlohmann::json(nullptr)},
                           {"text", m.text ? nlohmann::json(*m.text) : nlohmann::json(nullptr)},
                           {"reading", m.reading},
                           {"received_at", sdk::iso8601_utc(m.received_at_ms)}});
        return http::Response::json(200, {{"lead_id", id}, {"messages", out}});
    }
    static const std::regex replay_one("/api/deadletters/([0-9]{1,18})/replay");
    std::smatch match;
    if (std::regex_match(request.path, match, replay_one)) {
        if (request.method != "POST") return error(405, "use POST");
        int64_t id = std::stoll(match[1].str());
        if (!store.replay(id, now)) return error(404, "no dead letter with id " + match[1].str());
        runtime.dispatcher().notify();
        return http::Response::json(200, {{"replayed", nlohmann::json::array({id})}});
    }
    return error(404, "no such API path: " + request.path);
}

}  // namespace leadhub::app
