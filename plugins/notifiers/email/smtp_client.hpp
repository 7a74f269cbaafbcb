// One SMTP submission (RFC 6409) with Poco, classified for the hub's dispatcher:
//   connect (tls: the TLS handshake first), greeting, EHLO
//   starttls: the server must list STARTTLS, then STARTTLS, the handshake, EHLO again (RFC 3207)
//   AUTH PLAIN (or LOGIN when only that is offered), only over TLS or to this machine
//   MAIL FROM, RCPT TO each, DATA, the message, QUIT
// Outcomes:
//   no STARTTLS offered, a failed handshake or certificate   permanent: the password was not sent
//   535 (or any 5xx to AUTH)                                  permanent: the credentials
//   4xx at any step (421, 450, 451, 452, 454)                 retry
//   5xx at any other step (550, 552, 553, 554)                permanent with the server's words
//   no connection, a dropped connection, a timeout            retry
#pragma once

#include "options.hpp"

#include <leadhub/sdk/types.hpp>

#include <string>
#include <vector>

namespace leadhub::email {

struct Envelope {
    std::string from;
    std::vector<std::string> to;
    std::string message;  // compose_message's text
};

// Never throws. Needs Poco::Net::initializeSSL() to have been called (the notifier does).
sdk::Outcome submit(const EmailOptions& options, const Envelope& envelope);

// What a reply code at a step means (`step` names it for the reason): 2xx/3xx none, 4xx retry,
// 5xx permanent. Public for the tests.
sdk::Outcome classify_reply(int code, const std::string& step, const std::string& reply);

}  // namespace leadhub::email
