// Fuzzes the WhatsApp webhook parser with any signed body: whatever it reads must become
// messages the hub can read back, each with its ids, and never a crash.
#include "whatsapp_api.hpp"

#include <leadhub/sdk/types.hpp>

#include <cstdlib>

namespace {
void require(bool ok) {
    if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view body(reinterpret_cast<const char*>(data), size);
    std::string error;
    auto parsed = leadhub::whatsapp::parse_webhook(body, &error);
    if (!parsed) {
        require(!error.empty());
        require(error.find('\n') == std::string::npos);  // one line, safe for an answer
        return 0;
    }
    for (auto& message : parsed->messages) {
        require(message.channel == "whatsapp");
        require(message.external_message_id && !message.external_message_id->empty());
        require(message.external_user_id && !message.external_user_id->empty());
        const std::string json = leadhub::sdk::dump(leadhub::sdk::to_json(message));
        auto back = leadhub::sdk::parse_json(json);
        require(!back.is_discarded());
        (void)leadhub::sdk::message_from_json(back);
    }
    for (const auto& failure : parsed->failures) require(!failure.message_id.empty());
    return 0;
}
