// SMSC's /sys/send.php without I/O: the request one number's SMS becomes, and what the answer
// means. The request (https://smsc.ru/api/http/):
//   POST <base_url>/sys/send.php   login+psw or apikey, phones=7916…, mes, fmt=3, charset=utf-8
//                                  [, sender, translit=1]
// One number a request: SMSC's answer to a request for several numbers has one id and a count,
// and says nothing about which number failed; alone, each number's fate is known.
// The answer is HTTP 200 whatever happened; with fmt=3 it is JSON:
//   {"id": 1847, "cnt": 1[, "cost", "balance"]}          sent (id and cnt may be strings)
//   {"error": "<text>", "error_code": N[, "id"]}         refused:
//     1 bad parameters, 5 bad date, 6 text or sender forbidden, 7 bad phone format   permanent
//     2 bad login/password or IP not allowed, 3 no money, 4 IP blocked             permanent, with the reason
//     8 cannot be delivered to this number                                         permanent
//     9 an identical request within a minute: the earlier identical one was taken, so this
//       number has the text: ok (see the README)
//     anything else                                                                permanent with SMSC's text
// Without fmt=3 (a proxy, an old account setting) the answer is text, "OK - 1 SMS, ID - 1847" or
// "ERROR = 2 (authorise error)": read as well. Anything else (HTML, empty) is retried.
#pragma once

#include "options.hpp"
#include "sms_notice.hpp"

#include <leadhub/sdk/types.hpp>

#include <string>

namespace leadhub::smsc {

// `base` is base_url or backup_url.
sdk::HttpRequest build_send(const SmscOptions& options, const std::string& base, const std::string& phone, const std::string& text);

// The result for `phone` from any bytes.
sms::NumberResult read_send_answer(const sdk::HttpResponse& response, const std::string& phone);

}  // namespace leadhub::smsc
