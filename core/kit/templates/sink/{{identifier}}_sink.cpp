#include "{{identifier}}_sink.hpp"

#include <leadhub/sdk/json.hpp>
#include <leadhub/sdk/safe_text.hpp>

#include <optional>
#include <string>

namespace {{identifier}}_plugin {

using leadhub::sdk::HttpRequest;
using leadhub::sdk::HttpResponse;
using leadhub::sdk::Json;
using leadhub::sdk::Outcome;

namespace {

constexpr std::size_t kQuotedBodyLimit = 200;

bool retryable_status(int status) { return status == 408 || status == 425 || status == 429 || status >= 500; }

// Retry-After in whole seconds; an HTTP-date or garbage gives no hint (the hub's backoff applies).
std::optional<int64_t> retry_after_ms(const HttpResponse& response) {
    const std::string value = response.header("Retry-After");
    if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos || value.size() > 9) return std::nullopt;
    return std::stoll(value) * 1000;
}

}  // namespace

Json request_body(const leadhub::sdk::Delivery& delivery) {
    // The lead as the hub sent it, so fields newer than this plugin still reach the endpoint.
    return {{"idempotency_key", delivery.idempotency_key}, {"attempt", delivery.attempt}, {"tenant", delivery.tenant},
            {"lead", delivery.lead.fields.is_object() ? delivery.lead.fields : Json::object()}};
}

Outcome classify_answer(const HttpResponse& response) {
    if (response.status == 0) return Outcome::retry(response.error.empty() ? "no answer from the endpoint" : response.error);
    if (response.status >= 200 && response.status < 300) {
        Json body = leadhub::sdk::parse_json(response.body);  // depth-bounded, as all JSON from outside
        if (body.is_object() && body.contains("id")) {
            const Json& id = body.at("id");
            if (id.is_string()) return Outcome::ok(id.get<std::string>());
            if (id.is_number_integer()) return Outcome::ok(std::to_string(id.get<int64_t>()));
        }
        return Outcome::ok();
    }
    // Escaped: the reason is logged, and a line break in the answer must not forge a log line.
    const std::string reason = "HTTP " + std::to_string(response.status) + ": " +
                               leadhub::sdk::escape_control(response.body.substr(0, kQuotedBodyLimit));
    if (retryable_status(response.status)) return Outcome::retry(reason, retry_after_ms(response));
    return Outcome::permanent(reason);
}

{{class}}Sink::{{class}}Sink(const leadhub::sdk::Context& ctx) : Sink(ctx), options_(read_options(ctx.options)) {}

Outcome {{class}}Sink::deliver(const leadhub::sdk::Delivery& delivery) {
    HttpRequest request;
    request.method = "POST";
    request.target = options_.url;
    request.timeout_ms = options_.timeout_ms;
    request.headers["Content-Type"] = "application/json; charset=utf-8";
    request.headers["Idempotency-Key"] = delivery.idempotency_key;
    if (!options_.token.empty()) request.headers["Authorization"] = "Bearer " + options_.token;
    request.body = leadhub::sdk::dump(request_body(delivery));

    Outcome outcome = classify_answer(host().http(request));
    // Logged without the headers: they carry the token.
    const std::string job = "{{name}} " + name() + ": job " + std::to_string(delivery.job_id) + " -> ";
    if (outcome.kind == Outcome::Kind::ok) host().metric("{{identifier}}_ok");
    if (outcome.kind == Outcome::Kind::retry) host().warn(job + "will retry: " + outcome.reason);
    if (outcome.kind == Outcome::Kind::permanent) host().error(job + "failed: " + outcome.reason);
    return outcome;
}

}  // namespace {{identifier}}_plugin
