// Fuzzes what the Mango source does with an event once its sign is right: the path told apart, the
// `json` field read with the SDK's bounded reader, a summary mapped to a Message and written as the
// JSON that crosses the plugin boundary. Input: "<path>\n<json>" (seed files are written the same
// way, so a person can edit them).
#include "mango_api.hpp"

#include <leadhub/sdk/types.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace leadhub::mango;

namespace {
void require(bool ok) {
    if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view all(reinterpret_cast<const char*>(data), size);
    const std::size_t nl = all.find('\n');
    const std::string_view path = nl == std::string_view::npos ? all : all.substr(0, nl);
    const std::string_view json = nl == std::string_view::npos ? std::string_view() : all.substr(nl + 1);

    EventPath kind = classify_path(path);
    if (kind == EventPath::ping || kind == EventPath::unknown) kind = EventPath::summary;  // read the body anyway
    ReadEvent event = read_event(kind, json);
    switch (event.kind) {
        case ReadEvent::Kind::malformed:
            require(!event.reason.empty() && event.reason.find('\n') == std::string::npos);
            require(!event.message);
            return 0;
        case ReadEvent::Kind::ignored: require(!event.message); return 0;
        case ReadEvent::Kind::lead: break;
    }
    require(event.message.has_value());
    const leadhub::sdk::Message& m = *event.message;
    require(m.external_message_id && !m.external_message_id->empty());
    require(m.extra["call"]["missed"].is_boolean());
    require(m.extra["call"]["duration_sec"].get<int64_t>() >= 0);
    require(!m.phone || (*m.phone)[0] == '+');
    require(m.phone == m.external_user_id);
    // The hub reads it back with the SDK's bounded reader, as it reads any plugin's answer.
    const std::string text = leadhub::sdk::dump(leadhub::sdk::to_json(m));
    auto back = leadhub::sdk::parse_json(text);
    require(!back.is_discarded());
    (void)leadhub::sdk::message_from_json(back);
    return 0;
}
