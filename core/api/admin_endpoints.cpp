#include "api/admin_endpoints.hpp"

#include "conversation/reminders.hpp"

#include "api/lead_reply.hpp"
#include "api/lead_take.hpp"
#include "api/report_endpoints.hpp"

#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/iso8601.hpp>
#include <leadhub/sdk/json.hpp>

#include <charconv>

namespace leadhub::app {

namespace {

using Query = std::vector<std::pair<std::string, std::string>>;

// ?limit= within 1..1000 (50 when absent); the 400 answer when it is not a number in range.
std::optional<http::Response> read_limit(const Query& query, std::size_t& limit) {
    std::string raw = sdk::form_value(query, "limit");
    if (raw.empty()) return std::nullopt;
    long value = 0;
    auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
    if (ec != std::errc() || end != raw.data() + raw.size() || value < 1 || value > 1000)
        return admin_error(400, "limit must be a whole number from 1 to 1000, got '" + raw + "'");
    limit = static_cast<std::size_t>(value);
    return std::nullopt;
}

nlohmann::json or_null(const std::optional<std::string>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

// "YYYY-MM-DDTHH:MM": a visit's time as the tenant's clock shows it.
bool valid_local_date_time(const std::string& v) {
    if (v.size() != 16 || v[4] != '-' || v[7] != '-' || v[10] != 'T' || v[13] != ':') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15})
        if (v[i] < '0' || v[i] > '9') return false;
    return true;
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

AdminHandler runtime_status(std::function<nlohmann::json()> status) {
    return [status = std::move(status)](const AdminCall&) { return http::Response::json(200, status()); };
}

AdminHandler list_leads(store::Store& store) {
    return [&store](const AdminCall& call) {
        std::size_t limit = 50;
        if (auto fail = read_limit(call.query, limit)) return *fail;
        nlohmann::json leads = nlohmann::json::array();
        for (const auto& lead : store.leads(sdk::form_value(call.query, "tenant"), limit)) leads.push_back(lead.to_json());
        return http::Response::json(200, {{"leads", leads}});
    };
}

AdminHandler list_lead_messages(store::Store& store) {
    return [&store](const AdminCall& call) {
        int64_t id = call.ids.at(0);
        if (!store.lead(id)) return admin_error(404, "no lead with id " + std::to_string(id));
        nlohmann::json out = nlohmann::json::array();
        for (const auto& m : store.lead_messages(id))
            out.push_back({{"id", m.id},
                           {"source", m.source},
                           {"channel", m.channel},
                           {"name", or_null(m.name)},
                           {"phone", or_null(m.phone)},
                           {"email", or_null(m.email)},
                           {"text", or_null(m.text)},
                           {"display_text", store::display_text(m.text, m.extra)},
                           {"reading", m.reading},
                           {"kind", m.kind},
                           {"direction", m.kind == "customer" || m.kind == "blocked" ? "in" : "out"},
                           {"author", or_null(m.author)},
                           {"job_id", m.job_id ? nlohmann::json(*m.job_id) : nlohmann::json()},
                           {"received_at", sdk::iso8601_utc(m.received_at_ms)}});
        return http::Response::json(200, {{"lead_id", id}, {"messages", out}});
    };
}

// visited, no_show, cancelled and lost end the lead's conversation (the contact's next message
// opens a new lead); new, in_work, booked and nurture keep it open. The legacy names open, won
// and closed mean new, visited and cancelled.
// `book`: POST /api/leads/{id}/book, {"at": "2026-12-08T18:30", "service": "manicure", "staff": "olga"},
// a booking (status booked) whose time is required.
AdminHandler change_lead_status(store::Store& store, bool book) {
    return [&store, book](const AdminCall& call) {
        int64_t id = call.ids.at(0);
        nlohmann::json request = sdk::parse_json(call.request.body);  // bounded depth, as all JSON from outside
        const char* usage = book ? "send a JSON object such as {\"at\": \"2026-12-08T18:30\", \"service\": \"manicure\", \"staff\": \"olga\"}"
                                 : "send a JSON object such as {\"status\": \"booked\", \"booked_for\": \"2026-12-08T18:30\", \"staff\": \"olga\"}"
                                   " or {\"status\": \"lost\", \"reason\": \"дорого\"}";
        if (book && request.is_object() && request.contains("at")) {
            request["status"] = "booked";
            request["booked_for"] = request["at"];
            request.erase("at");
        }
        if (request.is_discarded() || !request.is_object() || !request.contains("status") || !request["status"].is_string())
            return admin_error(400, usage);
        for (const char* key : {"reason", "booked_for", "staff", "service"})
            if (request.contains(key) && !request[key].is_string())
                return admin_error(400, std::string("'") + key + "' must be a string: " + usage);
        store::StatusChange change;
        change.status = request["status"].get<std::string>();
        if (request.contains("service")) change.detail["service"] = request["service"];
        auto lead = store.lead(id);
        if (!lead) return admin_error(404, "no lead with id " + std::to_string(id));
        const config::TenantConfig* tenant = call.config.find_tenant(lead->tenant);
        // A booking's reminders, a no-show's offer to rebook: armed with the change (the config
        // outlives the call).
        if (tenant) change.plan_timers = conversation::status_timers(*tenant, call.now_ms);
        change.reason = request.value("reason", std::string());
        change.booked_for = request.value("booked_for", std::string());
        change.actor = request.value("staff", std::string("api"));
        change.via = "api";
        const std::string status = store::lead_status_from_name(change.status);
        if (status.empty())
            return admin_error(400, "unknown status '" + sdk::escape_control(change.status) +
                                        "': use new, in_work, booked, visited, no_show, cancelled, lost or nurture");
        if (!change.booked_for.empty() && !valid_local_date_time(change.booked_for))
            return admin_error(400, "'booked_for' must be a local date and time such as 2026-12-08T18:30");
        switch (store.set_lead_status(id, change, call.now_ms)) {
            case store::LeadStatusChange::no_such_lead: return admin_error(404, "no lead with id " + std::to_string(id));
            case store::LeadStatusChange::same_status:
            case store::LeadStatusChange::changed: break;
        }
        return http::Response::json(200, {{"id", id}, {"status", status}});
    };
}

// The lead's timers (SLA steps, replies, reminders, follow-ups), pending, fired and cancelled.
AdminHandler lead_timers(store::Store& store) {
    return [&store](const AdminCall& call) {
        int64_t id = call.ids.at(0);
        if (!store.lead(id)) return admin_error(404, "no lead with id " + std::to_string(id));
        nlohmann::json out = nlohmann::json::array();
        for (const auto& t : store.lead_timers(id)) out.push_back(t.to_json());
        return http::Response::json(200, {{"lead_id", id}, {"timers", out}});
    };
}

AdminHandler lead_history(store::Store& store) {
    return [&store](const AdminCall& call) {
        int64_t id = call.ids.at(0);
        if (!store.lead(id)) return admin_error(404, "no lead with id " + std::to_string(id));
        nlohmann::json out = nlohmann::json::array();
        for (const auto& e : store.lead_history(id)) out.push_back(e.to_json());
        return http::Response::json(200, {{"lead_id", id}, {"history", out}});
    };
}

// See lead_take.hpp.
AdminHandler take_offered_lead(store::Store& store) {
    return [&store](const AdminCall& call) {
        nlohmann::json request = sdk::parse_json(call.request.body);  // bounded depth, as all JSON from outside
        if (request.is_discarded() || !request.is_object() || !request.contains("staff") || !request["staff"].is_string() ||
            request["staff"].get<std::string>().empty())
            return admin_error(400, "send a JSON object such as {\"staff\": \"olga\"} with the id of the person who takes the lead");
        TakeReply reply = take_lead(store, &call.config, call.ids.at(0), request["staff"].get<std::string>(), call.now_ms);
        return http::Response::json(reply.status, reply.body);
    };
}

// See lead_reply.hpp: 202 once the reply is recorded and queued; the dispatcher delivers it.
AdminHandler reply_to_lead(store::Store& store, std::function<void()> wake_dispatcher) {
    return [&store, wake = std::move(wake_dispatcher)](const AdminCall& call) {
        nlohmann::json request = sdk::parse_json(call.request.body);  // bounded depth, as all JSON from outside
        if (request.is_discarded())
            return admin_error(400, "send a JSON object such as {\"text\": \"Здравствуйте!\"}: the body is not JSON");
        ReplyAnswer answer = send_reply(store, call.ids.at(0), request, call.now_ms);
        if (answer.status == 202) wake();
        return http::Response::json(answer.status, answer.body);
    };
}

AdminHandler list_dead_letters(store::Store& store) {
    return [&store](const AdminCall& call) {
        std::size_t limit = 50;
        if (auto fail = read_limit(call.query, limit)) return *fail;
        nlohmann::json out = nlohmann::json::array();
        for (const auto& job : store.dead_letters(sdk::form_value(call.query, "tenant"), limit))
            out.push_back(dead_letter_json(job));
        return http::Response::json(200, {{"deadletters", out}});
    };
}

AdminHandler replay_dead_letter(store::Store& store, std::function<void()> wake_dispatcher) {
    return [&store, wake = std::move(wake_dispatcher)](const AdminCall& call) {
        int64_t id = call.ids.at(0);
        if (!store.replay(id, call.now_ms)) return admin_error(404, "no dead letter with id " + std::to_string(id));
        wake();
        return http::Response::json(200, {{"replayed", nlohmann::json::array({id})}});
    };
}

AdminHandler replay_dead_letters(store::Store& store, std::function<void()> wake_dispatcher) {
    return [&store, wake = std::move(wake_dispatcher)](const AdminCall& call) {
        std::size_t n = store.replay_all(sdk::form_value(call.query, "tenant"), call.now_ms);
        wake();
        return http::Response::json(200, {{"replayed", n}});
    };
}

AdminHandler connect_channel(InstanceControl control) {
    return [control = std::move(control)](const AdminCall& call) {
        nlohmann::json request = sdk::parse_json(call.request.body);  // bounded depth, as all JSON from outside
        const std::string usage = "send a JSON object such as {\"instance\": \"salon/telegram\", "
                                  "\"webhook_url\": \"https://hub.example.ru/hooks/salon/telegram\"}";
        if (request.is_discarded() || !request.is_object() || !request.contains("instance") || !request["instance"].is_string())
            return admin_error(400, usage);
        const std::string key = request["instance"].get<std::string>();
        const auto slash = key.find('/');
        if (slash == std::string::npos || slash == 0 || slash + 1 == key.size()) return admin_error(400, usage);
        nlohmann::json action = {{"action", "connect"}};
        if (auto it = request.find("webhook_url"); it != request.end() && !it->is_null()) {
            if (!it->is_string() || !(it->get<std::string>().starts_with("https://") || it->get<std::string>().starts_with("http://")))
                return admin_error(400, "'webhook_url' must be an http(s) URL");
            action["webhook_url"] = *it;
        }
        // A CRM's OAuth: the authorization code the owner got when granting access, exchanged once.
        if (auto it = request.find("code"); it != request.end() && !it->is_null()) {
            if (!it->is_string() || it->get<std::string>().empty() || it->get<std::string>().size() > 4096)
                return admin_error(400, "'code' must be the authorization code, a non-empty string");
            action["code"] = *it;
        }
        if (!control) return admin_error(503, "this hub offers no instance actions");
        nlohmann::json answer = control(key.substr(0, slash), key.substr(slash + 1), action);
        if (answer.contains("error")) return http::Response::json(409, answer);
        return http::Response::json(200, answer);
    };
}

std::vector<AdminEndpoint> admin_endpoints(store::Store& store, std::function<nlohmann::json()> status,
                                           std::function<void()> wake_dispatcher, InstanceControl control) {
    return {
        {"GET", "/api/status", runtime_status(std::move(status))},
        {"GET", "/api/leads", list_leads(store)},
        {"GET", "/api/leads/{id}/messages", list_lead_messages(store)},
        {"POST", "/api/leads/{id}/status", change_lead_status(store, false)},
        {"POST", "/api/leads/{id}/book", change_lead_status(store, true)},
        {"GET", "/api/leads/{id}/timers", lead_timers(store)},
        {"GET", "/api/reports/summary", report_summary(store)},
        {"GET", "/api/leads/{id}/history", lead_history(store)},
        {"POST", "/api/leads/{id}/take", take_offered_lead(store)},
        {"POST", "/api/leads/{id}/reply", reply_to_lead(store, wake_dispatcher)},
        {"POST", "/api/channels/connect", connect_channel(control)},
        {"POST", "/api/crm/connect", connect_channel(std::move(control))},
        {"GET", "/api/deadletters", list_dead_letters(store)},
        {"POST", "/api/deadletters/replay", replay_dead_letters(store, wake_dispatcher)},
        {"POST", "/api/deadletters/{id}/replay", replay_dead_letter(store, wake_dispatcher)},
    };
}

}  // namespace leadhub::app
