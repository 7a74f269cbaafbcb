// Google Sheets with its service-account token (outbound-contracts.md §3), the Bot API of the
// staff chat (§4.1) and SMS.ru (§5.1): what the notifiers and the sheet sink call.
#include "support/fake_crm_apis.hpp"

namespace leadhub::testing {

namespace {

PlatformAnswer json_answer(int status, const nlohmann::json& body) {
    return {status, body.dump(), "application/json", {}, false};
}

std::string scalar(const nlohmann::json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return {};
    return v.dump();
}

}  // namespace

FakeGoogleSheets::FakeGoogleSheets()
    : platform_(std::make_unique<FakePlatform>([this](const PlatformCall& call) { return handle(call); })) {}

std::vector<std::vector<std::string>> FakeGoogleSheets::rows() const {
    std::lock_guard lock(mutex_);
    return rows_;
}
std::vector<std::string> FakeGoogleSheets::value_input_options() const {
    std::lock_guard lock(mutex_);
    return input_options_;
}

PlatformAnswer FakeGoogleSheets::handle(const PlatformCall& call) {
    if (call.path == "/token") {
        if (auto fault = faults_.take("token")) return fault_answer(*fault, {});
        if (call.form().count("assertion") == 0 ||
            call.form()["grant_type"] != "urn:ietf:params:oauth:grant-type:jwt-bearer")
            return json_answer(400, {{"error", "invalid_grant"}, {"error_description", "Invalid JWT Signature."}});
        std::lock_guard lock(mutex_);
        return json_answer(200, {{"access_token", "ya29.fake-" + std::to_string(++tokens_)}, {"expires_in", 3600},
                                 {"token_type", "Bearer"}});
    }
    if (call.authorization.rfind("Bearer ya29.fake-", 0) != 0)
        return json_answer(401, {{"error", {{"code", 401}, {"status", "UNAUTHENTICATED"},
                                            {"message", "Request had invalid authentication credentials."}}}});
    const bool append = call.method == "POST" && call.path.find(":append") != std::string::npos;
    auto fault = faults_.take(append ? "append" : "get");
    if (fault && !fault->apply) return fault_answer(*fault, {});
    PlatformAnswer own;
    std::lock_guard lock(mutex_);
    if (append) {
        nlohmann::json body = call.json();
        auto options = php_params(call.query);
        input_options_.push_back(scalar(options.value("valueInputOption", nlohmann::json())));
        if (!body.is_object() || !body.contains("values") || !body["values"].is_array())
            return json_answer(400, {{"error", {{"code", 400}, {"status", "INVALID_ARGUMENT"}, {"message", "Invalid values"}}}});
        for (const auto& row : body["values"]) {
            std::vector<std::string> cells;
            for (const auto& cell : row) cells.push_back(scalar(cell));
            rows_.push_back(std::move(cells));
        }
        std::string range = "Sheet1!A" + std::to_string(rows_.size()) + ":Z" + std::to_string(rows_.size());
        own = json_answer(200, {{"spreadsheetId", "sheet"}, {"updates", {{"updatedRange", range}, {"updatedRows", 1}}}});
    } else {
        nlohmann::json values = nlohmann::json::array();
        for (const auto& row : rows_) values.push_back(row);
        own = json_answer(200, {{"range", "Sheet1!A1:Z1000"}, {"majorDimension", "ROWS"}, {"values", values}});
    }
    return fault ? fault_answer(*fault, own) : own;
}

FakeStaffTelegram::FakeStaffTelegram()
    : platform_(std::make_unique<FakePlatform>([this](const PlatformCall& call) { return handle(call); })) {}

std::vector<nlohmann::json> FakeStaffTelegram::sent() const {
    std::lock_guard lock(mutex_);
    return sent_;
}
std::vector<nlohmann::json> FakeStaffTelegram::edits() const {
    std::lock_guard lock(mutex_);
    return edits_;
}
std::vector<nlohmann::json> FakeStaffTelegram::answers() const {
    std::lock_guard lock(mutex_);
    return answers_;
}

PlatformAnswer FakeStaffTelegram::handle(const PlatformCall& call) {
    std::string method = call.path.substr(call.path.rfind('/') + 1);
    auto fault = faults_.take(method);
    if (fault && !fault->apply) return fault_answer(*fault, {});
    nlohmann::json body = call.json();
    if (!body.is_object()) {
        body = nlohmann::json::object();
        for (const auto& [k, v] : call.form()) body[k] = v;
    }
    PlatformAnswer own;
    std::lock_guard lock(mutex_);
    if (method == "sendMessage") {
        sent_.push_back(body);
        own = json_answer(200, {{"ok", true},
                                {"result", {{"message_id", next_message_id_++}, {"chat", {{"id", body.value("chat_id", nlohmann::json())}}},
                                            {"date", 1714750200}, {"text", body.value("text", "")}}}});
    } else if (method == "editMessageText") {
        edits_.push_back(body);
        own = json_answer(200, {{"ok", true}, {"result", {{"message_id", body.value("message_id", nlohmann::json())}}}});
    } else if (method == "answerCallbackQuery") {
        answers_.push_back(body);
        own = json_answer(200, {{"ok", true}, {"result", true}});
    } else {
        own = json_answer(404, {{"ok", false}, {"error_code", 404}, {"description", "Not Found: method not found"}});
    }
    return fault ? fault_answer(*fault, own) : own;
}

FakeSmsRu::FakeSmsRu()
    : platform_(std::make_unique<FakePlatform>([this](const PlatformCall& call) { return handle(call); })) {}

std::vector<std::map<std::string, std::string>> FakeSmsRu::sent() const {
    std::lock_guard lock(mutex_);
    return sent_;
}

PlatformAnswer FakeSmsRu::handle(const PlatformCall& call) {
    std::map<std::string, std::string> params = call.form();
    const nlohmann::json query = php_params(call.query);  // named: items() must not outlive it
    for (const auto& [k, v] : query.items()) params[k] = scalar(v);
    auto fault = faults_.take("send");
    if (fault && !fault->apply) return fault_answer(*fault, {});
    if (params["api_id"].empty())
        return json_answer(200, {{"status", "ERROR"}, {"status_code", 200}, {"status_text", "Неправильный api_id"}});
    nlohmann::json per_number = nlohmann::json::object();
    std::string to = params["to"];
    std::lock_guard lock(mutex_);
    std::size_t start = 0;
    while (start <= to.size()) {
        std::size_t comma = to.find(',', start);
        std::string phone = to.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!phone.empty())
            per_number[phone] = {{"status", "OK"}, {"status_code", 100}, {"sms_id", "000000-" + std::to_string(10000000 + sent_.size())}};
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    sent_.push_back(params);
    PlatformAnswer own = json_answer(200, {{"status", "OK"}, {"status_code", 100}, {"sms", per_number}, {"balance", 4122.56}});
    return fault ? fault_answer(*fault, own) : own;
}

}  // namespace leadhub::testing
