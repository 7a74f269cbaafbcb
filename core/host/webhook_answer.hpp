// A source plugin's answer to a webhook as the hub keeps it: the HTTP answer for the platform, and
// each message as the JSON text the inbox stores.
//
// The plugin writes its sdk::WebhookResult as JSON across the C ABI. The hub used to parse that
// into sdk::Message values only to serialise each one again for its inbox row: two thirds of a
// webhook's CPU on the handler threads was JSON (docs/benchmarks.md, round 6). Here the result is
// parsed once (simdjson), every field the hub relies on is checked exactly as
// sdk::webhook_result_from_json / sdk::message_from_json would read it, and each message is kept
// as its minified JSON text: what the inbox row holds and what the background stage reads with
// sdk::message_from_json. Nothing malformed is acknowledged: a message the background stage could
// not read makes the whole answer a 500, so the platform sends it again.
#pragma once

#include <leadhub/sdk/types.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace leadhub::host {

// One message of a webhook answer: its JSON text (an object that sdk::message_from_json reads
// without error) and the platform's message id from it, which the inbox's duplicate check uses.
struct MessageText {
    std::optional<std::string> external_message_id;
    std::string json;

    // The message as the SDK reads it (for tests and tools; the hot path never builds one).
    sdk::Message message() const;
};

struct WebhookAnswer {
    int status = 200;
    std::string content_type = "text/plain; charset=utf-8";
    std::string body = "ok";
    sdk::Headers headers;
    std::vector<MessageText> messages;

    // A refusal with a reason the sender can read, and no message.
    static WebhookAnswer reject(int status, std::string reason);
};

// Reads a webhook result as a plugin wrote it (the JSON of sdk::to_json(WebhookResult)), checked
// before anything of it is used. Anything the hub cannot trust becomes a 500 whose body names
// `label` and what was wrong: not JSON, nested deeper than sdk::kMaxJsonDepth + 2 levels (a
// message deeper than sdk::kMaxJsonDepth), no integer status, a status outside 100..599, or a
// malformed field (a message that is not an object, a message field that is neither a string nor
// null, a UTM value that is not a string, a content type or body that is not a string).
// Lenient where the SDK's reader is: unknown keys are kept, header values that are not strings
// and a `headers`, `messages`, `utm` or `extra` of another type are ignored.
WebhookAnswer webhook_answer_from_text(std::string_view text, const std::string& label);

}  // namespace leadhub::host
