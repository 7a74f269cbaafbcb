#include "webform_body.hpp"
#include "webform_text.hpp"

#include "webform_charset.hpp"

#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/json.hpp>
#include <leadhub/sdk/safe_text.hpp>

#include <algorithm>

namespace leadhub::webform {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

ParsedBody refuse(int status, std::string reason) {
    ParsedBody out;
    out.status = status;
    out.error = std::move(reason);
    return out;
}

ParsedBody accept(FormData data) {
    ParsedBody out;
    out.data = std::move(data);
    return out;
}

bool is_json_media_type(const std::string& type) {
    return type == "application/json" || type == "text/json" ||
           (type.size() > 5 && type.compare(type.size() - 5, 5, "+json") == 0);
}

// Turns every field (and file name) into UTF-8 (webform_charset.hpp says why). Text that is
// valid UTF-8 stays as it is whatever the Content-Type says: a server that labels its UTF-8 as
// ISO-8859-1 would otherwise turn every Cyrillic letter into two, while Cyrillic in a legacy
// charset is practically never valid UTF-8. Other text is read in the declared charset, or as
// windows-1251 when none was declared. Returns the reason when text is not valid in the
// declared charset, else "".
std::string decode_text(FormData& data, const std::string& declared) {
    const std::string guess = "windows-1251";
    auto decode = [&](std::string& text, const std::string& what) -> std::string {
        if (is_utf8(text)) return {};
        if (!declared.empty()) {
            auto converted = to_utf8(text, declared);
            if (!converted) return what + " is not valid " + sdk::escape_control(declared);
            text = std::move(*converted);
            data.converted_from = declared;
        } else if (auto converted = to_utf8(text, guess)) {
            text = std::move(*converted);
            data.converted_from = guess;
        }  // bytes that are not windows-1251 either (0x98) are left for the SDK to replace
        return {};
    };
    for (auto& field : data.fields) {
        if (auto error = decode(field.name, "a field name"); !error.empty()) return error;
        if (auto error = decode(field.value, "field '" + sdk::escape_control(field.name) + "'"); !error.empty())
            return error;
    }
    for (auto& file : data.files) {
        if (auto error = decode(file.field, "a file field name"); !error.empty()) return error;
        if (auto error = decode(file.filename, "a file name"); !error.empty()) return error;
    }
    return {};
}

// One JSON value as field text: strings as they are, numbers and booleans as JSON writes them,
// nested objects and arrays as compact JSON so nothing is lost. dump recurses once per level:
// `value` comes from parse_json_object, which refuses nesting deeper than 64 levels.
std::string json_value_text(const sdk::Json& value) {
    return value.is_string() ? value.get<std::string>() : sdk::dump(value);
}

// Every text of the form without control characters (webform_text.hpp), after the charset is
// known: in UTF-16 a NUL byte is half of a character, not a control.
ParsedBody without_control_characters(ParsedBody parsed) {
    if (!parsed.data) return parsed;
    for (auto& field : parsed.data->fields) {
        drop_control_characters(field.name);
        drop_control_characters(field.value);
    }
    for (auto& file : parsed.data->files) {
        drop_control_characters(file.field);
        drop_control_characters(file.filename);
        drop_control_characters(file.content_type);
    }
    return parsed;
}

ParsedBody read_body(std::string_view content_type, std::string_view body);

}  // namespace

std::string media_type(std::string_view content_type) {
    return ascii_lower(trim(content_type.substr(0, content_type.find(';'))));
}

std::string content_type_parameter(std::string_view content_type, std::string_view name) {
    std::size_t pos = content_type.find(';');
    while (pos != std::string_view::npos) {
        std::size_t next = content_type.find(';', pos + 1);
        std::string_view part = trim(content_type.substr(pos + 1, next == std::string_view::npos ? next : next - pos - 1));
        std::size_t eq = part.find('=');
        if (eq != std::string_view::npos && ascii_lower(trim(part.substr(0, eq))) == ascii_lower(name)) {
            std::string_view value = trim(part.substr(eq + 1));
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
            return std::string(value);
        }
        pos = next;
    }
    return {};
}

ParsedBody parse_body(std::string_view content_type, std::string_view body) {
    return without_control_characters(read_body(content_type, body));
}

namespace {

ParsedBody read_body(std::string_view content_type, std::string_view body) {
    const std::string type = media_type(content_type);
    if (type.empty()) return refuse(415, "missing Content-Type: send the form as application/x-www-form-urlencoded, "
                                         "multipart/form-data or application/json");
    std::string declared = content_type_parameter(content_type, "charset");
    if (is_utf8_charset(declared)) declared.clear();
    if (!declared.empty() && !charset_known(declared))
        return refuse(415, "unsupported charset '" + sdk::escape_control(declared) + "': send UTF-8");
    auto decoded = [&](ParsedBody parsed) {
        if (!parsed.data) return parsed;
        if (std::string error = decode_text(*parsed.data, declared); !error.empty()) return refuse(400, error);
        return parsed;
    };
    if (type == "application/x-www-form-urlencoded") {
        FormData data;
        for (auto& [name, value] : sdk::parse_form(body)) data.fields.push_back({std::move(name), std::move(value)});
        return decoded(accept(std::move(data)));
    }
    if (type == "multipart/form-data") {
        std::string boundary = content_type_parameter(content_type, "boundary");
        if (boundary.empty()) return refuse(400, "multipart/form-data without a boundary parameter");
        return decoded(parse_multipart(boundary, body));
    }
    if (is_json_media_type(type)) {
        // JSON is UTF-8 (RFC 8259); a JSON body declared in another charset (and not UTF-8 after
        // all) is converted whole.
        if (declared.empty() || is_utf8(body)) return parse_json_object(body);
        auto text = to_utf8(body, declared);
        if (!text) return refuse(400, "body is not valid " + sdk::escape_control(declared));
        ParsedBody parsed = parse_json_object(*text);
        if (parsed.data) parsed.data->converted_from = declared;
        return parsed;
    }
    return refuse(415, "unsupported Content-Type '" + sdk::escape_control(type) + "': send application/x-www-form-urlencoded, "
                       "multipart/form-data or application/json");
}

}  // namespace

ParsedBody parse_json_object(std::string_view body) {
    // Read with the SDK's bounded parser: a nested value becomes field text through dump, which
    // recurses once per level, so depth is refused while parsing (100,000 nested arrays once
    // overflowed the handler thread's stack). A top-level key given twice keeps every value, as
    // a form field sent twice does; a key repeated inside a nested value is refused, since that
    // value is kept as JSON text, which cannot hold both.
    sdk::JsonError error;
    auto members = sdk::parse_json_members(body, &error, {sdk::kMaxJsonDepth, sdk::RepeatedKeys::refuse});
    if (!members) {
        if (error.kind == sdk::JsonError::Kind::syntax) return refuse(400, "body is not valid JSON");
        if (error.kind == sdk::JsonError::Kind::not_an_object) return refuse(400, "JSON body must be an object of field: value");
        return refuse(400, error.message);  // too deep, or a repeated nested key: the message names it
    }
    FormData data;
    data.kind = BodyKind::json;
    for (const auto& [key, value] : *members) {
        if (value.is_null()) continue;
        if (key == "utm" && value.is_object()) {
            // {"utm": {"source": "vk"}} is the natural JSON shape; it means the utm_source field.
            for (const auto& [utm_key, utm_value] : value.items()) {
                if (utm_value.is_null()) continue;
                std::string name = utm_key.starts_with("utm_") ? utm_key : "utm_" + utm_key;
                data.fields.push_back({name, json_value_text(utm_value)});
            }
        } else if (value.is_array() && std::all_of(value.begin(), value.end(), [](const sdk::Json& e) { return e.is_primitive(); })) {
            // A checkbox group: the same field several times, as a form would send it.
            for (const auto& element : value)
                if (!element.is_null()) data.fields.push_back({key, json_value_text(element)});
        } else {
            data.fields.push_back({key, json_value_text(value)});
        }
    }
    return accept(std::move(data));
}

}  // namespace leadhub::webform
