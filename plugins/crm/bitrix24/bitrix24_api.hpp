// Bitrix24 REST without I/O: the requests a delivery becomes and how Bitrix24's answers are
// read and classified (outbound-contracts §1: errors are {"error", "error_description"} with the
// HTTP status; `batch` always answers 200 with each command's error in result_error).
#pragma once

#include "options.hpp"

#include <leadhub/sdk/types.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace leadhub::bitrix24 {

// One REST answer, classified.
struct Answer {
    enum class Kind { ok, retry, permanent, expired_token };
    Kind kind = Kind::ok;
    sdk::Json result;                            // ok: the answer's "result"
    std::string code;                            // the error code Bitrix24 gave ("" for none)
    std::string reason;                          // not ok: for the owner and the log
    std::optional<int64_t> retry_after_ms;       // retry: how long to wait, when known
    std::optional<int64_t> operating_reset_at_s;  // time.operating_reset_at of an ok answer
};

// Classifies one error by its HTTP status (0 inside a batch), code and description.
// `operating_reset_at_s` is the last one Bitrix24 announced: OPERATION_TIME_LIMIT waits for it.
Answer classify_error(const std::string& method, int status, const std::string& code, const std::string& description,
                      int64_t now_ms, std::optional<int64_t> operating_reset_at_s);

Answer read_answer(const std::string& method, const sdk::HttpResponse& response, int64_t now_ms,
                   std::optional<int64_t> operating_reset_at_s);

sdk::Outcome to_outcome(const Answer& answer);

// PHP's http_build_query over a JSON object: fields[PHONE][0][VALUE]=%2B7..., as a batch
// command's parameters are written.
std::string php_query(const sdk::Json& params);

// The lead as templates see it: the delivery's lead plus urgent_text and conversation_text.
sdk::Json template_data(const sdk::Json& lead);

// crm.lead.add's parameters for a delivery's lead.
sdk::Json lead_add_params(const Bitrix24Options& options, const sdk::Json& lead);

// A batch of crm.duplicate.findbycomm by the lead's phone ("phone") and e-mail ("email");
// null when the lead has neither.
sdk::Json findbycomm_batch(const sdk::Json& lead);

// A batch answer's per-command results and errors ([] for none, as Bitrix24 writes it).
struct BatchAnswer {
    std::map<std::string, sdk::Json> results;
    std::map<std::string, std::pair<std::string, std::string>> errors;  // key -> code, description
};
BatchAnswer read_batch(const sdk::Json& result);

// A record of the CRM: a lead (external id "3466") or a contact ("contact:275").
struct Record {
    std::string entity;  // "lead" or "contact"
    int64_t id = 0;
};
std::string external_id_of(const Record& record);
std::optional<Record> record_from_external_id(std::string_view external_id);

// The existing record to comment on, from findbycomm results ({"CONTACT": [..], "LEAD": [..]},
// or [] for no match): the first kind of `match_existing` found, its newest (highest) id.
std::optional<Record> pick_existing(const BatchAnswer& found, const std::vector<std::string>& match_existing);

sdk::Json comment_params(const Record& record, const std::string& text);

// crm.lead.list: the lead an earlier attempt made, by ORIGINATOR_ID and ORIGIN_ID (= lead.key).
inline constexpr const char* kOriginatorId = "leadhub";
sdk::Json lead_list_params(const std::string& key);
std::optional<int64_t> first_listed_id(const sdk::Json& result);

// An id written as a number or a string of digits.
std::optional<int64_t> id_value(const sdk::Json& value);

// OAuth tokens (https://oauth.bitrix.info/oauth/token/).
struct Tokens {
    std::string access_token, refresh_token;
};
struct TokenAnswer {
    enum class Kind { ok, retry, permanent };
    Kind kind = Kind::ok;
    Tokens tokens;
    std::string reason;
};
std::string refresh_url(const Bitrix24Options& options, const std::string& refresh_token);
std::string authorization_code_url(const Bitrix24Options& options, const std::string& code);
TokenAnswer read_token_answer(const sdk::HttpResponse& response);

// At most `limit` bytes of `text`, cut before a UTF-8 sequence, control characters escaped.
std::string excerpt(std::string_view text, std::size_t limit = 160);

}  // namespace leadhub::bitrix24
