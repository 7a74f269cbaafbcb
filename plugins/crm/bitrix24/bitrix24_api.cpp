// Building Bitrix24 requests from a delivery's lead (the declarations are in bitrix24_api.hpp).
#include "bitrix24_api.hpp"

#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/text_template.hpp>

namespace leadhub::bitrix24 {

using sdk::Json;

namespace {


void build_query(std::string& out, const std::string& prefix, const Json& value) {
    if (value.is_object() || value.is_array()) {
        std::size_t index = 0;
        for (auto it = value.begin(); it != value.end(); ++it, ++index) {
            const std::string key = value.is_object() ? it.key() : std::to_string(index);
            build_query(out, prefix.empty() ? key : prefix + "[" + key + "]", *it);
        }
        return;
    }
    if (value.is_null()) return;  // as PHP: a null is left out
    std::string text = value.is_string() ? value.get<std::string>() : value.is_boolean() ? (value.get<bool>() ? "1" : "0") : value.dump();
    if (!out.empty()) out += '&';
    out += sdk::url_encode(prefix) + "=" + sdk::url_encode(text);
}

std::string text_of(const Json& lead, const char* key) { return sdk::string_member_or(lead, key); }

// "2026-01-01T10:05:00Z" -> "2026-01-01 10:05"; anything else as it is.
std::string short_time(const std::string& at) {
    if (at.size() >= 16 && at[10] == 'T') return at.substr(0, 10) + " " + at.substr(11, 5);
    return at;
}

std::string conversation_text(const Json& lead) {
    std::string out;
    if (auto it = lead.find("conversation"); it != lead.end() && it->is_array()) {
        for (const auto& m : *it) {
            if (!m.is_object()) continue;
            const std::string kind = sdk::string_member_or(m, "kind"), author = sdk::string_member_or(m, "author");
            std::string who = kind == "customer" ? "Клиент" : kind == "reply" ? "Ответ" : "Сотрудник";
            if (kind != "customer" && !author.empty()) who += " (" + author + ")";
            const std::string at = short_time(sdk::string_member_or(m, "at"));
            out += (at.empty() ? "" : "[" + at + "] ") + who + ": " + sdk::string_member_or(m, "text") + "\n";
        }
    }
    if (out.empty() && !text_of(lead, "text").empty()) out = "Клиент: " + text_of(lead, "text") + "\n";
    return out;
}

Json multi_field(const std::string& value, const char* type) {
    return Json::array({{{"VALUE", value}, {"VALUE_TYPE", type}}});
}

}  // namespace

std::string php_query(const Json& params) {
    std::string out;
    if (params.is_object()) build_query(out, "", params);
    return out;
}

Json template_data(const Json& lead) {
    Json data = lead.is_object() ? lead : Json::object();
    auto urgent = data.find("urgent");
    data["urgent_text"] = urgent != data.end() && urgent->is_boolean() && urgent->get<bool>() ? "срочно" : "";
    data["conversation_text"] = conversation_text(data);
    return data;
}

Json lead_add_params(const Bitrix24Options& options, const Json& lead) {
    const Json data = template_data(lead);
    Json fields = Json::object();
    fields["TITLE"] = sdk::render_template(options.title_template, data);
    if (auto name = text_of(lead, "name"); !name.empty()) fields["NAME"] = name;
    if (auto phone = text_of(lead, "phone"); !phone.empty()) fields["PHONE"] = multi_field(phone, "MOBILE");
    if (auto email = text_of(lead, "email"); !email.empty()) fields["EMAIL"] = multi_field(email, "WORK");
    const std::string channel = text_of(lead, "channel");
    fields["SOURCE_ID"] = source_id_for(options, channel);
    std::string description = text_of(lead, "channel_title");
    if (description.empty()) description = channel;
    if (auto source = text_of(lead, "source"); !source.empty() && source != channel) description += " (" + source + ")";
    fields["SOURCE_DESCRIPTION"] = "leadhub: " + description;
    if (auto utm = lead.find("utm"); utm != lead.end() && utm->is_object())
        for (const char* key : {"utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term"})
            if (auto v = sdk::string_member_or(*utm, key); !v.empty()) {
                std::string field(key);
                for (auto& c : field) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
                fields[field] = v;
            }
    if (auto assignee = lead.find("assignee"); assignee != lead.end() && !assignee->is_null()) {
        const std::string staff = assignee->is_string() ? assignee->get<std::string>() : assignee->dump();
        if (auto it = options.staff_map.find(staff); it != options.staff_map.end()) fields["ASSIGNED_BY_ID"] = it->second;
    }
    fields["COMMENTS"] = sdk::render_template(options.comments_template, data);
    fields["OPENED"] = "Y";
    fields["ORIGINATOR_ID"] = kOriginatorId;
    fields["ORIGIN_ID"] = text_of(lead, "key");
    Json params = {{"fields", fields}};
    if (options.register_sonet_event) params["params"] = {{"REGISTER_SONET_EVENT", "Y"}};
    return params;
}

Json findbycomm_batch(const Json& lead) {
    Json cmd = Json::object();
    if (auto phone = text_of(lead, "phone"); !phone.empty())
        cmd["phone"] = "crm.duplicate.findbycomm?" + php_query({{"type", "PHONE"}, {"values", Json::array({phone})}});
    if (auto email = text_of(lead, "email"); !email.empty())
        cmd["email"] = "crm.duplicate.findbycomm?" + php_query({{"type", "EMAIL"}, {"values", Json::array({email})}});
    if (cmd.empty()) return nullptr;
    return {{"halt", 0}, {"cmd", cmd}};
}

std::string external_id_of(const Record& record) {
    return record.entity == "lead" ? std::to_string(record.id) : record.entity + ":" + std::to_string(record.id);
}

std::optional<Record> record_from_external_id(std::string_view external_id) {
    std::string entity = "lead";
    if (auto colon = external_id.find(':'); colon != std::string_view::npos) {
        entity = std::string(external_id.substr(0, colon));
        external_id.remove_prefix(colon + 1);
        if (entity != "lead" && entity != "contact") return std::nullopt;
    }
    auto id = id_value(Json(std::string(external_id)));
    if (!id) return std::nullopt;
    return Record{entity, *id};
}

Json comment_params(const Record& record, const std::string& text) {
    return {{"fields", {{"ENTITY_ID", record.id}, {"ENTITY_TYPE", record.entity}, {"COMMENT", text}}}};
}

Json lead_list_params(const std::string& key) {
    return {{"filter", {{"=ORIGINATOR_ID", kOriginatorId}, {"=ORIGIN_ID", key}}}, {"select", Json::array({"ID"})}, {"order", {{"ID", "ASC"}}}};
}

std::string refresh_url(const Bitrix24Options& options, const std::string& refresh_token) {
    return options.oauth_url + "?" +
           php_query({{"grant_type", "refresh_token"}, {"client_id", options.client_id},
                      {"client_secret", options.client_secret}, {"refresh_token", refresh_token}});
}

std::string authorization_code_url(const Bitrix24Options& options, const std::string& code) {
    return options.oauth_url + "?" +
           php_query({{"grant_type", "authorization_code"}, {"client_id", options.client_id},
                      {"client_secret", options.client_secret}, {"code", code}});
}

}  // namespace leadhub::bitrix24
