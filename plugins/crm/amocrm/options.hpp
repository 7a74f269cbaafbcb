// The amoCRM plugin's options: declared once here, each bound to its field of AmoOptions (the
// manifest, validation, help, README table and the typed read all come from that declaration).
#pragma once

#include <leadhub/sdk/option_set.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace leadhub::amocrm {

enum class AuthMode { long_lived_token, oauth };

struct AmoOptions {
    std::string base_url;      // https://<subdomain>.amocrm.ru, without a trailing slash once read
    std::string access_token;  // long-lived token; empty: OAuth
    std::string client_id, client_secret, redirect_uri;
    std::optional<int64_t> pipeline_id, status_id;
    std::map<std::string, std::string> staff_map;       // hub staff id -> amo user id
    std::string lead_name, note_template, message_template;
    std::string webhook_token;
    std::optional<int64_t> account_id;
    std::string subdomain;
    std::map<std::string, std::string> crm_status_map;  // amo status id -> hub status
    uint32_t timeout_ms = 0;

    AuthMode auth() const { return access_token.empty() ? AuthMode::oauth : AuthMode::long_lived_token; }
};

const sdk::OptionSet<AmoOptions>& amo_options();

// Reads validated options. Throws std::invalid_argument, naming the option, for what the schema
// cannot catch: no way to authenticate, a base_url that is not http(s), an unbalanced template,
// a status map without the webhook token that protects it.
AmoOptions read_amo_options(const sdk::Options& options);

}  // namespace leadhub::amocrm
