// The Telegram channel's options: declared once here, each bound to its field of TelegramOptions
// (the manifest, validation, help, README table and the typed read all come from
// telegram_options()).
#pragma once

#include <leadhub/sdk/options.hpp>

#include <cstdint>
#include <string>

namespace leadhub::telegram {

// How updates reach the hub: Telegram POSTs them to a public HTTPS address (webhook), or the hub
// asks for them with getUpdates long polling (no public address needed).
enum class Mode { webhook, polling };

// No defaults here: they are the declarations' (telegram_options().defaults() has them).
struct TelegramOptions {
    std::string bot_token;
    Mode mode = Mode::webhook;
    std::string secret_token;  // required in webhook mode
    std::string api_url;       // without a trailing '/'
    uint32_t poll_timeout_s = 0;
};

const sdk::OptionSet<TelegramOptions>& telegram_options();

// Reads validated options (defaults filled in). Throws std::invalid_argument naming the option for
// what the schema cannot catch: a bot_token with characters that do not belong in a URL path, a
// missing or malformed secret_token in webhook mode, an api_url that is not http(s).
TelegramOptions read_telegram_options(const sdk::Options& options);

const char* to_string(Mode mode);

}  // namespace leadhub::telegram
