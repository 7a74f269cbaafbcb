#include "telegram_api.hpp"

#include <leadhub/sdk/safe_text.hpp>

#include <stdexcept>

namespace leadhub::telegram {

using sdk::Json;

sdk::HttpRequest api_request(const TelegramOptions& options, const std::string& method, const Json& body,
                             uint32_t timeout_ms) {
    sdk::HttpRequest request;
    request.method = "POST";
    request.target = options.api_url + "/bot" + options.bot_token + "/" + method;
    request.timeout_ms = timeout_ms;
    request.headers["Content-Type"] = "application/json";
    request.headers["Accept"] = "application/json";
    request.body = sdk::dump(body);
    return request;
}

ApiAnswer read_answer(const sdk::HttpResponse& response) {
    ApiAnswer answer;
    answer.status = response.status;
    if (response.status == 0) {
        answer.description = sdk::escape_control(response.error.empty() ? "no response from Telegram" : response.error);
        return answer;
    }
    Json json = sdk::parse_json(response.body);
    if (!json.is_object()) {
        answer.description = "an answer that is not the Bot API's JSON";
        return answer;
    }
    answer.ok = json.value("ok", Json(false)) == true;
    if (auto it = json.find("result"); it != json.end()) answer.result = *it;
    answer.description = sdk::escape_control(sdk::string_member_or(json, "description"));
    if (auto it = json.find("parameters"); it != json.end() && it->is_object()) {
        if (auto r = it->find("retry_after"); r != it->end()) answer.retry_after_s = sdk::integer_value<int64_t>(*r);
        if (auto m = it->find("migrate_to_chat_id"); m != it->end()) answer.migrate_to_chat_id = sdk::integer_value<int64_t>(*m);
    }
    return answer;
}

std::string describe(const ApiAnswer& answer) {
    if (answer.status == 0) return answer.description;
    return "HTTP " + std::to_string(answer.status) + (answer.description.empty() ? "" : ": " + answer.description);
}

std::optional<int64_t> retry_after_ms(const ApiAnswer& answer, const sdk::HttpResponse& response) {
    if (answer.retry_after_s && *answer.retry_after_s >= 0 && *answer.retry_after_s < 86400) return *answer.retry_after_s * 1000;
    const std::string header = response.header("Retry-After");
    if (!header.empty() && header.size() < 6 && header.find_first_not_of("0123456789") == std::string::npos)
        return std::stoll(header) * 1000;
    return std::nullopt;
}

sdk::Outcome classify_send(const ApiAnswer& answer, const sdk::HttpResponse& response) {
    const int status = answer.status;
    if (status >= 200 && status < 300) {
        if (!answer.ok) return sdk::Outcome::retry("Telegram answered " + describe(answer));
        auto id = answer.result.is_object() ? answer.result.find("message_id") : answer.result.end();
        if (!answer.result.is_object() || id == answer.result.end()) return sdk::Outcome::ok();
        auto value = sdk::integer_value<int64_t>(*id);
        return sdk::Outcome::ok(value ? std::to_string(*value) : std::string());
    }
    if (status == 0 || status >= 500 || status < 200) return sdk::Outcome::retry("Telegram: " + describe(answer));
    if (status == 429) return sdk::Outcome::retry("Telegram: " + describe(answer), retry_after_ms(answer, response));
    // 404 is what the Bot API answers to a token of the right shape that is no bot's.
    if (status == 401 || status == 404) return sdk::Outcome::permanent(kInvalidTokenReason + describe(answer));
    if (answer.migrate_to_chat_id)
        return sdk::Outcome::permanent("Telegram: " + describe(answer) + " (the chat is now " +
                                       std::to_string(*answer.migrate_to_chat_id) + ")");
    return sdk::Outcome::permanent("Telegram: " + describe(answer));
}

namespace {

std::size_t utf8_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if ((lead & 0xE0) == 0xC0) return 2;
    if ((lead & 0xF0) == 0xE0) return 3;
    if ((lead & 0xF8) == 0xF0) return 4;
    return 1;  // a stray byte: counted alone, as the hub's JSON writer will replace it
}

}  // namespace

std::vector<std::string> split_text(const std::string& text, std::size_t limit) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t pos = start, units = 0, last_break = std::string::npos;
        while (pos < text.size()) {
            const std::size_t len = std::min(utf8_length(static_cast<unsigned char>(text[pos])), text.size() - pos);
            const std::size_t u = len == 4 ? 2 : 1;  // outside the BMP: a surrogate pair
            if (units + u > limit) break;
            units += u;
            if (text[pos] == '\n' || text[pos] == ' ') last_break = pos;
            pos += len;
        }
        std::size_t end = pos;
        if (pos < text.size() && last_break != std::string::npos && last_break > start + (pos - start) / 2)
            end = last_break + 1;  // the break stays with the first part, trimmed below
        std::string part = text.substr(start, end - start);
        while (!part.empty() && (part.back() == '\n' || part.back() == ' ')) part.pop_back();
        if (!part.empty()) parts.push_back(std::move(part));
        start = end;
    }
    return parts;
}

Json send_message_body(const Json& address, const std::string& text, const std::vector<sdk::ReplyButton>& buttons) {
    auto chat = address.is_object() ? address.find("chat_id") : address.end();
    if (!address.is_object() || chat == address.end() || !(chat->is_number_integer() || chat->is_string()))
        throw std::invalid_argument("the reply's address has no chat_id");
    Json body = {{"chat_id", *chat}, {"text", text}};
    if (auto it = address.find("business_connection_id"); it != address.end() && it->is_string())
        body["business_connection_id"] = *it;
    if (!buttons.empty()) {
        Json rows = Json::array();
        for (const auto& b : buttons) {
            if (b.title.empty()) throw std::invalid_argument("a button has no title");
            if (b.id.empty() || b.id.size() > 64)
                throw std::invalid_argument("button '" + b.title + "': its id must be 1-64 bytes (Telegram's callback_data)");
            rows.push_back(Json::array({Json{{"text", b.title}, {"callback_data", b.id}}}));
        }
        body["reply_markup"] = {{"inline_keyboard", rows}};
    }
    return body;
}

}  // namespace leadhub::telegram
