// What SMS.ru and SMSC notifiers share around the gateway call: which deliveries are texted, to
// whom, with what text, and how the per-number results of one attempt become one outcome.
//
// A notice may go to several numbers and a gateway may accept some and refuse others. The numbers
// that were accepted are remembered (Host::state_put, key "sms-sent/<idempotency key>", written
// before the outcome is returned) whenever the attempt does not end in `ok`, and skipped by every
// later attempt or replay of the same job: a retry texts only who did not get it. An attempt that
// ends `ok` writes nothing (no later attempt will come).
#pragma once

#include "recipients.hpp"

#include <leadhub/sdk/host.hpp>
#include <leadhub/sdk/types.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace leadhub::sms {

// What the gateway said about one number.
struct NumberResult {
    std::string phone;
    sdk::Outcome::Kind kind = sdk::Outcome::Kind::retry;
    std::string detail;  // ok: the gateway's message id (may be ""); else the reason, for an owner
    std::optional<int64_t> retry_after_ms;
    bool account_wide = false;  // a refusal of the account (money, login, a blocked IP), not of the number
};

// Gives the same result to every number: a refusal of the whole request.
std::vector<NumberResult> same_for_all(const std::vector<std::string>& phones, sdk::Outcome::Kind kind,
                                       const std::string& detail, std::optional<int64_t> retry_after_ms = {});

// The longest text sent, in characters: eight Cyrillic SMS parts hold 8 x 67 = 536, and SMS.ru
// refuses more than eight (code 205). Longer texts are cut, ending with "…".
inline constexpr std::size_t kMaxSmsChars = 480;

// `text` cut to at most `max_chars` UTF-8 characters (never inside a character).
std::string cut_text(const std::string& text, std::size_t max_chars = kMaxSmsChars);

struct NoticeSettings {
    PhoneRecipients to;
    std::string text_template;
    std::string gateway;  // "SMS.ru", "SMSC": how reasons name it
};

// Sends `phones` one text; returns one result per phone, in any order.
using SendFn = std::function<std::vector<NumberResult>(const std::vector<std::string>& phones, const std::string& text)>;

// Where the numbers already texted are remembered: "sms-sent/<idempotency key>" (sdk::DeliveredLedger).
inline constexpr const char* kSentLedgerPrefix = "sms-sent";

// The whole delivery: refuses what is not a notice of a lead, resolves the numbers, renders the
// text, skips numbers an earlier attempt texted, sends the rest and combines the results. An
// `alert` notice goes to deliver_alert.
sdk::Outcome deliver_notice(const sdk::Host& host, const std::string& instance, const sdk::Delivery& delivery,
                            const NoticeSettings& settings, const SendFn& send);

// An `alert` notice (leadhub/sdk/alert.hpp): its text, as the hub wrote it (cut to kMaxSmsChars),
// to each named recipient's contacts.phone. When `to` is empty or nobody in it has a Russian
// mobile number, to the fixed numbers of the option `to` instead, the text then starting with the
// recipients' names («Марина, …»); with no fixed numbers, permanent. Numbers are remembered in the
// same ledger as notices', so a retry texts only who did not get it; a number refused for good
// (a bad phone, a stop list) does not fail the others: the outcome is `ok` once every other
// number got it, `permanent` only when nobody did. The template and "assignee" are not used.
sdk::Outcome deliver_alert(const sdk::Host& host, const std::string& instance, const sdk::Delivery& delivery,
                           const NoticeSettings& settings, const SendFn& send);

}  // namespace leadhub::sms
