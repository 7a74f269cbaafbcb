#include "{{identifier}}_notifier.hpp"

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
constexpr std::size_t kTextLimitBytes = 1000;  // ~500 Cyrillic letters: a notice is read on a phone

bool retryable_status(int status) { return status == 408 || status == 425 || status == 429 || status >= 500; }

std::optional<int64_t> retry_after_ms(const HttpResponse& response) {
    const std::string value = response.header("Retry-After");
    if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos || value.size() > 9) return std::nullopt;
    return std::stoll(value) * 1000;
}

// Cuts at a UTF-8 character boundary, so a Cyrillic letter is never split in half.
std::string cut_utf8(const std::string& text, std::size_t limit) {
    if (text.size() <= limit) return text;
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end) + "…";
}

}  // namespace

std::string notice_text(const leadhub::sdk::Delivery& delivery) {
    const auto& lead = delivery.lead;
    std::string text = "Новая заявка";
    if (lead.id != 0) text += " №" + std::to_string(lead.id);
    if (!lead.channel.empty()) text += " (" + lead.channel + ")";
    std::string contact;
    for (const auto* part : {&lead.name, &lead.phone, &lead.email})
        if (*part && !(*part)->empty()) contact += (contact.empty() ? "" : ", ") + **part;
    text += "\n" + (contact.empty() ? std::string("контакты не указаны") : contact);
    if (lead.text && !lead.text->empty()) text += "\n" + cut_utf8(*lead.text, kTextLimitBytes);
    return text;
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

{{class}}Notifier::{{class}}Notifier(const leadhub::sdk::Context& ctx) : Notifier(ctx), options_(read_options(ctx.options)) {}

Outcome {{class}}Notifier::deliver(const leadhub::sdk::Delivery& delivery) {
    HttpRequest request;
    request.method = "POST";
    request.target = options_.url;
    request.timeout_ms = options_.timeout_ms;
    request.headers["Content-Type"] = "application/json; charset=utf-8";
    request.headers["Idempotency-Key"] = delivery.idempotency_key;
    if (!options_.token.empty()) request.headers["Authorization"] = "Bearer " + options_.token;
    request.body = leadhub::sdk::dump(Json{{"chat", options_.chat}, {"text", notice_text(delivery)}});

    Outcome outcome = classify_answer(host().http(request));
    // Logged without the headers: they carry the token.
    const std::string job = "{{name}} " + name() + ": job " + std::to_string(delivery.job_id) + " -> ";
    if (outcome.kind == Outcome::Kind::ok) host().metric("{{identifier}}_sent");
    if (outcome.kind == Outcome::Kind::retry) host().warn(job + "will retry: " + outcome.reason);
    if (outcome.kind == Outcome::Kind::permanent) host().error(job + "failed: " + outcome.reason);
    return outcome;
}

}  // namespace {{identifier}}_plugin
