// The google_sheets sink's contract with Google, without I/O: the requests a lead becomes and how
// every answer of the token endpoint and of the Sheets API v4 is read and classified.
//
// Token:  POST token_url, form grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<JWT>
//         -> {"access_token", "token_type": "Bearer", "expires_in": 3600}
//         400 {"error": "invalid_grant", "error_description"} -> permanent (key revoked, clock off)
// Append: POST {api}/v4/spreadsheets/{id}/values/{range}:append?valueInputOption=RAW&insertDataOption=INSERT_ROWS
//         {"majorDimension": "ROWS", "values": [[cell, ...]]} -> {"updates": {"updatedRange": "Заявки!A42:K42"}}
// Lookup: GET  {api}/v4/spreadsheets/{id}/values/{sheet}!K:K -> {"range": "Заявки!K1:K41", "values": [["…"], …]}
// Errors: {"error": {"code", "message", "status", "details": [{"reason"}], "errors": [{"reason"}]}}
#pragma once

#include "options.hpp"

#include <leadhub/sdk/types.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace leadhub::google_sheets {

// "Заявки!A:K" -> "Заявки"; "'Лист 1'!B2:L" -> "'Лист 1'"; "A:K" -> "" (the first sheet);
// "Заявки" (a sheet's name alone) -> "Заявки".
std::string sheet_of(const std::string& range);
// The letters the range starts at ("Заявки!B2:L" -> "B"); "" when the range names only a sheet.
std::string range_first_column(const std::string& range);

// Percent-encodes all but RFC 3986's unreserved characters (a range in a URL path: "!", ":" and
// Cyrillic included).
std::string percent_encode(std::string_view text);

std::vector<std::string> render_row(const std::vector<std::string>& columns, const sdk::Json& lead);

std::string append_url(const SheetsOptions& options);
std::string key_lookup_url(const SheetsOptions& options);
std::string append_body(const std::vector<std::string>& row);
std::string token_form(const std::string& assertion);

struct TokenAnswer {
    std::string access_token;
    int64_t expires_in_s = 0;
};
// nullopt unless a JSON object with a non-empty string access_token; expires_in (a number or a
// numeric string) defaults to 3600 when absent.
std::optional<TokenAnswer> parse_token_answer(std::string_view body);

// An error as Google writes it: the API envelope {"error": {...}} or OAuth's
// {"error": "invalid_grant", "error_description": "…"} (then status holds "invalid_grant").
struct GoogleError {
    int code = 0;
    std::string status;   // RESOURCE_EXHAUSTED, PERMISSION_DENIED, invalid_grant …
    std::string message;  // Google's words, control characters escaped, at most 300 bytes
    std::string reason;   // details[].reason or errors[].reason: RATE_LIMIT_EXCEEDED, SERVICE_DISABLED …
};
std::optional<GoogleError> parse_error(std::string_view body);

// updates.updatedRange of an append's answer; nullopt when the answer is not one.
std::optional<std::string> parse_updated_range(std::string_view body);

// Reading the key column: nullopt when the answer is not a ValueRange; otherwise the 1-based row
// that holds `key` (0 when none does) and the answer's sheet prefix ("Заявки").
struct KeyLookup {
    int64_t row = 0;
    std::string sheet;
};
std::optional<KeyLookup> find_key(std::string_view body, const std::string& key);

// The outcome of a Sheets answer that is not a 2xx (status 0: no answer). client_email goes into
// the 403 reason, so the owner knows whom to share the sheet with.
sdk::Outcome classify_sheets_failure(const sdk::HttpResponse& response, const std::string& client_email);
// The outcome of a token endpoint answer that gave no token.
sdk::Outcome classify_token_failure(const sdk::HttpResponse& response);

}  // namespace leadhub::google_sheets
