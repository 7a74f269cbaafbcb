// amoCRM API v4 as pure mapping (no I/O): the requests' bodies built from a delivery, the answers
// read back, and every error answer classified (outbound-contracts.md §2, §2.1).
#pragma once

#include "options.hpp"

#include <leadhub/sdk/types.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace leadhub::amocrm {

// What a failed answer means for the caller.
struct Failure {
    enum class Kind {
        retry,         // try later (429, 5xx, 504, a network error, an answer that is not JSON)
        permanent,     // the owner must fix something (400 validation, 404, 422, ...)
        unauthorized,  // 401: refresh the OAuth token once, or tell the owner the token is dead
        payment,       // 402: the account's paid period ended; the instance stops
        forbidden,     // 403: the IP is blocked after too many 429s; twice in a row stops the instance
    };
    Kind kind = Kind::retry;
    std::string reason;
    std::optional<int64_t> retry_after_ms;
};

// nullopt for a 2xx answer whose body the caller reads itself; else what went wrong. `what`
// names the call in the reason ("поиск контакта").
std::optional<Failure> classify(const sdk::HttpResponse& response, const std::string& what);

// The JSON body of a 2xx answer, or a Failure (retry) when it is not JSON (an HTML page, cut off).
// An empty body (204) reads as null.
sdk::Json read_json(const sdk::HttpResponse& response, const std::string& what, std::optional<Failure>& failure);

// ---- requests ----

// Digits of an E.164 phone, else the e-mail: what the contact search is asked; "" for neither.
std::string contact_query(const sdk::Lead& lead);
// "?query=<percent-encoded>&limit=<n>".
std::string search_query_string(const std::string& query, int limit);

// The lead's name as amoCRM shows it: the owner's template, then " [<key>]", which the lead
// search on a retry finds (find_lead_by_key).
std::string lead_title(const AmoOptions& options, const sdk::Lead& lead);
// The body of POST /api/v4/leads/complex: an array of one lead, with the found contact's id or a
// new contact, tags from the channel and UTM source, and request_id = the lead's key.
sdk::Json complex_body(const AmoOptions& options, const sdk::Lead& lead, std::optional<int64_t> contact_id);
// The body of POST /api/v4/leads/notes: one common note on `lead_id`.
sdk::Json note_body(int64_t lead_id, const std::string& text);
// The data the note template sees: the lead plus urgent_mark, utm_text, message_text, conversation_text.
sdk::Json note_data(const sdk::Lead& lead);
std::string lead_note_text(const AmoOptions& options, const sdk::Lead& lead, bool merged);

// OAuth: POST /oauth2/access_token bodies.
sdk::Json code_grant(const AmoOptions& options, const std::string& code);
sdk::Json refresh_grant(const AmoOptions& options, const std::string& refresh_token);

// ---- answers ----

std::string lead_key(const sdk::Lead& lead);  // "<tenant>:<id>" when the hub did not send `key`

// The first contact's id in a contact search answer (null for 204).
std::optional<int64_t> first_contact_id(const sdk::Json& answer);
// The id of a lead whose name carries "[<key>]", in a lead search answer.
std::optional<int64_t> find_lead_by_key(const sdk::Json& answer, const std::string& key);

struct Created {
    int64_t id = 0;
    bool merged = false;
};
// The first element of a complex answer; nullopt when there is no usable id.
std::optional<Created> read_complex(const sdk::Json& answer);

struct Tokens {
    std::string access_token, refresh_token;
};
// A token answer; nullopt without both tokens.
std::optional<Tokens> read_tokens(const sdk::Json& answer);
sdk::Json to_json(const Tokens& tokens);

// An integer that amoCRM (or a form) may write as a number or a string of digits.
std::optional<int64_t> id_value(const sdk::Json& value);

}  // namespace leadhub::amocrm
