// Bitrix24's REST API through an inbound webhook (outbound-contracts.md §1): the methods a CRM
// sink uses, batch, the leaky bucket (503 QUERY_LIMIT_EXCEEDED) and its error bodies.
#include "support/fake_crm_apis.hpp"

namespace leadhub::testing {

namespace {

const std::string kCode = "e2ewebhookcode";

// A multi-field (PHONE, EMAIL) or a list, as JSON (an array) or as a form (an object "0", "1").
std::vector<nlohmann::json> items_of(const nlohmann::json& v) {
    std::vector<nlohmann::json> out;
    if (v.is_array() || v.is_object())
        for (const auto& item : v) out.push_back(item);
    else if (!v.is_null())
        out.push_back(v);
    return out;
}

std::vector<std::string> multi_values(const nlohmann::json& fields, const std::string& key) {
    std::vector<std::string> out;
    if (!fields.is_object() || !fields.contains(key)) return out;
    for (const auto& item : items_of(fields.at(key)))
        if (item.is_object() && item.contains("VALUE") && item["VALUE"].is_string()) out.push_back(item["VALUE"]);
    return out;
}

std::string text_of(const nlohmann::json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number()) return v.dump();
    return {};
}

PlatformAnswer error(int status, const std::string& code, const std::string& description) {
    return {status, nlohmann::json{{"error", code}, {"error_description", description}}.dump(), "application/json", {}, false};
}

nlohmann::json with_time(nlohmann::json result) {
    return {{"result", std::move(result)}, {"time", {{"start", 1.0}, {"finish", 1.01}, {"duration", 0.01}}}};
}

}  // namespace

FakeBitrix24::FakeBitrix24(double per_second, double capacity)
    : bucket_(per_second, capacity),
      platform_(std::make_unique<FakePlatform>([this](const PlatformCall& call) { return handle(call); })) {}

std::string FakeBitrix24::webhook_url() const { return platform_->url() + "/rest/1/" + kCode + "/"; }

std::vector<nlohmann::json> FakeBitrix24::leads() const {
    std::lock_guard lock(mutex_);
    return leads_;
}
void FakeBitrix24::set_stage(const std::string& id, const std::string& status_id, const std::string& moved_by) {
    std::lock_guard lock(mutex_);
    for (auto& lead : leads_)
        if (lead["ID"] == id) {
            lead["STATUS_ID"] = status_id;
            lead["MOVED_BY_ID"] = moved_by;
        }
}

std::size_t FakeBitrix24::comments() const {
    std::lock_guard lock(mutex_);
    return comments_;
}
std::size_t FakeBitrix24::refused_by_limit() const {
    std::lock_guard lock(mutex_);
    return refused_;
}
std::vector<int64_t> FakeBitrix24::request_times() const {
    std::lock_guard lock(mutex_);
    return times_;
}

// One method on the portal's data; `status` and `error` set on a refusal.
nlohmann::json FakeBitrix24::run(const std::string& method, const nlohmann::json& params, std::string& err, int& status) {
    std::lock_guard lock(mutex_);
    const nlohmann::json fields = params.value("fields", nlohmann::json::object());
    if (method == "crm.duplicate.findbycomm") {
        const std::string type = params.value("type", std::string());
        if (type != "PHONE" && type != "EMAIL") {
            status = 400, err = "Communication type is not defined";
            return nullptr;
        }
        std::vector<std::string> wanted;
        for (const auto& v : items_of(params.value("values", nlohmann::json()))) wanted.push_back(text_of(v));
        nlohmann::json found = nlohmann::json::object();
        auto search = [&](const std::vector<nlohmann::json>& records, const char* entity) {
            for (const auto& r : records)
                for (const auto& value : multi_values(r, type))
                    if (std::find(wanted.begin(), wanted.end(), value) != wanted.end()) found[entity].push_back(r["ID"]);
        };
        search(leads_, "LEAD");
        search(contacts_, "CONTACT");
        return found.empty() ? nlohmann::json::array() : found;  // "nothing found" is an empty array
    }
    if (method == "crm.lead.add" || method == "crm.contact.add") {
        if (!fields.is_object() || fields.empty()) {
            status = 400, err = "Parameter 'fields' must be array.";
            return nullptr;
        }
        for (const auto& email : multi_values(fields, "EMAIL"))
            if (email.find('@') == std::string::npos) {
                status = 400, err = "ERROR_CORE:The field `Work e-mail` contains an invalid address";
                return nullptr;
            }
        auto& records = method == "crm.lead.add" ? leads_ : contacts_;
        nlohmann::json record = fields;
        int64_t id = 3466 + int64_t(leads_.size() + contacts_.size());
        record["ID"] = std::to_string(id);
        records.push_back(record);
        return id;
    }
    if (method == "crm.lead.list") {
        nlohmann::json filter = params.value("filter", nlohmann::json::object());
        nlohmann::json out = nlohmann::json::array();
        for (const auto& lead : leads_) {
            bool match = true;
            for (const auto& [key, want] : filter.items()) {
                std::string field = key;
                while (!field.empty() && (field[0] == '=' || field[0] == '%' || field[0] == '@')) field.erase(0, 1);
                if (text_of(lead.value(field, nlohmann::json())) != text_of(want)) match = false;
            }
            if (match) out.push_back(lead);
        }
        return out;
    }
    if (method == "crm.lead.get") {
        std::string id = text_of(params.contains("id") ? params["id"] : params.value("ID", nlohmann::json()));
        for (const auto& lead : leads_)
            if (lead["ID"] == id) return lead;
        status = 400, err = ":Not found";
        return nullptr;
    }
    if (method == "crm.timeline.comment.add") {
        std::string comment = text_of(fields.value("COMMENT", nlohmann::json()));
        if (comment.empty() || text_of(fields.value("ENTITY_ID", nlohmann::json())).empty()) {
            status = 400, err = "INVALID_ARG_VALUE:Comment is empty or the entity is not given";
            return nullptr;
        }
        return int64_t(++comments_);
    }
    status = 404, err = "ERROR_METHOD_NOT_FOUND:Method not found!";
    return nullptr;
}

PlatformAnswer FakeBitrix24::handle(const PlatformCall& call) {
    const std::string prefix = "/rest/1/";
    if (call.path.rfind(prefix, 0) != 0) return error(404, "ERROR_METHOD_NOT_FOUND", "Method not found!");
    std::string rest = call.path.substr(prefix.size());
    std::size_t slash = rest.find('/');
    if (slash == std::string::npos || rest.substr(0, slash) != kCode)
        return error(401, "NO_AUTH_FOUND", "Wrong authorization data");
    std::string method = rest.substr(slash + 1);
    if (method.ends_with(".json")) method.resize(method.size() - 5);
    {
        std::lock_guard lock(mutex_);
        times_.push_back(fake_now_ms());
    }
    if (!bucket_.admit(fake_now_ms())) {
        std::lock_guard lock(mutex_);
        ++refused_;
        return error(503, "QUERY_LIMIT_EXCEEDED", "Too many requests");
    }
    nlohmann::json params = call.content_type.find("json") != std::string::npos ? call.json() : php_params(call.body);
    if (params.is_discarded() || !params.is_object()) params = nlohmann::json::object();
    // Named, not iterated as temporaries: items() would outlive them.
    const nlohmann::json query = php_params(call.query);
    for (const auto& [k, v] : query.items()) params[k] = v;

    auto fault = faults_.take(method);
    if (fault && !fault->apply) return fault_answer(*fault, {});
    PlatformAnswer own;
    if (method == "batch") {
        nlohmann::json results = nlohmann::json::object(), errors = nlohmann::json::object();
        const nlohmann::json commands = params.value("cmd", nlohmann::json::object());
        for (const auto& [key, command] : commands.items()) {
            std::string text = text_of(command);
            std::size_t q = text.find('?');
            std::string err;
            int status = 200;
            nlohmann::json r = run(text.substr(0, q), php_params(q == std::string::npos ? "" : text.substr(q + 1)), err, status);
            if (status == 200) results[key] = r;
            else errors[key] = {{"error", err.substr(0, err.find(':'))}, {"error_description", err.substr(err.find(':') + 1)}};
        }
        own.body = with_time({{"result", results}, {"result_error", errors}, {"result_total", nlohmann::json::array()},
                              {"result_next", nlohmann::json::array()}, {"result_time", nlohmann::json::object()}})
                       .dump();
    } else {
        std::string err;
        int status = 200;
        nlohmann::json r = run(method, params, err, status);
        if (status != 200) {
            std::size_t colon = err.find(':');
            own = error(status, colon == std::string::npos ? "" : err.substr(0, colon), err.substr(colon + 1));
        } else {
            own.body = with_time(r).dump();
        }
    }
    return fault ? fault_answer(*fault, own) : own;
}

}  // namespace leadhub::testing
