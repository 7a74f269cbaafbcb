// The smsc notifier's options: declared once here, each bound to its field of SmscOptions.
#pragma once

#include "recipients.hpp"

#include <leadhub/sdk/options.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace leadhub::smsc {

// No defaults here: they are the declarations' (smsc_options().defaults() has them).
struct SmscOptions {
    std::string login;
    std::string psw;     // a secret: never logged
    std::string apikey;  // a secret: never logged
    std::string base_url;
    std::string backup_url;
    std::vector<std::string> to;
    std::string text_template;
    std::string sender;
    bool translit = false;
    uint32_t timeout_ms = 0;
};

const sdk::OptionSet<SmscOptions>& smsc_options();

struct SmscSettings {
    SmscOptions options;
    sms::PhoneRecipients to;
};

// Reads validated options. Throws std::invalid_argument, naming the option, for what the schema
// cannot catch: neither apikey nor login and psw, an address that is not http(s), a `to` entry
// that is neither "assignee" nor a Russian mobile number, a template with an unclosed section.
SmscSettings read_smsc_settings(const sdk::Options& options);

}  // namespace leadhub::smsc
