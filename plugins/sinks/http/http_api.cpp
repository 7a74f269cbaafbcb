#include "http_api.hpp"

#include "http_date.hpp"

#include <leadhub/sdk/safe_text.hpp>

namespace leadhub::http_sink {

sdk::Json delivery_body(const sdk::Delivery& delivery) {
    sdk::Json lead = delivery.payload.is_object() && delivery.payload.contains("lead") ? delivery.payload.at("lead")
                                                                                        : delivery.lead.fields;
    return {{"idempotency_key", delivery.idempotency_key},
            {"attempt", delivery.attempt},
            {"kind", delivery.kind},
            {"tenant", delivery.tenant},
            {"lead", lead}};
}

sdk::HttpRequest build_request(const HttpSinkOptions& options, const sdk::Delivery& delivery) {
    sdk::HttpRequest request;
    request.method = options.method;
    request.target = options.url;
    request.timeout_ms = options.timeout_ms;
    request.headers["Content-Type"] = "application/json; charset=utf-8";
    request.headers["Accept"] = "application/json";
    for (const auto& [name, value] : options.headers) request.headers[name] = value;
    // Set last: a configured header of the same name must not replace the key the receiver
    // deduplicates on.
    if (!options.idempotency_header.empty()) request.headers[options.idempotency_header] = delivery.idempotency_key;
    request.body = sdk::dump(delivery_body(delivery));
    return request;
}

std::optional<int64_t> parse_retry_after(std::string_view value, int64_t now_ms) {
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
    if (value.empty()) return std::nullopt;
    if (value.find_first_not_of("0123456789") == std::string_view::npos) {
        if (value.size() > 9) return std::nullopt;  // over 30 years: not a delay anyone means
        return std::stoll(std::string(value)) * 1000;
    }
    auto at = parse_http_date(value);
    if (!at) return std::nullopt;
    return *at > now_ms ? *at - now_ms : 0;
}

std::string external_id_from(std::string_view body) {
    // The endpoint's answer is read with the SDK's depth bound, like any JSON from outside; only
    // its top-level "id" is used, and a deeper answer simply has none.
    sdk::Json json = sdk::parse_json(body);
    if (!json.is_object()) return {};
    auto id = json.find("id");
    if (id == json.end()) return {};
    if (id->is_string()) return id->get<std::string>();
    if (id->is_number_integer()) return id->dump();
    return {};
}

std::string body_excerpt(std::string_view body, std::size_t limit) {
    if (body.size() <= limit) return std::string(body);
    // body[cut] is the first byte left out: if it continues a UTF-8 sequence (10xxxxxx), step
    // back to that sequence's lead byte so the excerpt ends on a whole character.
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80) --cut;
    return std::string(body.substr(0, cut));
}

sdk::Outcome classify_response(const sdk::HttpResponse& response, int64_t now_ms) {
    const int status = response.status;
    if (status == 0) return sdk::Outcome::retry(response.error.empty() ? "no response from the endpoint" : response.error);
    if (status >= 200 && status < 300) return sdk::Outcome::ok(external_id_from(response.body));
    // The reason goes into a log line and the dead-letter queue: what it quotes of the endpoint's
    // answer has its control characters escaped, so a line break in it cannot forge a log line.
    const std::string reason = "HTTP " + std::to_string(status) + ": " + sdk::escape_control(body_excerpt(response.body));
    if (status == 408 || status == 425 || status == 429 || (status >= 500 && status < 600))
        return sdk::Outcome::retry(reason, parse_retry_after(response.header("Retry-After"), now_ms));
    if (status >= 300 && status < 400) {
        // The host does not follow redirects for a POST; the owner should point url at the target.
        std::string location = sdk::escape_control(response.header("Location"));
        return sdk::Outcome::permanent(reason + (location.empty() ? "" : " (redirects to " + location + ": set url to it)"));
    }
    if (status >= 400 && status < 500) return sdk::Outcome::permanent(reason);
    return sdk::Outcome::retry(reason);  // 1xx or beyond 599: not a final answer
}

}  // namespace leadhub::http_sink
