// What a Telegram Message carries besides its text, in the words the staff read: every content
// type of the Bot API's Message object becomes a short Russian label ("[фото]",
// "[голосовое сообщение 0:12]", "[документ: прайс.pdf]") and an entry of extra.attachments with
// the platform's file id, so the hub can show the message without downloading anything. No I/O.
#pragma once

#include <leadhub/sdk/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace leadhub::telegram {

struct Content {
    std::string labels;                            // "" or "[фото] [геопозиция: 55.75, 37.61]"
    sdk::Json attachments = sdk::Json::array();    // [{"type": "photo", "file_id": "…"}, …]
    std::optional<std::string> own_phone;          // E.164, from a contact the sender shared of themself
    bool service = false;                          // a service message (pinned, payment, …): no content of its own
};

// `sender_id` is from.id: a shared contact whose user_id equals it is the customer's own number.
Content describe_content(const sdk::Json& message, std::optional<int64_t> sender_id);

// "0:05", "12:40", "1:02:03".
std::string format_duration(int64_t seconds);

// A coordinate as people write it: at most 6 decimals (about 10 cm), trailing zeros dropped.
std::string format_coordinate(double value);

// E.164 from a number as Telegram gives it ("79161234567", "+7 916 123-45-67", "89161234567"):
// the hub's convention (8/7 + 10 digits and 10 digits from 9 are Russian); nullopt when it has
// fewer than 7 or more than 15 digits.
std::optional<std::string> to_e164(const std::string& number);

}  // namespace leadhub::telegram
