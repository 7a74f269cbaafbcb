// Reading Bitrix24's answers (the declarations are in bitrix24_api.hpp).
#include "bitrix24_api.hpp"

#include <leadhub/sdk/safe_text.hpp>

#include <algorithm>
#include <cctype>

namespace leadhub::bitrix24 {

using sdk::Json;

std::string excerpt(std::string_view text, std::size_t limit) {
    if (text.size() > limit) {
        std::size_t cut = limit;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        return sdk::escape_control(text.substr(0, cut)) + "…";
    }
    return sdk::escape_control(text);
}

std::optional<int64_t> id_value(const Json& value) {
    if (value.is_number()) {
        auto id = sdk::integer_value<int64_t>(value);
        return id && *id > 0 ? id : std::nullopt;
    }
    if (!value.is_string()) return std::nullopt;
    const auto& s = value.get_ref<const std::string&>();
    if (s.empty() || s.size() > 18 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    int64_t id = std::stoll(s);
    return id > 0 ? std::optional<int64_t>(id) : std::nullopt;
}

namespace {

std::string upper(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

Answer failed(Answer::Kind kind, std::string code, std::string reason, std::optional<int64_t> after = {}) {
    Answer a;
    a.kind = kind;
    a.code = std::move(code);
    a.reason = std::move(reason);
    a.retry_after_ms = after;
    return a;
}

}  // namespace

Answer classify_error(const std::string& method, int status, const std::string& code, const std::string& description,
                      int64_t now_ms, std::optional<int64_t> operating_reset_at_s) {
    const std::string name = upper(code);
    const std::string said = excerpt(code.empty() ? description : code + ": " + description);
    const std::string where = "Bitrix24 (" + method + "): ";
    using K = Answer::Kind;
    if (name == "QUERY_LIMIT_EXCEEDED")
        return failed(K::retry, code, where + "слишком много запросов к порталу (" + said + "), повтор позже", 2000);
    if (name == "OPERATION_TIME_LIMIT") {
        int64_t wait = 60000;
        if (operating_reset_at_s && *operating_reset_at_s * 1000 > now_ms) wait = *operating_reset_at_s * 1000 - now_ms;
        return failed(K::retry, code, where + "исчерпан лимит времени выполнения метода (" + said + "), повтор после сброса", wait);
    }
    if (name == "EXPIRED_TOKEN") return failed(K::expired_token, code, where + "токен доступа истёк (" + said + ")");
    if (name == "NO_AUTH_FOUND" || name == "INVALID_TOKEN" || name == "WRONG_AUTH_TYPE")
        return failed(K::permanent, code, where + "портал не принял авторизацию (" + said + "): вебхук удалён, истёк или "
                                            "webhook_url неверен; для приложения — переустановите его");
    if (name == "INVALID_CREDENTIALS" || name == "USER_ACCESS_ERROR")
        return failed(K::permanent, code, where + "у пользователя вебхука или приложения нет прав (" + said + ")");
    if (name == "INSUFFICIENT_SCOPE")
        return failed(K::permanent, code, where + "у вебхука или приложения нет права (scope) crm (" + said +
                                            "): добавьте его в настройках вебхука");
    if (name == "ACCESS_DENIED")
        return failed(K::permanent, code, where + "REST API недоступен на тарифе портала или доступ запрещён (" + said + ")");
    if (name == "OVERLOAD_LIMIT")
        return failed(K::permanent, code, where + "REST API портала заблокирован из-за перегрузки (" + said +
                                            "): снять блокировку может только поддержка Bitrix24");
    if (name == "PAYMENT_REQUIRED" || name == "PORTAL_DELETED")
        return failed(K::permanent, code, where + "портал недоступен (" + said + ")");
    if (name == "INTERNAL_SERVER_ERROR" || name == "ERROR_UNEXPECTED_ANSWER" || status >= 500 || status == 429)
        return failed(K::retry, code, where + "ошибка на стороне Bitrix24 (HTTP " + std::to_string(status) + ", " + said + ")");
    // ERROR_CORE, "" + a description, and the rest: Bitrix24 refused this request as it is.
    return failed(K::permanent, code, where + "отклонено (" + said + ")");
}

Answer read_answer(const std::string& method, const sdk::HttpResponse& response, int64_t now_ms,
                   std::optional<int64_t> operating_reset_at_s) {
    if (response.status == 0)
        return failed(Answer::Kind::retry, "", "Bitrix24 (" + method + "): нет ответа (" + excerpt(response.error) + ")");
    sdk::JsonError error;
    Json body = sdk::parse_json(response.body, &error);
    if (!body.is_object()) {
        const std::string what = response.body.empty() ? "пустой ответ" : "ответ не JSON: " + excerpt(response.body, 80);
        return failed(Answer::Kind::retry, "", "Bitrix24 (" + method + "): HTTP " + std::to_string(response.status) + ", " + what);
    }
    if (auto it = body.find("error"); it != body.end() && !it->is_null()) {
        std::string code = it->is_string() ? it->get<std::string>() : it->dump();
        return classify_error(method, response.status, code, sdk::string_member_or(body, "error_description"), now_ms,
                              operating_reset_at_s);
    }
    if (response.status < 200 || response.status > 299)
        return classify_error(method, response.status, "", "HTTP " + std::to_string(response.status), now_ms, operating_reset_at_s);
    auto result = body.find("result");
    if (result == body.end())
        return failed(Answer::Kind::retry, "", "Bitrix24 (" + method + "): в ответе нет result");
    Answer ok;
    ok.result = std::move(*result);
    if (auto time = body.find("time"); time != body.end() && time->is_object())
        if (auto reset = time->find("operating_reset_at"); reset != time->end())
            ok.operating_reset_at_s = sdk::integer_value<int64_t>(*reset);
    return ok;
}

sdk::Outcome to_outcome(const Answer& answer) {
    switch (answer.kind) {
        case Answer::Kind::ok: return sdk::Outcome::ok();
        case Answer::Kind::retry: return sdk::Outcome::retry(answer.reason, answer.retry_after_ms);
        case Answer::Kind::expired_token:
        case Answer::Kind::permanent: return sdk::Outcome::permanent(answer.reason);
    }
    return sdk::Outcome::permanent(answer.reason);
}

BatchAnswer read_batch(const Json& result) {
    BatchAnswer out;
    if (!result.is_object()) return out;
    if (auto it = result.find("result"); it != result.end() && it->is_object())
        for (const auto& [key, value] : it->items()) out.results[key] = value;
    if (auto it = result.find("result_error"); it != result.end() && it->is_object())
        for (const auto& [key, value] : it->items()) {
            if (value.is_object()) out.errors[key] = {sdk::string_member_or(value, "error"), sdk::string_member_or(value, "error_description")};
            else out.errors[key] = {"", value.is_string() ? value.get<std::string>() : value.dump()};
        }
    return out;
}

std::optional<Record> pick_existing(const BatchAnswer& found, const std::vector<std::string>& match_existing) {
    for (const auto& kind : match_existing) {
        const std::string type = upper(kind);
        std::optional<int64_t> newest;
        for (const auto& [key, result] : found.results) {  // [] (nothing found) has no members
            if (!result.is_object()) continue;
            auto ids = result.find(type);
            if (ids == result.end() || !ids->is_array()) continue;
            for (const auto& id : *ids)
                if (auto v = id_value(id); v && (!newest || *v > *newest)) newest = v;
        }
        if (newest) return Record{kind, *newest};
    }
    return std::nullopt;
}

std::optional<int64_t> first_listed_id(const Json& result) {
    if (!result.is_array()) return std::nullopt;
    std::optional<int64_t> lowest;  // the first lead made for the key, should there be two
    for (const auto& item : result)
        if (item.is_object())
            if (auto it = item.find("ID"); it != item.end())
                if (auto id = id_value(*it); id && (!lowest || *id < *lowest)) lowest = id;
    return lowest;
}

TokenAnswer read_token_answer(const sdk::HttpResponse& response) {
    TokenAnswer out;
    if (response.status == 0) {
        out.kind = TokenAnswer::Kind::retry;
        out.reason = "Bitrix24 OAuth: нет ответа (" + excerpt(response.error) + ")";
        return out;
    }
    Json body = sdk::parse_json(response.body);
    if (!body.is_object()) {
        out.kind = TokenAnswer::Kind::retry;
        out.reason = "Bitrix24 OAuth: HTTP " + std::to_string(response.status) + ", ответ не JSON";
        return out;
    }
    const std::string error = sdk::string_member_or(body, "error");
    out.tokens = {sdk::string_member_or(body, "access_token"), sdk::string_member_or(body, "refresh_token")};
    if (error.empty() && response.status == 200 && !out.tokens.access_token.empty() && !out.tokens.refresh_token.empty())
        return out;
    const std::string said = excerpt(error.empty() ? "HTTP " + std::to_string(response.status) : error + " " +
                                     sdk::string_member_or(body, "error_description"));
    if (error.empty() && (response.status >= 500 || response.status == 429 || response.status == 200)) {
        out.kind = TokenAnswer::Kind::retry;
        out.reason = "Bitrix24 OAuth: сервер авторизации не выдал токены (" + said + ")";
        return out;
    }
    out.kind = TokenAnswer::Kind::permanent;
    out.reason = upper(error) == "INVALID_GRANT"
                     ? "Bitrix24 OAuth отказал в обновлении токена (" + said + "): переавторизуйте приложение (re-authorise the application: leadhub crm connect)"
                     : "Bitrix24 OAuth отказал (" + said + "): проверьте client_id и client_secret приложения";
    return out;
}

}  // namespace leadhub::bitrix24
