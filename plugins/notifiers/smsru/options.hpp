// The smsru notifier's options: declared once here, each bound to its field of SmsRuOptions.
#pragma once

#include "recipients.hpp"

#include <leadhub/sdk/options.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace leadhub::smsru {

// No defaults here: they are the declarations' (smsru_options().defaults() has them).
struct SmsRuOptions {
    std::string api_id;  // a secret: never logged
    std::string base_url;
    std::vector<std::string> to;
    std::string text_template;
    std::string from;
    bool translit = false;
    bool test = false;
    uint32_t timeout_ms = 0;
};

const sdk::OptionSet<SmsRuOptions>& smsru_options();

// The Russian default text of a notice.
extern const char* const kDefaultTemplate;

struct SmsRuSettings {
    SmsRuOptions options;
    sms::PhoneRecipients to;
};

// Reads validated options. Throws std::invalid_argument, naming the option, for what the schema
// cannot catch: an empty api_id, a base_url that is not http(s), a `to` entry that is neither
// "assignee" nor a Russian mobile number, a template with an unclosed section.
SmsRuSettings read_smsru_settings(const sdk::Options& options);

}  // namespace leadhub::smsru
