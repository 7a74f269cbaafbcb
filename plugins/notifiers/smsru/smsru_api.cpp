#include "smsru_api.hpp"

#include "gateway_http.hpp"

#include <leadhub/sdk/json.hpp>
#include <leadhub/sdk/safe_text.hpp>

#include <charconv>
#include <optional>

namespace leadhub::smsru {

using sdk::Json;
using sdk::Outcome;
using sms::NumberResult;

sdk::HttpRequest build_send(const SmsRuOptions& options, const std::vector<std::string>& phones, const std::string& text) {
    std::string to;
    for (const auto& phone : phones) to += (to.empty() ? "" : ",") + phone;
    std::vector<std::pair<std::string, std::string>> fields = {{"api_id", options.api_id}, {"to", to}, {"msg", text}, {"json", "1"}};
    if (!options.from.empty()) fields.emplace_back("from", options.from);
    if (options.translit) fields.emplace_back("translit", "1");
    if (options.test) fields.emplace_back("test", "1");
    std::string base = options.base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return sms::form_post(base + "/sms/send", fields, options.timeout_ms);
}

namespace {

// A status code given as a number or as digits in a string.
std::optional<int64_t> code_of(const Json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end()) return std::nullopt;
    if (it->is_number()) return sdk::integer_value<int64_t>(*it);
    if (!it->is_string()) return std::nullopt;
    const std::string s = it->get<std::string>();
    int64_t value = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return value;
}

std::string id_of(const Json& entry) {
    auto it = entry.find("sms_id");
    if (it == entry.end()) return {};
    if (it->is_string()) return sdk::escape_control(it->get<std::string>());
    if (it->is_number_integer() || it->is_number_unsigned()) return it->dump();
    return {};
}

NumberResult classify(const std::string& phone, int64_t code, const std::string& said, int attempt) {
    const std::string their = said.empty() ? "" : " («" + sms::excerpt(said) + "»)";
    const std::string tail = " (код " + std::to_string(code) + ")" + their;
    auto permanent = [&](const std::string& why) { return NumberResult{phone, Outcome::Kind::permanent, why + tail, {}}; };
    switch (code) {
        case 100: return {phone, Outcome::Kind::ok, "", {}};
        case 200: case 300: case 301:
            return permanent("SMS.ru не принял ключ: проверьте опцию api_id");
        case 302: return permanent("аккаунт SMS.ru не подтверждён");
        case 201: return permanent("на счёте SMS.ru не хватает денег: пополните баланс");
        case 202: return permanent("SMS.ru считает номер неверным");
        case 207: return permanent("на этот номер SMS.ru отправлять не может");
        case 209: return permanent("номер в стоп-листе аккаунта SMS.ru");
        case 204: return permanent("имя отправителя не согласовано в SMS.ru: исправьте опцию from или оставьте её пустой");
        case 205: return permanent("текст длиннее 8 SMS: сократите опцию template");
        case 203: case 212: return permanent("SMS.ru не принял текст: проверьте опцию template");
        case 206: return permanent("исчерпан дневной лимит отправки аккаунта SMS.ru");
        case 230: return permanent("исчерпан дневной лимит сообщений на этот номер");
        case 231:
        case 232:
            // An identical text to this number just went: on a retry it is our own earlier
            // attempt, whose answer was lost, so the staff member has it.
            if (attempt > 1) return {phone, Outcome::Kind::ok, "", {}};
            if (code == 231) return {phone, Outcome::Kind::retry, "такое же SMS на этот номер уже было в эту минуту" + tail, 60000};
            return permanent("такое же SMS на этот номер уже было сегодня");
        case 220: return {phone, Outcome::Kind::retry, "SMS.ru временно недоступен" + tail, {}};
        default: return permanent("SMS.ru отказал");
    }
}

std::vector<NumberResult> for_all(const std::vector<std::string>& phones, int64_t code, const std::string& said, int attempt) {
    std::vector<NumberResult> out;
    for (const auto& phone : phones) out.push_back(classify(phone, code, said, attempt));
    return out;
}

std::vector<NumberResult> unreadable(const std::vector<std::string>& phones, const std::string& body) {
    return sms::same_for_all(phones, Outcome::Kind::retry,
                             "ответ SMS.ru не в его формате: " + (body.empty() ? std::string("пустой") : "«" + sms::excerpt(body) + "»"));
}

// The answer without json=1: "100\n<id>\n<id>\nbalance=…", or the error code alone.
std::vector<NumberResult> read_text_answer(const std::string& body, const std::vector<std::string>& phones, int attempt) {
    std::vector<std::string> lines;
    for (std::size_t at = 0; at <= body.size();) {
        std::size_t end = body.find('\n', at);
        std::string line = body.substr(at, end == std::string::npos ? std::string::npos : end - at);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) lines.push_back(line);
        if (end == std::string::npos) break;
        at = end + 1;
    }
    int64_t code = 0;
    if (lines.empty()) return unreadable(phones, body);
    auto [end, ec] = std::from_chars(lines[0].data(), lines[0].data() + lines[0].size(), code);
    if (ec != std::errc() || end != lines[0].data() + lines[0].size()) return unreadable(phones, body);
    if (code != 100) return for_all(phones, code, lines.size() > 1 ? lines[1] : "", attempt);
    std::vector<NumberResult> out;
    std::size_t next = 1;
    for (const auto& phone : phones) {
        while (next < lines.size() && lines[next].starts_with("balance=")) ++next;
        out.push_back({phone, Outcome::Kind::ok, next < lines.size() ? sdk::escape_control(lines[next++]) : "", {}});
    }
    return out;
}

}  // namespace

std::vector<NumberResult> read_send_answer(const sdk::HttpResponse& response, const std::vector<std::string>& phones, int attempt) {
    if (auto status = sms::classify_http_status(response, "SMS.ru", "base_url"))
        return sms::same_for_all(phones, status->kind, status->reason, status->retry_after_ms);
    const std::string& body = response.body;
    const auto first = body.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && body[first] >= '0' && body[first] <= '9') return read_text_answer(body.substr(first), phones, attempt);
    Json answer = sdk::parse_json(body);
    if (!answer.is_object()) return unreadable(phones, body);
    auto top = code_of(answer, "status_code");
    const std::string status = sdk::string_member_or(answer, "status");
    if (!top && status.empty()) return unreadable(phones, body);
    if ((top && *top != 100) || (!top && status != "OK"))
        return for_all(phones, top.value_or(0), sdk::string_member_or(answer, "status_text"), attempt);
    const Json empty = Json::object();
    auto sms = answer.find("sms");
    const Json& numbers = sms != answer.end() && sms->is_object() ? *sms : empty;
    std::vector<NumberResult> out;
    for (const auto& phone : phones) {
        auto it = numbers.find(phone);
        if (it == numbers.end() || !it->is_object()) {
            // The request was taken but this number's fate is not told: sending again could
            // text twice, not sending could miss; a retry is what the contract asks for.
            out.push_back({phone, Outcome::Kind::retry, "SMS.ru не сообщил статус этого номера", {}});
            continue;
        }
        auto code = code_of(*it, "status_code");
        const std::string number_status = sdk::string_member_or(*it, "status");
        if ((code && *code == 100) || (!code && number_status == "OK")) {
            out.push_back({phone, Outcome::Kind::ok, id_of(*it), {}});
            continue;
        }
        if (!code) {
            out.push_back({phone, Outcome::Kind::retry, "SMS.ru не сообщил код этого номера", {}});
            continue;
        }
        out.push_back(classify(phone, *code, sdk::string_member_or(*it, "status_text"), attempt));
    }
    return out;
}

}  // namespace leadhub::smsru
