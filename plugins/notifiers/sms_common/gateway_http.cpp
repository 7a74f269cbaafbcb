#include "gateway_http.hpp"

#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/safe_text.hpp>

#include <charconv>

namespace leadhub::sms {

std::string form_encode(const std::vector<std::pair<std::string, std::string>>& fields) { return sdk::form_body(fields); }

sdk::HttpRequest form_post(const std::string& url, const std::vector<std::pair<std::string, std::string>>& fields,
                           uint32_t timeout_ms) {
    sdk::HttpRequest r;
    r.method = "POST";
    r.target = url;
    r.headers["Content-Type"] = "application/x-www-form-urlencoded";
    r.headers["Accept"] = "application/json";
    r.body = form_encode(fields);
    r.timeout_ms = timeout_ms;
    return r;
}

std::string excerpt(std::string_view body, std::size_t limit) {
    if (body.size() > limit) {
        std::size_t cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(body[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 character
        return sdk::escape_control(body.substr(0, cut)) + "…";
    }
    return sdk::escape_control(body);
}

std::optional<sdk::Outcome> classify_http_status(const sdk::HttpResponse& response, const std::string& gateway,
                                                 const std::string& option) {
    const int status = response.status;
    if (status == 200) return std::nullopt;
    if (status == 0)
        return sdk::Outcome::retry(gateway + " не ответил: " + (response.error.empty() ? "нет ответа" : sdk::escape_control(response.error)));
    if (status == 408 || status == 425 || status == 429 || status >= 500) {
        std::optional<int64_t> after;
        const std::string value = response.header("Retry-After");
        int64_t seconds = 0;
        auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
        if (!value.empty() && ec == std::errc() && end == value.data() + value.size() && seconds >= 0 && seconds < 86400)
            after = seconds * 1000;
        return sdk::Outcome::retry(gateway + " временно не принимает запросы: HTTP " + std::to_string(status), after);
    }
    return sdk::Outcome::permanent(gateway + " ответил HTTP " + std::to_string(status) + " (" + excerpt(response.body) +
                                   "): проверьте адрес в опции " + option);
}

}  // namespace leadhub::sms
