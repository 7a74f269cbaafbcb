// Text templates over a lead: every notification, card and payload text a plugin builds comes
// from one, so an owner can reword it in the config (the plugin's defaults are Russian).
//
// Syntax, over a JSON object (the lead as a delivery carries it, or anything else):
//   {{path}}             the value at a dotted path ("name", "assignee_contacts.phone",
//                        "utm.utm_source"); strings as they are, numbers and booleans as JSON
//                        writes them ("true"), an array of scalars joined by ", ", null or missing
//                        as nothing; an object or an array of objects renders as nothing.
//   {{path|fallback}}    the fallback text when the value renders empty
//   {{#path}}…{{/path}}  the text between only when the value renders non-empty
//   {{^path}}…{{/path}}  the text between only when it renders empty
// Anything else, including a lone "{{" without its "}}", is copied as it is. Sections nest.
//
// Values are escaped by the caller's choice (Escape::html for Telegram's HTML parse mode); the
// template's own text never is, so a template may contain markup. Never throws on a template or
// a value; check_template() reports an unbalanced section for config validation.
#pragma once

#include <leadhub/sdk/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace leadhub::sdk {

enum class Escape { none, html };

namespace detail {

inline const Json* find_path(const Json& root, std::string_view path) {
    const Json* at = &root;
    while (!path.empty()) {
        std::size_t dot = path.find('.');
        std::string key(path.substr(0, dot));
        if (!at->is_object()) return nullptr;
        auto it = at->find(key);
        if (it == at->end()) return nullptr;
        at = &*it;
        path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    }
    return at;
}

inline std::string scalar_text(const Json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean() || v.is_number()) return v.dump();
    return {};
}

inline std::string value_text(const Json* v) {
    if (!v || v->is_null() || v->is_object()) return {};
    if (!v->is_array()) return scalar_text(*v);
    std::string out;
    for (const auto& item : *v) {
        std::string s = scalar_text(item);
        if (s.empty()) continue;
        if (!out.empty()) out += ", ";
        out += s;
    }
    return out;
}

inline std::string trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
    return std::string(s.substr(b, e - b));
}

inline void escape_into(std::string& out, std::string_view value, Escape escape) {
    if (escape == Escape::none) {
        out += value;
        return;
    }
    for (char c : value) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
}

// Where the section opened at `from` (just after its "{{#name}}") ends: the position of its
// matching "{{/name}}", or npos when it is never closed.
inline std::size_t section_end(std::string_view text, std::size_t from, const std::string& name) {
    int depth = 1;
    std::size_t at = from;
    while ((at = text.find("{{", at)) != std::string_view::npos) {
        std::size_t close = text.find("}}", at + 2);
        if (close == std::string_view::npos) return std::string_view::npos;
        std::string_view tag = text.substr(at + 2, close - at - 2);
        if (!tag.empty() && (tag[0] == '#' || tag[0] == '^') && trim(tag.substr(1)) == name) ++depth;
        if (!tag.empty() && tag[0] == '/' && trim(tag.substr(1)) == name && --depth == 0) return at;
        at = close + 2;
    }
    return std::string_view::npos;
}

inline void render_into(std::string& out, std::string_view text, const Json& data, Escape escape, int depth) {
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t open = text.find("{{", at);
        if (open == std::string_view::npos) break;
        std::size_t close = text.find("}}", open + 2);
        if (close == std::string_view::npos) break;
        out += text.substr(at, open - at);
        std::string_view tag = text.substr(open + 2, close - open - 2);
        at = close + 2;
        if (!tag.empty() && (tag[0] == '#' || tag[0] == '^') && depth < 16) {
            std::string name = trim(tag.substr(1));
            std::size_t end = section_end(text, at, name);
            if (end == std::string_view::npos) {  // never closed: the tag is plain text
                out += text.substr(open, at - open);
                continue;
            }
            bool present = !value_text(find_path(data, name)).empty();
            if (present == (tag[0] == '#')) render_into(out, text.substr(at, end - at), data, escape, depth + 1);
            at = text.find("}}", end) + 2;
            continue;
        }
        if (!tag.empty() && tag[0] == '/') continue;  // a stray close renders as nothing
        std::size_t bar = tag.find('|');
        std::string path = trim(tag.substr(0, bar));
        std::string value = value_text(find_path(data, path));
        if (value.empty() && bar != std::string_view::npos) {
            out += tag.substr(bar + 1);  // the fallback is template text: not escaped
            continue;
        }
        escape_into(out, value, escape);
    }
    out += text.substr(at);
}

}  // namespace detail

inline std::string render_template(std::string_view text, const Json& data, Escape escape = Escape::none) {
    std::string out;
    out.reserve(text.size() + 64);
    detail::render_into(out, text, data, escape, 0);
    return out;
}

// An error a config check can show ("section 'services' is never closed"), or none.
inline std::optional<std::string> check_template(std::string_view text) {
    std::size_t at = 0;
    while ((at = text.find("{{", at)) != std::string_view::npos) {
        std::size_t close = text.find("}}", at + 2);
        if (close == std::string_view::npos) return std::nullopt;
        std::string_view tag = text.substr(at + 2, close - at - 2);
        at = close + 2;
        if (!tag.empty() && (tag[0] == '#' || tag[0] == '^')) {
            std::string name = detail::trim(tag.substr(1));
            if (name.empty()) return "a section without a name";
            if (detail::section_end(text, at, name) == std::string_view::npos)
                return "section '" + name + "' is never closed with {{/" + name + "}}";
        }
    }
    return std::nullopt;
}

// The paths a template names, in order, each once ("name", "assignee_contacts.phone"), from its
// values and its sections, without fallbacks: for a config check that every name is one the
// template will be given ("unknown field 'nmae'").
inline std::vector<std::string> template_fields(std::string_view text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while ((at = text.find("{{", at)) != std::string_view::npos) {
        std::size_t close = text.find("}}", at + 2);
        if (close == std::string_view::npos) break;
        std::string_view tag = text.substr(at + 2, close - at - 2);
        at = close + 2;
        if (!tag.empty() && (tag[0] == '#' || tag[0] == '^' || tag[0] == '/')) tag.remove_prefix(1);
        std::string name = detail::trim(tag.substr(0, tag.find('|')));
        if (name.empty()) continue;
        bool seen = false;
        for (const auto& n : out) seen = seen || n == name;
        if (!seen) out.push_back(std::move(name));
    }
    return out;
}

}  // namespace leadhub::sdk
