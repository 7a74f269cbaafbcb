#include "sheets_api.hpp"

#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/safe_text.hpp>
#include <leadhub/sdk/text_template.hpp>

#include <cctype>

namespace leadhub::google_sheets {

namespace {

// "A:K", "A1:K", "B2" — a range of cells rather than a sheet's name.
bool is_cell_range(std::string_view cells) {
    if (cells.empty()) return false;
    for (char c : cells)
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':' || c == '$')) return false;
    return cells.front() >= 'A' && cells.front() <= 'Z';
}

std::string google_words(std::string_view text) {
    std::string cut(text.substr(0, 300));
    while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();  // no half a letter
    if (!cut.empty() && static_cast<unsigned char>(cut.back()) >= 0xC0) cut.pop_back();
    return sdk::escape_control(cut);
}

std::optional<int64_t> number_of(const sdk::Json& value) {
    if (value.is_number_integer()) return value.get<int64_t>();
    if (value.is_number()) return static_cast<int64_t>(value.get<double>());
    if (value.is_string()) {
        const std::string s = value.get<std::string>();
        if (s.empty() || s.size() > 12 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
        return std::stoll(s);
    }
    return std::nullopt;
}

std::string first_reason(const sdk::Json& error) {
    for (const char* list : {"details", "errors"}) {
        auto it = error.find(list);
        if (it == error.end() || !it->is_array()) continue;
        for (const auto& item : *it)
            if (item.is_object() && item.contains("reason") && item["reason"].is_string()) return item["reason"].get<std::string>();
    }
    return {};
}

}  // namespace

std::string sheet_of(const std::string& range) {
    auto bang = range.rfind('!');
    if (bang != std::string::npos) return range.substr(0, bang);
    return is_cell_range(range) ? std::string() : range;
}

std::string range_first_column(const std::string& range) {
    auto bang = range.rfind('!');
    std::string cells = bang == std::string::npos ? range : range.substr(bang + 1);
    if (!is_cell_range(cells)) return {};
    std::string letters;
    for (char c : cells) {
        if (c == '$') continue;
        if (c < 'A' || c > 'Z') break;
        letters += c;
    }
    return letters;
}

std::string percent_encode(std::string_view text) { return sdk::url_encode(text); }

std::vector<std::string> render_row(const std::vector<std::string>& columns, const sdk::Json& lead) {
    std::vector<std::string> row;
    row.reserve(columns.size());
    for (const auto& column : columns) row.push_back(sdk::detail::trim(sdk::render_template(column, lead)));
    return row;
}

std::string append_url(const SheetsOptions& options) {
    return options.api_url + "/v4/spreadsheets/" + options.spreadsheet_id + "/values/" + percent_encode(options.range) +
           ":append?valueInputOption=RAW&insertDataOption=INSERT_ROWS";
}

std::string key_lookup_url(const SheetsOptions& options) {
    const std::string sheet = sheet_of(options.range);
    const std::string column = options.key_column + ":" + options.key_column;
    return options.api_url + "/v4/spreadsheets/" + options.spreadsheet_id + "/values/" +
           percent_encode(sheet.empty() ? column : sheet + "!" + column);
}

std::string append_body(const std::vector<std::string>& row) {
    // RAW, with every cell a JSON string: a customer's "=HYPERLINK(…)" stays the text it was.
    return sdk::dump(sdk::Json{{"majorDimension", "ROWS"}, {"values", sdk::Json::array({row})}});
}

std::string token_form(const std::string& assertion) {
    return "grant_type=" + percent_encode("urn:ietf:params:oauth:grant-type:jwt-bearer") + "&assertion=" + percent_encode(assertion);
}

std::optional<TokenAnswer> parse_token_answer(std::string_view body) {
    sdk::Json json = sdk::parse_json(body);
    if (!json.is_object()) return std::nullopt;
    auto token = json.find("access_token");
    if (token == json.end() || !token->is_string() || token->get<std::string>().empty()) return std::nullopt;
    TokenAnswer out{token->get<std::string>(), 3600};
    if (auto it = json.find("expires_in"); it != json.end())
        if (auto seconds = number_of(*it); seconds && *seconds > 0) out.expires_in_s = *seconds;
    return out;
}

std::optional<GoogleError> parse_error(std::string_view body) {
    sdk::Json json = sdk::parse_json(body);
    if (!json.is_object()) return std::nullopt;
    auto error = json.find("error");
    if (error == json.end()) return std::nullopt;
    GoogleError out;
    if (error->is_string()) {  // OAuth's own shape
        out.status = google_words(error->get<std::string>());
        out.message = google_words(sdk::string_member_or(json, "error_description"));
        return out;
    }
    if (!error->is_object()) return std::nullopt;
    if (auto it = error->find("code"); it != error->end())
        if (auto code = number_of(*it); code && *code < 1000) out.code = static_cast<int>(*code);
    out.status = google_words(sdk::string_member_or(*error, "status"));
    out.message = google_words(sdk::string_member_or(*error, "message"));
    out.reason = google_words(first_reason(*error));
    return out;
}

std::optional<std::string> parse_updated_range(std::string_view body) {
    sdk::Json json = sdk::parse_json(body);
    if (!json.is_object()) return std::nullopt;
    auto updates = json.find("updates");
    if (updates == json.end() || !updates->is_object()) return std::nullopt;
    auto range = updates->find("updatedRange");
    if (range == updates->end() || !range->is_string()) return std::nullopt;
    return range->get<std::string>();
}

std::optional<KeyLookup> find_key(std::string_view body, const std::string& key) {
    sdk::Json json = sdk::parse_json(body);
    if (!json.is_object() || !json.contains("range") || !json["range"].is_string()) return std::nullopt;
    const std::string range = json["range"].get<std::string>();
    KeyLookup out{0, sheet_of(range)};
    // The answer starts at the range's first row ("Заявки!K1:K41"); rows Google left out at the
    // end are empty. Without a row number the range starts at row 1.
    int64_t first_row = 1;
    auto bang = range.rfind('!');
    std::string cells = bang == std::string::npos ? range : range.substr(bang + 1);
    auto digit = cells.find_first_of("0123456789");
    if (digit != std::string::npos && digit < cells.find(':')) first_row = std::stoll(cells.substr(digit, 9));
    auto values = json.find("values");
    if (values == json.end()) return out;  // an empty column has no "values"
    if (!values->is_array()) return std::nullopt;
    const bool by_columns = sdk::string_member_or(json, "majorDimension") == "COLUMNS";
    for (std::size_t i = 0; i < values->size(); ++i) {
        const auto& line = (*values)[i];
        if (!line.is_array()) return std::nullopt;
        for (std::size_t j = 0; j < line.size(); ++j) {
            if (line[j].is_string() && line[j].get<std::string>() == key) {
                out.row = first_row + static_cast<int64_t>(by_columns ? j : i);
                return out;
            }
        }
    }
    return out;
}

sdk::Outcome classify_sheets_failure(const sdk::HttpResponse& response, const std::string& client_email) {
    const int status = response.status;
    if (status == 0) return sdk::Outcome::retry("Google Sheets не ответил: " + google_words(response.error));
    auto error = parse_error(response.body);
    const std::string words = error ? error->status + (error->message.empty() ? "" : ": " + error->message)
                                    : "HTTP " + std::to_string(status) + ", ответ не в формате Google";
    const std::string reason = "Google Sheets, HTTP " + std::to_string(status) + ": " + words;
    const bool quota = status == 429 || (error && (error->status == "RESOURCE_EXHAUSTED" || error->reason == "RATE_LIMIT_EXCEEDED" ||
                                                   error->reason == "rateLimitExceeded" || error->reason == "userRateLimitExceeded"));
    // Quotas refill every minute: an earlier try only spends the next minute's budget.
    if (quota) return sdk::Outcome::retry(reason, 60000);
    if (!error || status >= 500 || status == 408 || status == 409) return sdk::Outcome::retry(reason);
    if (status == 403 && (error->reason == "SERVICE_DISABLED" || error->reason == "accessNotConfigured"))
        return sdk::Outcome::permanent("Google Sheets API не включён в проекте сервисного аккаунта: " + error->message);
    if (status == 403)
        return sdk::Outcome::permanent("таблица не открыта для " + client_email + ": откройте доступ на редактирование (" + words + ")");
    if (status == 404) return sdk::Outcome::permanent(reason + " (проверьте spreadsheet_id)");
    if (status == 400) return sdk::Outcome::permanent(reason + " (проверьте range и key_column)");
    return sdk::Outcome::permanent(reason);
}

sdk::Outcome classify_token_failure(const sdk::HttpResponse& response) {
    const int status = response.status;
    if (status == 0) return sdk::Outcome::retry("сервер токенов Google не ответил: " + google_words(response.error));
    auto error = parse_error(response.body);
    if (status >= 200 && status < 300) return sdk::Outcome::retry("сервер токенов Google ответил без access_token");
    if (!error || status == 429 || status >= 500)
        return sdk::Outcome::retry("сервер токенов Google, HTTP " + std::to_string(status) + (error ? ": " + error->status : ""));
    const std::string words = error->status + (error->message.empty() ? "" : ": " + error->message);
    if (error->status == "invalid_grant")
        return sdk::Outcome::permanent("ключ сервисного аккаунта отозван или часы сервера сбиты: " + words);
    return sdk::Outcome::permanent("Google не выдал токен по ключу сервисного аккаунта, HTTP " + std::to_string(status) + ": " + words);
}

}  // namespace leadhub::google_sheets
