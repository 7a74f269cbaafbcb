#include "webform_format.hpp"

#include "webform_phone.hpp"
#include "webform_text.hpp"

#include <leadhub/sdk/ascii_text.hpp>
#include <leadhub/sdk/form.hpp>


namespace leadhub::webform {

namespace {


// The built-in aliases of the hub's conventions; field_map adds the site's own names. Site
// builders and hand-written forms spell the same field as Name, name or NAME, so Latin names
// match whatever their case; the Russian ones are listed capitalised and in lower case (a site
// that writes them otherwise maps them with field_map).
std::string builtin_target(const std::string& field) {
    const std::string key = ascii_lower(field);
    if (key == "name" || key == "имя" || key == "Имя") return "name";
    if (key == "phone" || key == "tel" || key == "telephone" || key == "телефон" || key == "Телефон") return "phone";
    if (key == "email" || key == "e-mail") return "email";
    if (key == "comments" || key == "comment" || key == "message" || key == "text" || key == "комментарий" ||
        key == "Комментарий" || key == "сообщение" || key == "Сообщение")
        return "text";
    return {};
}

// Keeps a field the mapping did not use; a name sent twice (a checkbox group) becomes a list.
void keep_field(sdk::Json& fields, const std::string& name, const std::string& value) {
    auto it = fields.find(name);
    if (it == fields.end()) fields[name] = value;
    else if (it->is_array()) it->push_back(value);
    else *it = sdk::Json::array({*it, value});
}

// The lead fields as typed, before normalisation.
struct RawLead {
    std::optional<std::string> name, phone, email, text;
};

void assign(RawLead& lead, const std::string& target, const std::string& field, const std::string& value, sdk::Json& fields) {
    if (target == "text") {
        // Appended in place: rebuilding the joined text for each of thousands of repeated
        // fields would copy it once per field.
        if (lead.text) lead.text->append("\n").append(value);
        else lead.text = value;
        return;
    }
    std::optional<std::string>& slot = target == "name" ? lead.name : target == "phone" ? lead.phone : lead.email;
    if (slot) keep_field(fields, field, value);  // a second name/phone/email: kept, not overwritten
    else slot = value;
}

}  // namespace

Provider detect_provider(const FormData& data) {
    if (data.kind == BodyKind::json) return Provider::json;
    if (is_tilda_test(data)) return Provider::tilda;
    for (const auto& f : data.fields)
        if (f.name == "tranid" || f.name == "formid" || f.name == "COOKIES") return Provider::tilda;
    return Provider::html;
}

bool is_tilda_test(const FormData& data) {
    return data.files.empty() && data.fields.size() == 1 && data.fields[0].name == "test" && data.fields[0].value == "test";
}

sdk::Utm utm_from_tilda_cookies(std::string_view cookies) {
    sdk::Utm utm;
    std::string value;
    bool found = false;
    std::size_t start = 0;
    while (start <= cookies.size() && !found) {
        std::size_t end = cookies.find(';', start);
        if (end == std::string_view::npos) end = cookies.size();
        std::string cookie(sdk::trim(cookies.substr(start, end - start)));
        if (cookie.starts_with("TILDAUTM=")) value = cookie.substr(9), found = true;
        start = end + 1;
    }
    // The cookie is encodeURIComponent()'d, and the COOKIES field may add a layer of its own:
    // decode until the pair separators show (at most three layers are known to occur).
    for (int layer = 0; layer < 3 && value.find('=') == std::string::npos && value.find('%') != std::string::npos; ++layer)
        value = sdk::url_decode(value, false);
    std::size_t pos = 0;
    while (pos < value.size()) {
        std::size_t end = value.find("|||", pos);
        if (end == std::string::npos) end = value.size();
        std::string pair = value.substr(pos, end - pos);
        std::size_t eq = pair.find('=');
        if (eq != std::string::npos) {
            // Values are as they were in the landing URL: still percent-encoded, '+' for space.
            std::string key = sdk::url_decode(pair.substr(0, eq));
            std::string val = sdk::url_decode(pair.substr(eq + 1));
            drop_control_characters(key);  // decoded here, after parse_body dropped the form's own
            drop_control_characters(val);
            key = std::string(sdk::trim(key));
            val = std::string(sdk::trim(val));
            if (!key.empty() && !val.empty() && !utm.count(key)) utm[key] = val;
        }
        pos = end + 3;
    }
    return utm;
}

std::optional<std::string> normalise_email(std::string_view raw) {
    std::string email = ascii_lower(sdk::trim(raw));
    std::size_t at = email.find('@');
    if (at == std::string::npos || at == 0 || at + 1 == email.size() || email.find('@', at + 1) != std::string::npos)
        return std::nullopt;
    for (char c : email)
        if (c == ' ' || c == '\t' || c == ',' || c == ';') return std::nullopt;
    return email;
}

MappedSubmission map_submission(const FormData& data, Provider provider, const WebformOptions& options) {
    MappedSubmission out;
    sdk::Message& m = out.message;
    m.channel = "webform";
    sdk::Json fields = sdk::Json::object();
    sdk::Json extra = {{"provider", to_string(provider)}};
    // Staff and integrators see that the site does not send UTF-8 (webform_charset.hpp).
    if (!data.converted_from.empty()) extra["charset"] = data.converted_from;
    RawLead raw;
    sdk::Utm form_utm;
    std::string cookies;

    for (const auto& field : data.fields) {
        auto mapped = options.field_map.find(field.name);
        std::string target = mapped != options.field_map.end() ? mapped->second : builtin_target(field.name);
        std::string value(sdk::trim(field.value));
        if (!target.empty()) {
            if (!value.empty()) assign(raw, target, field.name, value, fields);
        } else if (field.name == "tranid") {
            if (!value.empty()) m.external_message_id = value;
        } else if (field.name == "formid") {
            if (!value.empty()) extra["form_id"] = value;
        } else if (field.name == "COOKIES") {
            cookies = field.value;  // read only for TILDAUTM: the rest is tracking, not customer input
        } else if (field.name.starts_with("utm_")) {
            // The first value is the lead's UTM; a repeat is kept beside it, as for name or phone.
            if (!value.empty() && !form_utm.emplace(field.name, value).second) keep_field(fields, field.name, value);
        } else if (!value.empty()) {
            keep_field(fields, field.name, value);
        }
    }

    m.utm = !form_utm.empty() ? form_utm : utm_from_tilda_cookies(cookies);
    m.name = raw.name;
    m.text = raw.text;
    if (raw.phone) {
        m.phone = normalise_phone(*raw.phone, options.phone_country);
        if (!m.phone) {
            extra["raw_phone"] = *raw.phone;  // the core's libphonenumber gets a second look
            extra["phone_country"] = options.phone_country;
        }
    }
    if (raw.email) {
        m.email = normalise_email(*raw.email);
        if (!m.email) extra["raw_email"] = *raw.email;
    }
    if (!fields.empty()) extra["fields"] = fields;
    if (!data.files.empty()) {
        sdk::Json files = sdk::Json::array();
        for (const auto& f : data.files)
            files.push_back({{"field", f.field}, {"filename", f.filename}, {"content_type", f.content_type}, {"size", f.size}});
        extra["files"] = files;
    }
    m.extra = extra;
    out.empty = !raw.name && !raw.phone && !raw.email && !raw.text;
    return out;
}

}  // namespace leadhub::webform
