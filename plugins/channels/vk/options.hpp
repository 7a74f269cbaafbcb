// The VK channel's options: declared once here, each bound to its field of VkOptions (the
// manifest, validation, help, README table and the typed read all come from vk_options()).
#pragma once

#include <leadhub/sdk/options.hpp>

#include <cstdint>
#include <string>

namespace leadhub::vk {

// How VK's events reach the hub: VK posts them to the hub (Callback API, needs a public HTTPS
// address), or the hub asks VK for them (Bots Long Poll API, works behind NAT).
enum class Mode { callback, longpoll };

// No defaults here: they are the declarations' (vk_options().defaults() has them).
struct VkOptions {
    std::string access_token;
    int64_t group_id = 0;
    Mode mode = Mode::callback;
    std::string secret;             // callback mode: the body's "secret" must equal it
    std::string confirmation_code;  // callback mode: the answer to VK's "confirmation" event
    std::string api_url;            // no trailing slash
    std::string api_version;
    int64_t poll_wait_s = 10;
};

const sdk::OptionSet<VkOptions>& vk_options();

// Reads validated options. Throws std::invalid_argument naming the option when a value passes
// the schema but cannot work: callback mode without `secret` or `confirmation_code`.
VkOptions read_vk_options(const sdk::Options& options);

const char* to_string(Mode mode);

}  // namespace leadhub::vk
