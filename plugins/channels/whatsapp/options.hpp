// The WhatsApp channel's options: declared once here, each bound to its field of
// WhatsappOptions (manifest, validation, help, README table and the typed read all come from
// whatsapp_options()).
#pragma once

#include <leadhub/sdk/options.hpp>

#include <string>

namespace leadhub::whatsapp {

// No defaults here: they are the declarations'.
struct WhatsappOptions {
    std::string access_token;
    std::string app_secret;
    std::string verify_token;
    std::string api_url;
    std::string api_version;
    std::string template_name;  // "": no replies outside the 24-hour window
    std::string template_language;
};

const sdk::OptionSet<WhatsappOptions>& whatsapp_options();

// Reads validated options (defaults filled in). Throws std::invalid_argument naming the option
// when a secret is empty or the API URL is not http(s).
WhatsappOptions read_whatsapp_options(const sdk::Options& options);

}  // namespace leadhub::whatsapp
