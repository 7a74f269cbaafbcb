// SMS.ru's /sms/send without I/O: the request one notice becomes, and what each number's answer
// means. The request (https://sms.ru/api/send):
//   POST <base_url>/sms/send   api_id, to=7916…,7903…, msg, json=1 [, from, translit=1, test=1]
// The answer is HTTP 200 whatever happened; the JSON's top-level status_code 100 says the
// request was taken, and each number has its own status under "sms" (a top-level OK may hold a
// per-number ERROR). Without json=1 (or from a proxy that rewrites it) it is plain text lines:
// the code, one message id per number, "balance=…". Codes (status_code, a number or a string):
//   100                              accepted
//   200, 300, 301, 302               permanent: api_id refused, account not confirmed
//   201                              permanent: not enough money
//   202, 207, 209                    permanent for that number: bad number, no route, stop list
//   204                              permanent: sender name (option from) not approved
//   205, 203, 212                    permanent: the text (too long, empty, not UTF-8)
//   206, 230                         permanent: the daily limit (of the account, of the number)
//   231, 232                         an identical text to that number within a minute / a day:
//                                    on a retry our earlier attempt got there, so delivered;
//                                    on a first attempt 231 retries after a minute, 232 is permanent
//   220                              retry: SMS.ru is temporarily unavailable
//   anything else                    permanent with SMS.ru's status_text
// An answer that is neither (HTML, empty, cut off) is retried.
#pragma once

#include "options.hpp"
#include "sms_notice.hpp"

#include <leadhub/sdk/types.hpp>

#include <string>
#include <vector>

namespace leadhub::smsru {

sdk::HttpRequest build_send(const SmsRuOptions& options, const std::vector<std::string>& phones, const std::string& text);

// One result per phone of `phones` (the numbers of the request, in its order), from any bytes.
std::vector<sms::NumberResult> read_send_answer(const sdk::HttpResponse& response, const std::vector<std::string>& phones,
                                                int attempt);

}  // namespace leadhub::smsru
