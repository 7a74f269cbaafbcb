// Fuzzes what the Zadarma source does with a POST once its Signature header is present: the body
// read by its Content-Type (urlencoded or multipart), the signed string of its event, and a
// NOTIFY_END mapped to a Message and written as the JSON that crosses the plugin boundary.
// Input: "<Content-Type>\n<body>" (seed files are written the same way, so a person can edit them).
#include "zadarma_api.hpp"
#include "zadarma_form.hpp"
#include "zadarma_signature.hpp"

#include <leadhub/sdk/types.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

using namespace leadhub::zadarma;

namespace {
void require(bool ok) {
    if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view all(reinterpret_cast<const char*>(data), size);
    const std::size_t nl = all.find('\n');
    const std::string_view content_type = nl == std::string_view::npos ? all : all.substr(0, nl);
    const std::string_view body = nl == std::string_view::npos ? std::string_view() : all.substr(nl + 1);

    ReadFields read = read_fields(content_type, body);
    if (!read.fields) {
        require(read.status == 400 || read.status == 415);
        require(!read.error.empty() && read.error.find('\n') == std::string::npos);
        return 0;
    }
    if (auto text = signed_string(*read.fields)) require(signature_of("secret", *text).size() == 56);
    if (classify_event(field(*read.fields, "event")) != EventKind::call_end) return 0;
    CallLead lead = map_call_end(*read.fields);
    if (!lead.message) {
        require(lead.error.find('\n') == std::string::npos);
        return 0;
    }
    require(lead.message->external_message_id && !lead.message->external_message_id->empty());
    require(lead.message->extra["call"]["missed"].is_boolean());
    require(!lead.message->phone || (*lead.message->phone)[0] == '+');
    // The hub reads it back with the SDK's bounded reader, as it reads any plugin's answer.
    const std::string json = leadhub::sdk::dump(leadhub::sdk::to_json(*lead.message));
    auto back = leadhub::sdk::parse_json(json);
    require(!back.is_discarded());
    (void)leadhub::sdk::message_from_json(back);
    return 0;
}
