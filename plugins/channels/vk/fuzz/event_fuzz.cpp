// Fuzzes what the VK channel does with bytes from VK: the body read as JSON with the SDK's bounds,
// the event read into messages (read_event), the messages written as the JSON that crosses the
// plugin boundary and read back as the hub reads them; the same bytes as a long poll answer
// (read_a_check) with each of its updates read the same way.
#include "vk_event.hpp"
#include "vk_longpoll_api.hpp"

#include <leadhub/sdk/types.hpp>

#include <cstdlib>

using namespace leadhub::vk;

namespace {

void require(bool ok) {
    if (!ok) std::abort();
}

void check_event(const leadhub::sdk::Json& event) {
    ReadEvent read = read_event(event, 218000123);
    require(read.reason.find('\n') == std::string::npos);  // one line, safe for an answer and a log
    require(read.kind == EventKind::messages || read.messages.empty());
    for (auto& m : read.messages) {
        require(m.channel == "vk");
        require(m.external_message_id && !m.external_message_id->empty());  // the hub dedupes by it
        require(m.external_user_id && !m.external_user_id->empty());
        const std::string json = leadhub::sdk::dump(leadhub::sdk::to_json(m));
        auto back = leadhub::sdk::parse_json(json);
        require(!back.is_discarded());
        (void)leadhub::sdk::message_from_json(back);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view body(reinterpret_cast<const char*>(data), size);
    check_event(leadhub::sdk::parse_json(body));

    leadhub::sdk::HttpResponse response;
    response.status = 200;
    response.body = std::string(body);
    CheckAnswer answer = read_a_check(response);
    if (answer.kind == CheckAnswer::Kind::updates) {
        require(!answer.ts.empty());
        for (const auto& update : answer.updates) check_event(update);
    }
    return 0;
}
