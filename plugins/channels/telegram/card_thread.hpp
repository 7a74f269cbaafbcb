// The customer's later messages shown under the lead's card, without I/O: where the lead's cards
// went (kept in the instance's durable state, so it survives restarts), the line that shows the
// message, and the sendMessage that puts it under the card.
//
// The line replies to the card and carries the card's own buttons. That is how a staff member's
// reply to the line reaches the customer: Telegram sends back, inside reply_to_message, the
// keyboard of the message replied to, and telegram_staff.cpp reads the lead from it
// (card_lead_ref), exactly as for a card. Nothing has to be looked up when the reply comes: no
// state read in the webhook or the poller, and it keeps working when the state is lost or the
// card is deleted.
#pragma once

#include <leadhub/sdk/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace leadhub::telegram {

// The state key of a lead's cards: "telegram-cards/<lead id>" -> ["<chat id>:<message id>", …].
inline constexpr const char* kCardRefsPrefix = "telegram-cards";
// The ledger of one message_added notice (sdk::DeliveredLedger): the cards it was shown under.
inline constexpr const char* kThreadSentPrefix = "telegram-thread-sent";
// A lead has one card, sometimes a few (a replayed notice, a fresh card after a refusal): the
// newest ones are kept, so a lead's state stays small.
inline constexpr std::size_t kMaxCardRefs = 8;
// The customer's words in the line are cut so that the line, even after a fresh card, stays
// within Telegram's 4096; the hub keeps them whole.
inline constexpr std::size_t kMaxThreadWords = 2000;

// The Russian line (option message_template ""): «💬 Анна: …».
inline constexpr const char* kDefaultMessageTemplate = "💬 {{name|Клиент}}: {{message.text|(без текста)}}";

struct CardRef {
    int64_t chat_id = 0;
    int64_t message_id = 0;
    std::string text() const;  // "<chat id>:<message id>", as a card's outcome returns it
};

// "-1001234567890:163" -> the card; nullopt for anything else.
std::optional<CardRef> parse_card_ref(std::string_view text);

std::string card_refs_key(int64_t lead_id);

// The refs a state value holds, oldest first; what is not a list of refs reads as none.
std::vector<CardRef> read_card_refs(const std::optional<std::string>& stored);

// The state value with `ref` added as the newest (once; at most kMaxCardRefs kept).
std::string with_card_ref(const std::optional<std::string>& stored, const CardRef& ref);

// The line of a message_added notice: the template over the lead's fields, with the message (its
// text cut to kMaxThreadWords) as "message"; values escaped for Telegram's HTML; trailing white
// space trimmed.
std::string render_thread_line(const std::string& message_template, const sdk::Json& lead, const sdk::Json& message);

// sendMessage of the line in reply to the card, with the card's keyboard. A deleted card does not
// stop it (allow_sending_without_reply): the line still stands, and its buttons still name the lead.
sdk::Json thread_message_body(const CardRef& card, const std::string& html, const sdk::Json& keyboard);

}  // namespace leadhub::telegram
