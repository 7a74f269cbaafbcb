#include "http_api.hpp"

#include "http_date.hpp"

#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/safe_text.hpp>
#include <leadhub/sdk/text_template.hpp>

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

namespace {

sdk::Json template_data(const sdk::Delivery& delivery) {
    sdk::Json lead = delivery.payload.is_object() && delivery.payload.contains("lead") ? delivery.payload.at("lead")
                                                                                       : delivery.lead.fields;
    sdk::Json data = lead.is_object() ? lead : sdk::Json::object();
    data["delivery"] = {{"idempotency_key", delivery.idempotency_key}, {"attempt", delivery.attempt},
                        {"kind", delivery.kind}, {"tenant", delivery.tenant}};
    return data;
}

// "{{ path }}" alone, without a fallback or a section: the path; else nothing.
std::optional<std::string> lone_path(const std::string& text) {
    if (text.size() < 5 || !text.starts_with("{{") || !text.ends_with("}}")) return std::nullopt;
    std::string inner = text.substr(2, text.size() - 4);
    if (inner.find_first_of("{}|#^/") != std::string::npos) return std::nullopt;
    std::size_t b = inner.find_first_not_of(' '), e = inner.find_last_not_of(' ');
    if (b == std::string::npos) return std::nullopt;
    return inner.substr(b, e - b + 1);
}

const sdk::Json* at_path(const sdk::Json& root, const std::string& path) {
    const sdk::Json* at = &root;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t dot = path.find('.', start);
        std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!at->is_object() || !at->contains(key)) return nullptr;
        at = &at->at(key);
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return at;
}


}  // namespace

sdk::Json templated_body(const std::map<std::string, std::string>& body_template, const sdk::Delivery& delivery) {
    const sdk::Json data = template_data(delivery);
    sdk::Json out = sdk::Json::object();
    for (const auto& [field, text] : body_template) {
        if (auto path = lone_path(text)) {
            const sdk::Json* value = at_path(data, *path);
            out[field] = value ? *value : sdk::Json(nullptr);
        } else {
            out[field] = sdk::render_template(text, data);
        }
    }
    return out;
}

std::string form_body(const sdk::Json& fields) {
    std::string out;
    for (const auto& [field, value] : fields.items()) {
        std::string text;
        if (value.is_string()) text = value.get<std::string>();
        else if (value.is_array() || value.is_number() || value.is_boolean())
            text = sdk::render_template("{{v}}", sdk::Json{{"v", value}});
        if (!out.empty()) out += '&';
        out += sdk::url_encode(field) + '=' + sdk::url_encode(text);
    }
    return out;
}

sdk::HttpRequest build_request(const HttpSinkOptions& options, const sdk::Delivery& delivery) {
    sdk::HttpRequest request;
    request.method = options.method;
    request.target = options.url;
    request.timeout_ms = options.timeout_ms;
    const bool form = options.body_format == "form";
    request.headers["Content-Type"] = form ? "application/x-www-form-urlencoded" : "application/json; charset=utf-8";
    request.headers["Accept"] = "application/json";
    for (const auto& [name, value] : options.headers) request.headers[name] = value;
    // Set last: a configured header of the same name must not replace the key the receiver
    // deduplicates on.
    if (!options.idempotency_header.empty()) request.headers[options.idempotency_header] = delivery.idempotency_key;
    if (options.body_template.empty()) request.body = sdk::dump(delivery_body(delivery));
    else if (form) request.body = form_body(templated_body(options.body_template, delivery));
    else request.body = sdk::dump(templated_body(options.body_template, delivery));
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
