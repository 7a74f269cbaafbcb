// The shapes of what a plugin writes back across the ABI, checked strictly. The host repairs a
// malformed result so nothing is lost (see host::PluginInstance); the conformance suite reports it.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace leadhub::kit {

// "" when `text` is a classified Outcome as abi.h describes it:
//   {"status": "ok", "external_id"?: string}
//   {"status": "retry", "reason": non-empty string, "retry_after_ms"?: integer >= 0}
//   {"status": "permanent", "reason": non-empty string}
// otherwise what is wrong with it.
std::string outcome_problem(const std::string& text);

// "ok (external id 'x')", "retry: <reason>", "permanent: <reason>" for a well-formed outcome.
std::string outcome_summary(const std::string& text);

struct WebhookAnswer {
    int status = 0;
    std::string body;
    std::size_t messages = 0;
    std::string problem;  // non-empty: the result is malformed, and why
};

// Reads a WebhookResult: an object with an integer status 100..599, optional string body and
// content_type, optional header object of strings, optional messages array of objects each with
// a string channel.
WebhookAnswer read_webhook_answer(const std::string& text);

// "" when a processor's output is a JSON object whose "error", if present, is a non-empty string.
std::string processor_output_problem(const std::string& text);

// At most `limit` bytes of `text`, marked when cut, for reasons quoting what a plugin wrote.
std::string excerpt(const std::string& text, std::size_t limit = 120);

}  // namespace leadhub::kit
