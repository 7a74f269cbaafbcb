#include "amocrm_api.hpp"

#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/json.hpp>
#include <leadhub/sdk/safe_text.hpp>
#include <leadhub/sdk/text_template.hpp>

#include <cctype>
#include <charconv>

namespace leadhub::amocrm {

using sdk::Json;

namespace {

std::string excerpt(const std::string& body) {
    std::string cut = body.substr(0, 160);
    for (auto& c : cut)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return sdk::escape_control(cut) + (body.size() > 160 ? "…" : "");
}

std::optional<int64_t> digits_value(const std::string& text) {
    int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

// retry_after (seconds) from the problem body, else the Retry-After header in seconds.
std::optional<int64_t> retry_after_ms(const sdk::HttpResponse& response, const Json& body) {
    if (body.is_object())
        if (auto it = body.find("retry_after"); it != body.end())
            if (auto s = id_value(*it); s && *s >= 0) return *s * 1000;
    auto header = response.headers.find("Retry-After");
    if (header != response.headers.end())
        if (auto s = digits_value(header->second); s && *s >= 0) return *s * 1000;
    return std::nullopt;
}

// "path: detail" of each validation error, so the owner sees which field amoCRM refused.
std::string validation_text(const Json& body) {
    std::string out;
    auto groups = body.find("validation-errors");
    if (groups == body.end() || !groups->is_array()) return out;
    for (const auto& group : *groups) {
        if (!group.is_object() || !group.contains("errors") || !group["errors"].is_array()) continue;
        for (const auto& e : group["errors"]) {
            if (!e.is_object()) continue;
            if (!out.empty()) out += "; ";
            out += sdk::string_member_or(e, "path", "?") + ": " + sdk::string_member_or(e, "detail", sdk::string_member_or(e, "code"));
        }
    }
    return sdk::escape_control(out);
}

std::string problem_text(const Json& body, const std::string& raw) {
    if (!body.is_object()) return excerpt(raw);
    std::string detail = sdk::string_member_or(body, "detail", sdk::string_member_or(body, "title"));
    std::string hint = sdk::string_member_or(body, "hint");
    return sdk::escape_control(hint.empty() ? detail : detail + " (" + hint + ")");
}

}  // namespace

std::optional<int64_t> id_value(const Json& value) {
    if (value.is_number()) return sdk::integer_value<int64_t>(value);
    if (value.is_string()) return digits_value(value.get<std::string>());
    return std::nullopt;
}

std::optional<Failure> classify(const sdk::HttpResponse& response, const std::string& what) {
    using K = Failure::Kind;
    const int status = response.status;
    if (status == 0) return Failure{K::retry, "amoCRM не ответил (" + what + "): " + sdk::escape_control(response.error), {}};
    if (status >= 200 && status < 300) return std::nullopt;
    Json body = sdk::parse_json(response.body);
    const std::string head = "amoCRM " + std::to_string(status) + " (" + what + "): ";
    if (status == 401) return Failure{K::unauthorized, head + problem_text(body, response.body), {}};
    if (status == 402) return Failure{K::payment, "amoCRM: оплаченный период закончился (402 Payment Required)", {}};
    if (status == 403) return Failure{K::forbidden, "amoCRM заблокировал IP после превышения лимита", {}};
    if (status == 429) return Failure{K::retry, head + "слишком много запросов", retry_after_ms(response, body)};
    if (status >= 500 || status == 408) return Failure{K::retry, head + problem_text(body, response.body), retry_after_ms(response, body)};
    if (status == 400 && body.is_object()) {
        std::string fields = validation_text(body);
        if (!fields.empty()) return Failure{K::permanent, "amoCRM отклонил поля сделки: " + fields, {}};
    }
    return Failure{K::permanent, head + problem_text(body, response.body), {}};
}

Json read_json(const sdk::HttpResponse& response, const std::string& what, std::optional<Failure>& failure) {
    if (response.status == 204 || response.body.find_first_not_of(" \t\r\n") == std::string::npos) return nullptr;
    sdk::JsonError error;
    Json body = sdk::parse_json(response.body, &error);
    if (error || !(body.is_object() || body.is_array())) {
        failure = Failure{Failure::Kind::retry, "amoCRM ответил не JSON (" + what + "): " + excerpt(response.body), {}};
        return nullptr;
    }
    return body;
}

std::string contact_query(const sdk::Lead& lead) {
    std::string digits;
    if (lead.phone)
        for (char c : *lead.phone)
            if (c >= '0' && c <= '9') digits += c;
    if (!digits.empty()) return digits;
    return lead.email.value_or("");
}

std::string search_query_string(const std::string& query, int limit) {
    return "?query=" + sdk::url_encode(query) + "&limit=" + std::to_string(limit);
}

std::string lead_key(const sdk::Lead& lead) {
    std::string key = sdk::string_member_or(lead.fields, "key");
    return key.empty() ? lead.tenant + ":" + std::to_string(lead.id) : key;
}

std::string lead_title(const AmoOptions& options, const sdk::Lead& lead) {
    return sdk::render_template(options.lead_name, lead.fields) + " [" + lead_key(lead) + "]";
}

Json complex_body(const AmoOptions& options, const sdk::Lead& lead, std::optional<int64_t> contact_id) {
    Json item = {{"name", lead_title(options, lead)}, {"request_id", lead_key(lead)}};
    if (options.pipeline_id) item["pipeline_id"] = *options.pipeline_id;
    if (options.status_id) item["status_id"] = *options.status_id;
    std::string assignee = sdk::string_member_or(lead.fields, "assignee");
    if (auto it = options.staff_map.find(assignee); !assignee.empty() && it != options.staff_map.end())
        if (auto user = id_value(Json(it->second))) item["responsible_user_id"] = *user;
    Json contact = Json::object();
    if (contact_id) {
        contact["id"] = *contact_id;
    } else {
        contact["name"] = lead.name && !lead.name->empty() ? *lead.name : "Клиент без имени";
        Json fields = Json::array();
        auto add = [&](const char* code, const std::optional<std::string>& value) {
            if (value && !value->empty())
                fields.push_back({{"field_code", code}, {"values", {{{"enum_code", "WORK"}, {"value", *value}}}}});
        };
        add("PHONE", lead.phone);
        add("EMAIL", lead.email);
        if (!fields.empty()) contact["custom_fields_values"] = fields;
    }
    Json tags = Json::array();
    auto tag = [&](const std::string& name) {
        if (name.empty()) return;
        for (const auto& t : tags)
            if (t["name"] == name) return;
        tags.push_back({{"name", name}});
    };
    tag(sdk::string_member_or(lead.fields, "channel_title"));
    if (auto it = lead.utm.find("utm_source"); it != lead.utm.end()) tag(it->second);
    item["_embedded"] = {{"contacts", Json::array({contact})}, {"tags", tags}};
    return Json::array({item});
}

Json note_body(int64_t lead_id, const std::string& text) {
    return Json::array({{{"entity_id", lead_id}, {"note_type", "common"}, {"params", {{"text", text}}}}});
}

Json note_data(const sdk::Lead& lead) {
    Json data = lead.fields.is_object() ? lead.fields : Json::object();
    if (data.value("urgent", false) == true) data["urgent_mark"] = "Срочно!";
    std::string utm;
    for (const auto& [k, v] : lead.utm) utm += (utm.empty() ? "" : ", ") + k + "=" + v;
    data["utm_text"] = utm;
    std::string text = sdk::string_member_or(data, "display_text");
    data["message_text"] = text.empty() ? lead.text.value_or("") : text;
    std::string conversation;
    if (auto it = data.find("conversation"); it != data.end() && it->is_array())
        for (const auto& m : *it) {
            if (!m.is_object()) continue;
            std::string kind = sdk::string_member_or(m, "kind");
            std::string who = kind == "customer" ? "Клиент" : kind == "reply" ? "Ответ" : "Бизнес";
            conversation += sdk::string_member_or(m, "at") + " " + who + ": " + sdk::string_member_or(m, "text") + "\n";
        }
    data["conversation_text"] = conversation;
    return data;
}

std::string lead_note_text(const AmoOptions& options, const sdk::Lead& lead, bool merged) {
    std::string text = sdk::render_template(options.note_template, note_data(lead));
    if (merged) text = "Повторная заявка: amoCRM объединил её с этой сделкой (контроль дублей).\n" + text;
    return text;
}

Json code_grant(const AmoOptions& o, const std::string& code) {
    return {{"client_id", o.client_id}, {"client_secret", o.client_secret}, {"grant_type", "authorization_code"},
            {"code", code}, {"redirect_uri", o.redirect_uri}};
}

Json refresh_grant(const AmoOptions& o, const std::string& refresh_token) {
    return {{"client_id", o.client_id}, {"client_secret", o.client_secret}, {"grant_type", "refresh_token"},
            {"refresh_token", refresh_token}, {"redirect_uri", o.redirect_uri}};
}

std::optional<int64_t> first_contact_id(const Json& answer) {
    if (!answer.is_object()) return std::nullopt;
    auto embedded = answer.find("_embedded");
    if (embedded == answer.end() || !embedded->is_object()) return std::nullopt;
    auto contacts = embedded->find("contacts");
    if (contacts == embedded->end() || !contacts->is_array()) return std::nullopt;
    for (const auto& c : *contacts)
        if (c.is_object() && c.contains("id"))
            if (auto id = id_value(c["id"]); id && *id > 0) return id;
    return std::nullopt;
}

std::optional<int64_t> find_lead_by_key(const Json& answer, const std::string& key) {
    if (!answer.is_object() || !answer.contains("_embedded") || !answer["_embedded"].is_object()) return std::nullopt;
    const Json& embedded = answer["_embedded"];
    auto leads = embedded.find("leads");
    if (leads == embedded.end() || !leads->is_array()) return std::nullopt;
    const std::string marker = "[" + key + "]";  // "salon:4" must not match "[salon:42]"
    for (const auto& l : *leads)
        if (l.is_object() && l.contains("id") && sdk::string_member_or(l, "name").find(marker) != std::string::npos)
            if (auto id = id_value(l["id"]); id && *id > 0) return id;
    return std::nullopt;
}

std::optional<Created> read_complex(const Json& answer) {
    const Json* first = &answer;
    if (answer.is_array()) {
        if (answer.empty()) return std::nullopt;
        first = &answer[0];
    }
    if (!first->is_object() || !first->contains("id")) return std::nullopt;
    auto id = id_value((*first)["id"]);
    if (!id || *id <= 0) return std::nullopt;
    auto merged = first->find("merged");
    return Created{*id, merged != first->end() && merged->is_boolean() && merged->get<bool>()};
}

std::optional<Tokens> read_tokens(const Json& answer) {
    Tokens t{sdk::string_member_or(answer, "access_token"), sdk::string_member_or(answer, "refresh_token")};
    if (t.access_token.empty() || t.refresh_token.empty()) return std::nullopt;
    return t;
}

Json to_json(const Tokens& t) { return {{"access_token", t.access_token}, {"refresh_token", t.refresh_token}}; }

}  // namespace leadhub::amocrm
