#include "smsc_api.hpp"

#include "gateway_http.hpp"

#include <leadhub/sdk/json.hpp>
#include <leadhub/sdk/safe_text.hpp>

#include <charconv>
#include <optional>

namespace leadhub::smsc {

using sdk::Json;
using sdk::Outcome;
using sms::NumberResult;

sdk::HttpRequest build_send(const SmscOptions& options, const std::string& base, const std::string& phone, const std::string& text) {
    std::vector<std::pair<std::string, std::string>> fields;
    if (!options.apikey.empty()) fields.emplace_back("apikey", options.apikey);
    else {
        fields.emplace_back("login", options.login);
        fields.emplace_back("psw", options.psw);
    }
    fields.insert(fields.end(), {{"phones", phone}, {"mes", text}, {"fmt", "3"}, {"charset", "utf-8"}});
    if (!options.sender.empty()) fields.emplace_back("sender", options.sender);
    if (options.translit) fields.emplace_back("translit", "1");
    std::string url = base;
    while (!url.empty() && url.back() == '/') url.pop_back();
    return sms::form_post(url + "/sys/send.php", fields, options.timeout_ms);
}

namespace {

std::optional<int64_t> digits(std::string_view s) {
    int64_t value = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
    return value;
}

// A number, or digits in a string (SMSC's JSON has both in the wild).
std::optional<int64_t> integer_of(const Json& v) {
    if (v.is_number()) return sdk::integer_value<int64_t>(v);
    if (v.is_string()) return digits(v.get<std::string>());
    return std::nullopt;
}

NumberResult classify(const std::string& phone, int64_t code, const std::string& said) {
    const std::string tail = " (код " + std::to_string(code) + (said.empty() ? "" : ", «" + sms::excerpt(said) + "»") + ")";
    auto permanent = [&](const std::string& why) { return NumberResult{phone, Outcome::Kind::permanent, why + tail, {}, code >= 2 && code <= 4}; };
    switch (code) {
        case 1: return permanent("SMSC не принял параметры запроса");
        case 2: return permanent("SMSC не принял логин и пароль (опции login и psw или apikey) или IP сервера нет в списке разрешённых");
        case 3: return permanent("на счёте SMSC не хватает денег: пополните баланс");
        case 4: return permanent("SMSC временно заблокировал IP сервера после частых ошибок: проверьте настройки и разблокируйте в личном кабинете");
        case 5: return permanent("SMSC не принял дату отправки");
        case 6: return permanent("SMSC запретил сообщение (текст или имя отправителя): проверьте опции template и sender");
        case 7: return permanent("SMSC считает номер неверным");
        case 8: return permanent("SMSC не может доставить SMS на этот номер");
        // The same request within a minute was taken: this number has this text already.
        case 9: return {phone, Outcome::Kind::ok, "", {}};
        default: return permanent("SMSC отказал");
    }
}

NumberResult unreadable(const std::string& phone, const std::string& body) {
    return {phone, Outcome::Kind::retry,
            "ответ SMSC не в его формате: " + (body.empty() ? std::string("пустой") : "«" + sms::excerpt(body) + "»"), {}};
}

// "OK - 1 SMS, ID - 1847" or "ERROR = 2 (authorise error)".
NumberResult read_text(const std::string& phone, const std::string& body) {
    if (body.starts_with("OK")) {
        std::string id;
        if (auto at = body.find("ID - "); at != std::string::npos)
            for (std::size_t i = at + 5; i < body.size() && body[i] >= '0' && body[i] <= '9'; ++i) id += body[i];
        return {phone, Outcome::Kind::ok, id, {}};
    }
    if (body.starts_with("ERROR = ")) {
        std::size_t end = 8;
        while (end < body.size() && body[end] >= '0' && body[end] <= '9') ++end;
        auto code = digits(std::string_view(body).substr(8, end - 8));
        if (!code) return unreadable(phone, body);
        std::string said;
        if (auto open = body.find('(', end); open != std::string::npos)
            said = body.substr(open + 1, body.find(')', open) == std::string::npos ? std::string::npos : body.find(')', open) - open - 1);
        return classify(phone, *code, said);
    }
    return unreadable(phone, body);
}

}  // namespace

NumberResult read_send_answer(const sdk::HttpResponse& response, const std::string& phone) {
    if (auto status = sms::classify_http_status(response, "SMSC", "base_url"))
        return {phone, status->kind, status->reason, status->retry_after_ms};
    std::string body = response.body;
    const auto first = body.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return unreadable(phone, "");
    body = body.substr(first, body.find_last_not_of(" \t\r\n") - first + 1);
    if (body[0] != '{') return read_text(phone, body);
    Json answer = sdk::parse_json(body);
    if (!answer.is_object()) return unreadable(phone, body);
    if (auto it = answer.find("error_code"); it != answer.end()) {
        auto code = integer_of(*it);
        if (!code) return unreadable(phone, body);
        return classify(phone, *code, sdk::string_member_or(answer, "error"));
    }
    if (answer.contains("error")) return classify(phone, 0, sdk::string_member_or(answer, "error"));
    auto id = answer.find("id");
    if (id == answer.end()) return unreadable(phone, body);
    auto value = integer_of(*id);
    if (!value) return unreadable(phone, body);
    return {phone, Outcome::Kind::ok, std::to_string(*value), {}};
}

}  // namespace leadhub::smsc
