// The bitrix24 plugin's options: declared once here, each bound to its field of Bitrix24Options
// (the manifest, validation, help, README table and the typed read all come from that list).
#pragma once

#include <leadhub/sdk/options.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace leadhub::bitrix24 {

enum class AuthMode { webhook, oauth };

// No defaults here: they are the declarations'.
struct Bitrix24Options {
    // Inbound webhook: https://<portal>/rest/<user>/<code>/ (a secret: the code is the credential).
    std::string webhook_url;
    // OAuth local application: calls go to <portal_url>/rest/<method>.json with auth=<access token>.
    std::string portal_url, client_id, client_secret, refresh_token, access_token, oauth_url;
    // The outgoing webhook's token, and the portal it must come from (empty: not checked).
    std::string application_token, portal_domain, member_id;
    std::string title_template, comments_template, comment_template, message_template;
    std::map<std::string, std::string> source_map, staff_map, crm_status_map;
    std::vector<std::string> match_existing;  // "contact", "lead": commented instead of a new lead
    std::string booked_for_field;
    bool register_sonet_event = false;
    uint32_t timeout_ms = 0;
    uint32_t status_timeout_ms = 0;

    AuthMode auth() const { return webhook_url.empty() ? AuthMode::oauth : AuthMode::webhook; }
};

const sdk::OptionSet<Bitrix24Options>& bitrix24_options();

// Reads validated options (defaults filled in). Throws std::invalid_argument naming the option
// for what the schema cannot catch: neither or both ways of authorising, an address that is not
// http(s), a template with an unclosed section, a status that is not the hub's.
Bitrix24Options read_bitrix24_options(const sdk::Options& options);

// SOURCE_ID for a lead of `channel`: the configured map over webform→WEB, call→CALL; else OTHER.
std::string source_id_for(const Bitrix24Options& options, const std::string& channel);

}  // namespace leadhub::bitrix24
