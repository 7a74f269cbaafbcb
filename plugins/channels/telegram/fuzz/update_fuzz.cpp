// Fuzzes what the Telegram channel does with a webhook body (after the secret check): the bytes
// read as an Update, the Update mapped to Messages, each Message written as the JSON that
// crosses the plugin boundary and read back as the hub reads it. Input: the raw body. The staff
// side is configured as the fixtures' hub is (staff chat -1001234567890, two members), so presses
// on cards and replies to them reach the staff reader too.
#include "telegram_update.hpp"

#include <leadhub/sdk/types.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace leadhub::telegram;

namespace {
void require(bool ok) {
    if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const StaffConfig staff{-1001234567890, {"784512396", "6293018457"}};
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    ParsedBody parsed = parse_update_body(body, staff);
    if (parsed.status != 200) {
        require(parsed.status == 400 || parsed.status == 413);
        require(parsed.update.messages.empty());
        require(parsed.error.find('\n') == std::string::npos);  // one line, safe for an answer
        return 0;
    }
    require(parsed.update.update_id.has_value());
    require(parsed.update.messages.size() <= 1);
    require(parsed.update.messages.empty() != parsed.update.ignored.empty());
    require(parsed.update.ignored.find('\n') == std::string::npos);
    for (const auto& message : parsed.update.messages) {
        // Never half a message: the ids and the reply address are always there.
        require(message.channel == "telegram");
        require(message.external_user_id && message.external_message_id);
        if (message.event == leadhub::sdk::MessageEvent::staff_action) {
            // A staff event: who, on which lead, and where the result goes; never an answer of its own.
            require(message.staff_action && !message.staff_action->lead_ref.empty());
            require(message.staff_action->staff_external_id == *message.external_user_id);
            require(message.staff_action->answer_to.contains("chat_id"));
            require(message.staff_action->action != "reply" || !message.staff_action->text.empty());
            require(parsed.update.callback_query_id.empty());
        } else {
            require(message.address.contains("chat_id"));
        }
        const std::string json = leadhub::sdk::dump(leadhub::sdk::to_json(message));
        auto back = leadhub::sdk::parse_json(json);
        require(!back.is_discarded());
        (void)leadhub::sdk::message_from_json(back);
    }
    return 0;
}
