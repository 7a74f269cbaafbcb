#include "graph_api.hpp"

#include "utf8_chunks.hpp"

#include <leadhub/sdk/ascii_text.hpp>
#include <leadhub/sdk/safe_text.hpp>

namespace leadhub::meta {

namespace {

constexpr int64_t kPairRateLimitWaitMs = 60'000;  // Meta: about 1 message per 6 s to one user, with bursts

int64_t int_member(const sdk::Json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end()) return 0;
    if (it->is_number_integer() || it->is_number_unsigned()) return sdk::integer_value<int64_t>(*it).value_or(0);
    if (it->is_string()) {
        const std::string& s = it->get_ref<const std::string&>();
        if (!s.empty() && s.size() < 18 && s.find_first_not_of("0123456789") == std::string::npos) return std::stoll(s);
    }
    return 0;
}

bool is_token_error(int64_t code) { return code == 190 || code == 102 || code == 463 || code == 467; }

bool is_rate_limit(int64_t code) {
    return code == 4 || code == 17 || code == 32 || code == 613 || code == 80007 || code == 130429 || code == 131048 ||
           code == 131056 || code == 131057;
}

bool is_service_error(int64_t code) { return code == 1 || code == 2 || code == 131000 || code == 131016; }

bool is_permission_error(int64_t code) { return code == 3 || code == 10 || code == 131005 || (code >= 200 && code <= 299); }

}  // namespace

GraphError graph_error_from_json(const sdk::Json& error) {
    GraphError out;
    if (!error.is_object()) return out;
    out.present = true;
    out.code = int_member(error, "code");
    out.subcode = int_member(error, "error_subcode");
    out.type = sdk::string_member_or(error, "type");
    out.message = sdk::string_member_or(error, "message");
    if (out.message.empty()) out.message = sdk::string_member_or(error, "title");
    if (auto it = error.find("is_transient"); it != error.end() && it->is_boolean()) out.transient = it->get<bool>();
    if (auto data = error.find("error_data"); data != error.end() && data->is_object())
        out.details = sdk::string_member_or(*data, "details");
    return out;
}

GraphError read_graph_error(std::string_view body) {
    const sdk::Json json = sdk::parse_json(body);
    if (!json.is_object()) return {};
    auto error = json.find("error");
    if (error == json.end()) return {};
    return graph_error_from_json(*error);
}

std::string describe(const GraphError& error) {
    if (!error.present) return "no error object";
    std::string text = error.message;
    const std::string code = "(#" + std::to_string(error.code) + ")";
    if (text.find(code) == std::string::npos) text = code + " " + text;
    if (error.subcode != 0) text += " [subcode " + std::to_string(error.subcode) + "]";
    if (!error.details.empty() && error.details != error.message) text += ": " + error.details;
    return sdk::escape_control(utf8_prefix(text, 300));
}

sdk::HttpRequest graph_post(std::string_view api_url, std::string_view api_version, std::string_view path,
                            std::string_view access_token, const sdk::Json& body, uint32_t timeout_ms) {
    std::string base(api_url);
    while (!base.empty() && base.back() == '/') base.pop_back();
    sdk::HttpRequest request;
    request.method = "POST";
    request.target = base + "/" + std::string(api_version) + "/" + std::string(path);
    request.headers["Authorization"] = "Bearer " + std::string(access_token);
    request.headers["Content-Type"] = "application/json";
    request.headers["Accept"] = "application/json";
    request.body = sdk::dump(body);
    request.timeout_ms = timeout_ms;
    return request;
}

std::optional<int64_t> retry_after_ms(const sdk::HttpResponse& response) {
    std::string_view value = sdk::trim(response.header("Retry-After"));
    if (value.empty() || value.size() > 9 || value.find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    return std::stoll(std::string(value)) * 1000;
}

sdk::Outcome classify_graph_failure(const sdk::HttpResponse& response, const GraphError& error,
                                    std::string_view platform) {
    const std::string who(platform);
    if (response.status == 0)
        return sdk::Outcome::retry(who + ": no response from the Graph API: " +
                                   sdk::escape_control(response.error.empty() ? "network error" : response.error));
    const std::string said = error.present ? describe(error)
                                           : "HTTP " + std::to_string(response.status) + ": " +
                                                 sdk::escape_control(utf8_prefix(response.body, 200));
    const std::string reason = who + " refused the message: " + said;
    const int64_t code = error.code;
    const auto after = retry_after_ms(response);

    if (is_token_error(code) || response.status == 401)
        return sdk::Outcome::permanent(who + ": the access token is invalid or expired (" + said +
                                       "): put a valid permanent token into the access_token option");
    if (code == 131056)
        return sdk::Outcome::retry(who + ": too many messages to this customer in a short time: " + said,
                                   after.value_or(kPairRateLimitWaitMs));
    if (is_rate_limit(code) || response.status == 429)
        return sdk::Outcome::retry(who + ": rate limit: " + said, after);
    if (is_service_error(code) || error.transient || (response.status >= 500 && response.status < 600))
        return sdk::Outcome::retry(who + ": Meta's service error: " + said, after);
    if (is_permission_error(code))
        return sdk::Outcome::permanent(who + ": the token lacks a permission or the account is restricted (" + said +
                                       "): check the app's permissions and the access_token option");
    if (response.status >= 200 && response.status < 300)
        return sdk::Outcome::retry(who + ": unreadable answer: " + said);  // a 2xx without a message id
    if (response.status >= 400 && response.status < 500) return sdk::Outcome::permanent(reason);
    if (error.present) return sdk::Outcome::permanent(reason);
    return sdk::Outcome::retry(reason, after);  // 1xx, 3xx or beyond 599 without an error: not a final answer
}

}  // namespace leadhub::meta
