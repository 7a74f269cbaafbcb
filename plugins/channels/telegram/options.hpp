// The Telegram channel's options: declared once here, each bound to its field of TelegramOptions
// (the manifest, validation, help, README table and the typed read all come from
// telegram_options()).
#pragma once

#include <leadhub/sdk/options.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace leadhub::telegram {

// How updates reach the hub: Telegram POSTs them to a public HTTPS address (webhook), or the hub
// asks for them with getUpdates long polling (no public address needed).
enum class Mode { webhook, polling };

// Where a lead card goes: the assignee's private chat with the bot (their `telegram` contact),
// else the staff chat; or always the staff chat.
enum class Notify { assignee, chat };

// No defaults here: they are the declarations' (telegram_options().defaults() has them).
struct TelegramOptions {
    std::string bot_token;
    Mode mode = Mode::webhook;
    std::string secret_token;  // required in webhook mode
    std::string api_url;       // without a trailing '/'
    uint32_t poll_timeout_s = 0;
    // The staff side (kind notifier): read from staff_chat_id ("" = none), checked to be an integer.
    std::optional<int64_t> staff_chat_id;
    std::string staff_chat_id_text;
    std::vector<std::string> staff_user_ids;  // empty: anyone in the staff chat (the hub still checks)
    Notify notify = Notify::assignee;
    std::string card_template;  // "" in the options: kDefaultCardTemplate (staff_card.hpp)
    // The customer's later message under the card; "" in the options: kDefaultMessageTemplate
    // (card_thread.hpp).
    std::string message_template;
};

const sdk::OptionSet<TelegramOptions>& telegram_options();

// Reads validated options (defaults filled in). Throws std::invalid_argument naming the option for
// what the schema cannot catch: a bot_token with characters that do not belong in a URL path, a
// missing or malformed secret_token in webhook mode, an api_url that is not http(s), a
// staff_chat_id that is not an integer, a staff user id that is not digits, an unbalanced
// card_template or message_template.
TelegramOptions read_telegram_options(const sdk::Options& options);

const char* to_string(Mode mode);

}  // namespace leadhub::telegram
