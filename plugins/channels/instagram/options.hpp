// The Instagram channel's options: declared once here, each bound to its field of
// InstagramOptions (manifest, validation, help, README table and the typed read all come from
// instagram_options()).
#pragma once

#include <leadhub/sdk/options.hpp>

#include <string>

namespace leadhub::instagram {

// No defaults here: they are the declarations'.
struct InstagramOptions {
    std::string access_token;
    std::string app_secret;
    std::string verify_token;
    std::string api_url;
    std::string api_version;
    std::string account_id;  // the path segment of the Send API: "me" or the IG professional account id
};

const sdk::OptionSet<InstagramOptions>& instagram_options();

// Reads validated options (defaults filled in). Throws std::invalid_argument naming the option
// when a secret is empty or the API URL is not http(s).
InstagramOptions read_instagram_options(const sdk::Options& options);

}  // namespace leadhub::instagram
