// Fuzzes what the webform source does with a POST: the body read by its Content-Type (urlencoded,
// multipart, JSON; any charset), the fields mapped to a Message, the Message written as the JSON
// that crosses the plugin boundary. Input: "<Content-Type>\n<body>".
#include "fuzz_input.hpp"
#include "webform_body.hpp"
#include "webform_charset.hpp"
#include "webform_format.hpp"

#include <leadhub/sdk/types.hpp>

#include <cstdlib>

using namespace leadhub::webform;

namespace {
void require(bool ok) {
    if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto [content_type, body] = fuzz::split_first_line(data, size);
    ParsedBody parsed = parse_body(content_type, body);
    if (!parsed.data) {
        require(parsed.status == 400 || parsed.status == 415);
        require(parsed.error.find('\n') == std::string::npos);  // one line, safe for an answer
        return 0;
    }
    WebformOptions options;
    Provider provider = detect_provider(*parsed.data);
    if (provider == Provider::automatic) provider = Provider::html;
    MappedSubmission mapped = map_submission(*parsed.data, provider, options);
    const std::string json = leadhub::sdk::dump(leadhub::sdk::to_json(mapped.message));
    // A field may still hold bytes that are neither UTF-8 nor windows-1251 (decode_text leaves
    // them, by design); what crosses the boundary is UTF-8 all the same.
    require(is_utf8(json));
    // The hub reads it back with the SDK's bounded reader, as it reads any plugin's answer.
    auto back = leadhub::sdk::parse_json(json);
    require(!back.is_discarded());
    (void)leadhub::sdk::message_from_json(back);
    return 0;
}
