#include "vk_api.hpp"

#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/safe_text.hpp>

#include <cctype>

namespace leadhub::vk {

using sdk::Json;

namespace {

std::string encode_component(std::string_view s) { return sdk::url_encode(s); }

// At most `limit` characters of UTF-8 text, cut before a character, never through one.
std::string utf8_prefix(const std::string& s, std::size_t limit) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && chars++ == limit) return s.substr(0, i);
    }
    return s;
}

std::optional<int64_t> retry_after_ms(const std::string& value) {
    if (value.empty() || value.size() > 6 || value.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    return std::stoll(value) * 1000;
}

}  // namespace

std::string form_encode(const Params& params) {
    std::string out;
    for (const auto& [key, value] : params) {
        if (!out.empty()) out += '&';
        out += encode_component(key) + "=" + encode_component(value);
    }
    return out;
}

sdk::HttpRequest method_request(const VkOptions& options, const std::string& method, Params params) {
    params.emplace_back("access_token", options.access_token);
    params.emplace_back("v", options.api_version);
    sdk::HttpRequest request;
    request.method = "POST";
    request.target = options.api_url + "/" + method;
    request.headers["Content-Type"] = "application/x-www-form-urlencoded";
    request.headers["Accept"] = "application/json";
    request.body = form_encode(params);
    request.timeout_ms = 15000;
    return request;
}

int32_t random_id_for(std::string_view idempotency_key) {
    uint64_t hash = 14695981039346656037ull;
    for (unsigned char c : idempotency_key) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    // Fold the 64 bits into 31: VK's random_id is a signed 32-bit int in most clients.
    auto folded = static_cast<int32_t>((hash ^ (hash >> 31) ^ (hash >> 62)) & 0x7fffffffu);
    return folded == 0 ? 1 : folded;
}

Json keyboard_for(const std::vector<sdk::ReplyButton>& buttons) {
    Json rows = Json::array();
    for (const auto& b : buttons) {
        if (rows.size() == 6) break;  // VK refuses an inline keyboard of more rows
        Json action = {{"type", "text"}, {"label", utf8_prefix(b.title, 40)},
                       {"payload", sdk::dump(Json{{"button", utf8_prefix(b.id, 200)}})}};
        rows.push_back(Json::array({Json{{"action", action}}}));
    }
    return {{"inline", true}, {"buttons", rows}};
}

std::optional<sdk::HttpRequest> send_request(const VkOptions& options, const sdk::Delivery& delivery, std::string* error) {
    const sdk::Reply& reply = *delivery.reply;
    auto peer = reply.address.find("peer_id");
    std::optional<int64_t> peer_id;
    if (peer != reply.address.end()) peer_id = sdk::integer_value<int64_t>(*peer);
    if (!peer_id || *peer_id == 0) {
        if (error) *error = "the reply's address has no VK peer_id";
        return std::nullopt;
    }
    Params params{{"peer_id", std::to_string(*peer_id)},
                  {"random_id", std::to_string(random_id_for(delivery.idempotency_key))},
                  {"message", reply.text}};
    if (!reply.buttons.empty()) params.emplace_back("keyboard", sdk::dump(keyboard_for(reply.buttons)));
    return method_request(options, "messages.send", std::move(params));
}

ApiAnswer read_answer(const sdk::HttpResponse& response) {
    ApiAnswer a;
    a.http_status = response.status;
    if (response.status == 0) {
        a.kind = ApiAnswer::Kind::no_answer;
        a.error_msg = response.error.empty() ? "no answer from VK" : sdk::escape_control(response.error);
        return a;
    }
    if (response.status < 200 || response.status >= 300) {
        a.kind = ApiAnswer::Kind::http_error;
        a.error_msg = "HTTP " + std::to_string(response.status);
        return a;
    }
    Json body = sdk::parse_json(response.body);
    if (!body.is_object()) {
        a.kind = ApiAnswer::Kind::not_json;
        a.error_msg = "VK answered something that is not a JSON object";
        return a;
    }
    if (auto error = body.find("error"); error != body.end() && error->is_object()) {
        a.kind = ApiAnswer::Kind::api_error;
        a.error_code = sdk::integer_value<int>(error->value("error_code", Json())).value_or(0);
        a.error_msg = sdk::escape_control(sdk::string_member_or(*error, "error_msg", "no error_msg"));
        return a;
    }
    auto found = body.find("response");
    if (found == body.end()) {
        a.kind = ApiAnswer::Kind::not_json;
        a.error_msg = "VK's answer has neither response nor error";
        return a;
    }
    a.response = *found;
    return a;
}

std::string describe_failure(const ApiAnswer& a) {
    if (a.kind == ApiAnswer::Kind::api_error)
        return "VK error " + std::to_string(a.error_code) + ": " + a.error_msg;
    return a.error_msg;
}

sdk::Outcome classify_send(const sdk::HttpResponse& response, int64_t /*now_ms*/) {
    ApiAnswer a = read_answer(response);
    switch (a.kind) {
        case ApiAnswer::Kind::ok: {
            // {"response": 3081}, or with peer_ids an array of {peer_id, message_id, error?}.
            if (auto id = sdk::integer_value<int64_t>(a.response)) return sdk::Outcome::ok(std::to_string(*id));
            if (a.response.is_array() && !a.response.empty() && a.response[0].is_object()) {
                const Json& first = a.response[0];
                if (auto err = first.find("error"); err != first.end() && err->is_object())
                    return sdk::Outcome::permanent("VK error " + err->value("code", Json(0)).dump() + ": " +
                                                   sdk::escape_control(sdk::string_member_or(*err, "description")));
                if (auto id = sdk::integer_value<int64_t>(first.value("message_id", Json())))
                    return sdk::Outcome::ok(std::to_string(*id));
            }
            return sdk::Outcome::ok();
        }
        case ApiAnswer::Kind::no_answer: return sdk::Outcome::retry(a.error_msg);
        case ApiAnswer::Kind::not_json: return sdk::Outcome::retry(a.error_msg);
        case ApiAnswer::Kind::http_error:
            if (a.http_status == 429 || a.http_status == 408 || a.http_status >= 500)
                return sdk::Outcome::retry(a.error_msg, retry_after_ms(response.header("Retry-After")));
            return sdk::Outcome::permanent(a.error_msg + " from the VK API (check option api_url)");
        case ApiAnswer::Kind::api_error: break;
    }
    const std::string reason = describe_failure(a);
    switch (a.error_code) {
        case 5: return sdk::Outcome::permanent("access_token is invalid (option access_token): " + reason);
        case 6: return sdk::Outcome::retry(reason, 1000);
        case 9: return sdk::Outcome::retry(reason, 60000);
        case 1:
        case 10: return sdk::Outcome::retry(reason);
        case 29: return sdk::Outcome::retry(reason, 3600000);
        case 901: return sdk::Outcome::permanent(reason + " (the customer has not allowed the community's messages)");
        case 902: return sdk::Outcome::permanent(reason + " (the customer's privacy settings forbid it)");
        case 15:
        case 27:
        case 7: return sdk::Outcome::permanent(reason + " (give the token the \"messages\" right: option access_token)");
        default: return sdk::Outcome::permanent(reason);
    }
}

}  // namespace leadhub::vk
