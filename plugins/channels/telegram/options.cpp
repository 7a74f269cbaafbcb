#include "options.hpp"

#include <stdexcept>

namespace leadhub::telegram {

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
    return out;
}

const char* to_string(Mode mode) { return mode == Mode::polling ? "polling" : "webhook"; }

}  // namespace leadhub::telegram
