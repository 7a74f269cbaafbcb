// Fuzzes the host's reader of a source plugin's webhook answer (webhook_answer.cpp): the JSON a
// plugin writes across the C ABI. What it accepts it promises the background stage can read
// (webhook_answer.hpp): every message's text must go through sdk::message_from_json.
#include "host/webhook_answer.hpp"

#include <cstdint>
#include <cstdlib>
#include <exception>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto answer = leadhub::host::webhook_answer_from_text(text, "fuzz");
    if (answer.status < 100 || answer.status > 599) std::abort();
    for (const auto& message : answer.messages) {
        try {
            auto m = message.message();
            if (message.external_message_id != m.external_message_id) std::abort();
        } catch (const std::exception&) {
            std::abort();  // accepted, yet unreadable: the inbox would hold a message nobody can read
        }
    }
    return 0;
}
