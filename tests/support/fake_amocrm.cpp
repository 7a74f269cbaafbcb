// amoCRM API v4 (outbound-contracts.md §2): OAuth tokens with refresh, contact search (204 for
// none), leads/complex, notes, lead search, 7 requests a second (429 with retry_after), and its
// problem+json errors.
#include "support/fake_crm_apis.hpp"

namespace leadhub::testing {

namespace {

PlatformAnswer problem(int status, const std::string& title, const std::string& detail, nlohmann::json extra = {}) {
    nlohmann::json body = {{"title", title}, {"type", "https://httpstatus.es/" + std::to_string(status)},
                           {"status", status}, {"detail", detail}};
    if (extra.is_object()) body.update(extra);
    return {status, body.dump(), "application/problem+json", {}, false};
}

std::string query_value(const std::string& query, const std::string& key) {
    auto params = php_params(query);
    return params.contains(key) && params[key].is_string() ? params[key].get<std::string>() : std::string();
}

}  // namespace

FakeAmoCrm::FakeAmoCrm(double per_second)
    : per_second_(per_second),
      platform_(std::make_unique<FakePlatform>([this](const PlatformCall& call) { return handle(call); })) {}

std::vector<nlohmann::json> FakeAmoCrm::leads() const {
    std::lock_guard lock(mutex_);
    return leads_;
}
std::size_t FakeAmoCrm::notes() const {
    std::lock_guard lock(mutex_);
    return notes_;
}
std::size_t FakeAmoCrm::refused_by_limit() const {
    std::lock_guard lock(mutex_);
    return refused_;
}
std::vector<int64_t> FakeAmoCrm::request_times() const {
    std::lock_guard lock(mutex_);
    return times_;
}
std::string FakeAmoCrm::access_token() const {
    std::lock_guard lock(mutex_);
    return access_;
}
void FakeAmoCrm::expire_token() {
    std::lock_guard lock(mutex_);
    access_ = "amo-access-expired-" + std::to_string(++token_generation_);  // the one in use no longer matches
}
void FakeAmoCrm::set_tokens(const std::string& access, const std::string& refresh) {
    std::lock_guard lock(mutex_);
    access_ = access;
    refresh_ = refresh;
}

PlatformAnswer FakeAmoCrm::handle(const PlatformCall& call) {
    const int64_t now = fake_now_ms();
    std::unique_lock lock(mutex_);
    times_.push_back(now);
    // At most per_second_ requests in any second: the documented limit, signalled by 429.
    std::size_t in_last_second = 0;
    for (auto it = times_.rbegin(); it != times_.rend() && now - *it < 1000; ++it) ++in_last_second;
    if (double(in_last_second) > per_second_) {
        ++refused_;
        return problem(429, "Too Many Requests",
                       "You have sent too many requests in a given amount of time. Please try again later.",
                       {{"retry_after", 1}});
    }
    if (call.path == "/oauth2/access_token") {
        nlohmann::json body = call.json();
        const std::string grant = body.is_object() ? body.value("grant_type", "") : "";
        bool good = (grant == "refresh_token" && body.value("refresh_token", "") == refresh_) ||
                    (grant == "authorization_code" && !body.value("code", "").empty());
        if (!good)
            return {400, nlohmann::json{{"hint", "Token has been revoked"}, {"title", "Некорректный запрос"}, {"status", 400},
                                        {"detail", "В запросе отсутствует ряд параметров или параметры невалидны"}}.dump(),
                    "application/problem+json", {}, false};
        ++token_generation_;
        access_ = "amo-access-" + std::to_string(token_generation_);
        refresh_ = "amo-refresh-" + std::to_string(token_generation_);
        return {200, nlohmann::json{{"token_type", "Bearer"}, {"expires_in", 86400}, {"access_token", access_},
                                    {"refresh_token", refresh_}}.dump(), "application/json", {}, false};
    }
    auto header_ok = [&] { return call.authorization == "Bearer " + access_; };
    if (!header_ok()) return problem(401, "Unauthorized", "Invalid user name or password");
    lock.unlock();
    auto fault = faults_.take(call.path);
    if (fault && !fault->apply) return fault_answer(*fault, {});
    lock.lock();
    PlatformAnswer own;
    if (call.method == "GET" && call.path == "/api/v4/contacts") {
        const std::string query = query_value(call.query, "query");
        nlohmann::json found = nlohmann::json::array();
        for (const auto& c : contacts_)
            if (!query.empty() && c.dump().find(query) != std::string::npos) found.push_back(c);
        if (found.empty()) own = {204, "", "application/hal+json", {}, false};
        else own.body = nlohmann::json{{"_embedded", {{"contacts", found}}}}.dump();
    } else if (call.method == "GET" && call.path == "/api/v4/leads") {
        const std::string query = query_value(call.query, "query");
        nlohmann::json found = nlohmann::json::array();
        for (const auto& l : leads_)
            if (!query.empty() && l.dump().find(query) != std::string::npos) found.push_back(l);
        if (found.empty()) own = {204, "", "application/hal+json", {}, false};
        else own.body = nlohmann::json{{"_embedded", {{"leads", found}}}}.dump();
    } else if (call.method == "POST" && call.path == "/api/v4/leads/complex") {
        nlohmann::json body = call.json();
        if (!body.is_array() || body.empty())
            return problem(400, "Bad Request", "Request data can not be empty");
        nlohmann::json answer = nlohmann::json::array();
        for (auto lead : body) {
            int64_t id = 9774766 + int64_t(leads_.size());
            int64_t contact_id = 0;
            auto contacts = lead.value("_embedded", nlohmann::json::object()).value("contacts", nlohmann::json::array());
            if (!contacts.empty() && contacts[0].contains("id")) {
                contact_id = contacts[0]["id"].get<int64_t>();
            } else if (!contacts.empty()) {
                contact_id = 51000 + int64_t(contacts_.size());
                nlohmann::json c = contacts[0];
                c["id"] = contact_id;
                contacts_.push_back(c);
            }
            lead["id"] = id;
            leads_.push_back(lead);
            nlohmann::json request_id = nlohmann::json::array();
            if (lead.contains("request_id")) request_id.push_back(lead["request_id"]);
            answer.push_back({{"id", id}, {"contact_id", contact_id}, {"company_id", nullptr},
                              {"request_id", request_id}, {"merged", false}});
        }
        own.body = answer.dump();
        own.content_type = "application/hal+json";
    } else if (call.method == "POST" && (call.path == "/api/v4/leads/notes" || call.path.ends_with("/notes"))) {
        nlohmann::json body = call.json();
        if (!body.is_array() || body.empty()) return problem(400, "Bad Request", "Request data can not be empty");
        nlohmann::json notes = nlohmann::json::array();
        for (const auto& n : body) notes.push_back({{"id", int64_t(++notes_)}, {"entity_id", n.value("entity_id", 0)}});
        own.body = nlohmann::json{{"_embedded", {{"notes", notes}}}}.dump();
        own.content_type = "application/hal+json";
    } else {
        own = problem(404, "Not Found", "Unknown path " + call.path);
    }
    lock.unlock();
    return fault ? fault_answer(*fault, own) : own;
}

}  // namespace leadhub::testing
