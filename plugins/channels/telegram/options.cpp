#include "options.hpp"

#include "card_thread.hpp"
#include "staff_card.hpp"

#include <leadhub/sdk/safe_text.hpp>
#include <leadhub/sdk/text_template.hpp>

#include <charconv>
#include <stdexcept>

namespace leadhub::telegram {

using sdk::Json;
using sdk::OptionSpec;

const sdk::OptionSet<TelegramOptions>& telegram_options() {
    static const sdk::OptionSet<TelegramOptions> set{
        OptionSpec::string("bot_token", "The bot's token from @BotFather, e.g. 123456789:AAE...")
            .is_required()
            .is_secret()
            .bind(&TelegramOptions::bot_token),
        OptionSpec::string("mode", "How updates arrive: webhook (Telegram posts to the hub's public HTTPS address) "
                                   "or polling (the hub asks Telegram; no public address needed)")
            .with_default("webhook")
            .bind_choice(&TelegramOptions::mode, {{"webhook", Mode::webhook}, {"polling", Mode::polling}}),
        OptionSpec::string("secret_token",
                           "Webhook mode: 1-256 characters of A-Z a-z 0-9 _ -, given to setWebhook and checked "
                           "on every request (X-Telegram-Bot-Api-Secret-Token); required there")
            .is_secret()
            .with_default("")
            .bind(&TelegramOptions::secret_token),
        OptionSpec::string("api_url", "Base URL of the Bot API (a local Bot API server, or a test fake)")
            .with_default("https://api.telegram.org")
            .bind(&TelegramOptions::api_url),
        OptionSpec::integer("poll_timeout_s",
                            "Polling mode: how long one getUpdates waits for news, in seconds (1 to 50); "
                            "stopping the instance waits for the poll in flight")
            .with_default(10)
            .between(1, 50)
            .bind(&TelegramOptions::poll_timeout_s),
        OptionSpec::string("staff_chat_id",
                           "Staff side: the id of the staff group where lead cards go (e.g. -1001234567890; "
                           "README, \"The staff chat\"); \"\" = none")
            .with_default("")
            .bind(&TelegramOptions::staff_chat_id_text),
        OptionSpec::string_list("staff_user_ids",
                                "Staff side: the Telegram user ids allowed to press a card's buttons or answer it; "
                                "anyone else is told \"only for staff\" and nothing happens. Empty: anyone in the "
                                "staff chat (the hub still acts only for staff whose telegram contact matches)")
            .with_default(Json::array())
            .bind(&TelegramOptions::staff_user_ids),
        OptionSpec::string("notify",
                           "Staff side: where a card goes: assignee (the assignee's private chat with the bot, "
                           "else the staff chat) or chat (always the staff chat)")
            .with_default("assignee")
            .bind_choice(&TelegramOptions::notify, {{"assignee", Notify::assignee}, {"chat", Notify::chat}}),
        OptionSpec::string("card_template",
                           "Staff side: the lead card, a text template in Telegram's HTML (values are escaped); "
                           "\"\" = the Russian card shown in the README")
            .with_default("")
            .bind(&TelegramOptions::card_template),
        OptionSpec::string("message_template",
                           "Staff side: a customer's later message, shown in reply to the lead's card, a text "
                           "template in Telegram's HTML over the lead and its \"message\" (values are escaped); "
                           "\"\" = the Russian line shown in the README")
            .with_default("")
            .bind(&TelegramOptions::message_template),
    };
    return set;
}

namespace {

bool is_secret_token_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// BotFather's tokens are "<digits>:<letters, digits, _ and ->". The token goes into the URL path
// (/bot<token>/sendMessage), so a '/', '?' or space would change which URL is called.
bool looks_like_bot_token(const std::string& token) {
    const auto colon = token.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == token.size()) return false;
    for (std::size_t i = 0; i < token.size(); ++i) {
        const char c = token[i];
        if (i < colon ? !(c >= '0' && c <= '9') : (i > colon && !is_secret_token_char(c))) return false;
    }
    return true;
}

std::optional<int64_t> parse_chat_id(const std::string& text) {
    int64_t value = 0;
    const char* end = text.data() + text.size();
    auto [at, error] = std::from_chars(text.data(), end, value);
    if (text.empty() || error != std::errc() || at != end || value == 0) return std::nullopt;
    return value;
}

void read_staff_options(TelegramOptions& out) {
    if (!out.staff_chat_id_text.empty()) {
        out.staff_chat_id = parse_chat_id(out.staff_chat_id_text);
        if (!out.staff_chat_id)
            throw std::invalid_argument("option 'staff_chat_id' must be the staff group's numeric chat id, e.g. "
                                        "-1001234567890 (README, \"The staff chat\")");
    }
    for (const auto& id : out.staff_user_ids)
        if (id.empty() || id.size() > 19 || id.find_first_not_of("0123456789") != std::string::npos)
            throw std::invalid_argument("option 'staff_user_ids': '" + sdk::escape_control(id) +
                                        "' is not a Telegram user id (digits, e.g. 784512396)");
    if (out.card_template.empty()) out.card_template = kDefaultCardTemplate;
    if (auto problem = sdk::check_template(out.card_template))
        throw std::invalid_argument("option 'card_template': " + *problem);
    if (out.message_template.empty()) out.message_template = kDefaultMessageTemplate;
    if (auto problem = sdk::check_template(out.message_template))
        throw std::invalid_argument("option 'message_template': " + *problem);
}

}  // namespace

TelegramOptions read_telegram_options(const sdk::Options& options) {
    TelegramOptions out = telegram_options().read(options);
    if (!looks_like_bot_token(out.bot_token))
        throw std::invalid_argument("option 'bot_token' does not look like a bot token from @BotFather "
                                    "(<digits>:<letters, digits, _ and ->)");
    if (out.mode == Mode::webhook) {
        if (out.secret_token.empty())
            throw std::invalid_argument("option 'secret_token' is required in webhook mode: choose 1-256 characters "
                                        "of A-Z a-z 0-9 _ - (or set mode: polling)");
        if (out.secret_token.size() > 256)
            throw std::invalid_argument("option 'secret_token' is longer than Telegram's 256 characters");
        for (char c : out.secret_token)
            if (!is_secret_token_char(c))
                throw std::invalid_argument("option 'secret_token' may hold only A-Z a-z 0-9 _ - (Telegram's rule)");
    }
    if (!(out.api_url.starts_with("https://") || out.api_url.starts_with("http://")) ||
        out.api_url.find_first_of(" \r\n?#") != std::string::npos)
        throw std::invalid_argument("option 'api_url' must be an http:// or https:// address without spaces, "
                                    "query or fragment");
    while (out.api_url.ends_with("/")) out.api_url.pop_back();
    read_staff_options(out);
    return out;
}

const char* to_string(Mode mode) { return mode == Mode::polling ? "polling" : "webhook"; }

}  // namespace leadhub::telegram
