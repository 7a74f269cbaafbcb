// What a VK message carries besides its text, as the staff read it: each attachment described in
// Russian ("[фото]", "[голосовое сообщение 0:12]", "[документ: прайс.pdf]") and kept as a record
// with VK's own id ("<owner_id>_<id>[_<access_key>]", what messages.send and the media methods
// take back). Pure mapping, no I/O.
#pragma once

#include <leadhub/sdk/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace leadhub::vk {

struct DescribedAttachment {
    std::string description;  // e.g. "[фото]"
    sdk::Json record;         // {"type": "photo", "id": "512345678_457239017_ab12", ...}
};

// Every element of a message's `attachments` array, in order; elements that are no object are
// skipped. Unknown types are described as "[вложение: <type>]".
std::vector<DescribedAttachment> describe_attachments(const sdk::Json& attachments);

// A message's `geo` ({"coordinates": {"latitude", "longitude"}, "place": {...}}, or the older
// "lat long" string): "[геопозиция: 55.75, 37.61]"; nullopt when it holds no coordinates.
std::optional<DescribedAttachment> describe_geo(const sdk::Json& geo);

// "0:12", "1:05", "1:02:03" for a duration in seconds.
std::string format_duration(int64_t seconds);

}  // namespace leadhub::vk
