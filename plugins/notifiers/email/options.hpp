// The email notifier's options: declared once here, each bound to its field of EmailOptions.
#pragma once

#include <leadhub/sdk/options.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace leadhub::email {

// starttls: port 587, connect in clear and upgrade (RFC 3207); tls: port 465, TLS from the first
// byte (RFC 8314); none: no TLS, only to this machine or with allow_insecure.
enum class Security { starttls, tls, none };

// No defaults here: they are the declarations' (email_options().defaults() has them).
struct EmailOptions {
    std::string host;
    uint16_t port = 0;
    Security security = Security::starttls;
    std::string username;
    std::string password;  // a secret: never logged, never sent without TLS
    std::string from;
    std::string from_name;
    std::vector<std::string> to;
    std::string subject;
    std::string body;
    std::string ca_file;
    bool verify = true;
    bool allow_insecure = false;
    uint32_t timeout_ms = 0;
};

const sdk::OptionSet<EmailOptions>& email_options();

struct EmailSettings {
    EmailOptions options;
    bool to_assignee = false;
    std::vector<std::string> fixed_to;  // addresses, checked
};

// Reads validated options. Throws std::invalid_argument, naming the option, for what the schema
// cannot catch: an address that is not one, security none to another machine without
// allow_insecure, a username without a password, a template with an unclosed section.
EmailSettings read_email_settings(const sdk::Options& options);

}  // namespace leadhub::email
