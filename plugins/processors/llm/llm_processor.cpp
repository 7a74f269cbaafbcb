#include "llm_processor.hpp"

#include "llm_prompt.hpp"
#include "reading_check.hpp"

#include <leadhub/sdk/safe_text.hpp>

#include <stdexcept>

namespace leadhub::llm {

using sdk::Json;

LlmProcessor::LlmProcessor(const sdk::Context& ctx) : sdk::Processor(ctx), options_(read_llm_options(ctx.options)) {
    if (options_.auth == AuthScheme::gigachat_oauth) tokens_ = std::make_unique<GigachatTokenCache>(host(), options_);
    if (options_.api_key.empty())
        host().info("llm: no api_key set, requests to " + options_.chat_url() + " carry no Authorization header");
}

sdk::ReadingResult LlmProcessor::refuse_input(const std::string& reason) {
    return fail({"bad input: " + reason, false, std::nullopt, 0});
}

sdk::ReadingResult LlmProcessor::read(const sdk::ReadingRequest& in) {
    const Prompt prompt = build_prompt(in);
    ChatCall call;
    call.model = options_.model;
    call.messages = {{"system", prompt.system}, {"user", prompt.user}};
    call.format = options_.response_format;
    call.schema = reading_schema(in.catalog.service_ids());
    call.temperature = options_.temperature;
    call.max_tokens = options_.max_tokens;

    host().metric("llm_requests");
    const ChatResult result = exchange(sdk::dump(chat_request_body(call)));
    if (const auto* failure = std::get_if<ChatFailure>(&result)) return fail(*failure);
    const ChatAnswer& answer = std::get<ChatAnswer>(result);
    if (answer.total_tokens > 0) host().metric("llm_tokens", static_cast<double>(answer.total_tokens));

    CheckedReading checked = check_reading(answer.content, in.catalog.service_ids());
    if (!checked.reading) {
        host().metric("llm_invalid_answers");
        sdk::ReadingResult out = fail({"the model's answer fails the reading's schema: " + checked.error, false, std::nullopt, 200});
        out.invalid_answer = true;  // so the core can count a bad answer apart from an API failure
        return out;
    }
    sdk::Reading reading = sdk::reading_from_json(*checked.reading);
    reading.backend = "llm";
    reading.model = answer.model.empty() ? options_.model : answer.model;
    reading.warnings = checked.warnings;
    host().metric("llm_readings");
    return sdk::ReadingResult::ok(std::move(reading));
}

ChatResult LlmProcessor::exchange(const std::string& body) {
    if (!tokens_) return post(body, options_.api_key);

    auto token = tokens_->token();
    if (const auto* failure = std::get_if<ChatFailure>(&token)) return *failure;
    ChatResult result = post(body, std::get<std::string>(token));
    const auto* failure = std::get_if<ChatFailure>(&result);
    if (!failure || failure->status != 401) return result;

    // The token may have been revoked or expired early: renew it once, as the contract says.
    tokens_->invalidate(std::get<std::string>(token));
    token = tokens_->token();
    if (const auto* renew_failure = std::get_if<ChatFailure>(&token)) return *renew_failure;
    result = post(body, std::get<std::string>(token));
    if (auto* again = std::get_if<ChatFailure>(&result); again && again->status == 401)
        again->reason = "credentials rejected after a token refresh: " + again->reason;
    return result;
}

ChatResult LlmProcessor::post(const std::string& body, const std::string& credential) const {
    sdk::HttpRequest request;
    request.method = "POST";
    request.target = options_.chat_url();
    request.headers = chat_request_headers(options_, credential);
    request.body = body;
    request.timeout_ms = options_.timeout_ms;
    return read_chat_response(host().http(request));
}

sdk::ReadingResult LlmProcessor::fail(const ChatFailure& failure) const {
    host().metric("llm_failures");
    // The reason holds the provider's words and the status, never the key or the customer's text.
    // What it quotes was escaped where it was quoted; escaping the whole once more (a no-op on
    // escaped text) keeps the log line and the hub's record one line whatever a reason holds.
    ChatFailure safe = failure;
    safe.reason = sdk::escape_control(failure.reason);
    host().warn("llm: " + std::string(safe.retryable ? "retryable" : "permanent") + " failure: " + safe.reason);
    return sdk::ReadingResult::failed(safe.reason, safe.retryable, safe.retry_after_ms);
}

}  // namespace leadhub::llm
