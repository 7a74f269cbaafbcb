#include "config/options_yaml.hpp"

#include <charconv>

namespace leadhub::config {

namespace {

// A quoted scalar carries the "!" tag in yaml-cpp; a plain one "?" (or an explicit tag).
bool is_plain(const YAML::Node& node) { return node.Tag() != "!"; }

Json infer_scalar(const std::string& text, bool plain) {
    if (!plain) return text;
    if (text == "true" || text == "True" || text == "TRUE") return true;
    if (text == "false" || text == "False" || text == "FALSE") return false;
    if (text == "null" || text == "~" || text.empty()) return nullptr;
    const char* end = text.data() + text.size();
    std::int64_t i = 0;
    if (auto r = std::from_chars(text.data(), end, i); r.ec == std::errc() && r.ptr == end) return i;
    double d = 0;
    if (auto r = std::from_chars(text.data(), end, d); r.ec == std::errc() && r.ptr == end) return d;
    return text;
}

// Reads `text` as the declared option type; if it does not parse, keeps the text so that the
// manifest validation reports "must be a whole number, got \"five\"".
Json typed_scalar(const std::string& text, const std::string& type, bool plain) {
    if (type == "string" || type == "string_list" || type == "string_map") return text;
    Json inferred = infer_scalar(text, true);
    if (type == "boolean" && inferred.is_boolean()) return inferred;
    if ((type == "integer" || type == "number") && inferred.is_number()) return inferred;
    return plain ? infer_scalar(text, true) : Json(text);
}

// `type` is the declared option type, or "" when unknown. Returns false when a value failed.
bool convert(YamlReader& reader, const YAML::Node& node, const std::string& type, Json& out) {
    if (!node.IsDefined() || node.IsNull()) {
        out = nullptr;
        return true;
    }
    if (node.IsScalar()) {
        auto text = reader.text(node, "a value");
        if (!text) return false;
        out = type.empty() ? infer_scalar(*text, is_plain(node)) : typed_scalar(*text, type, is_plain(node));
        return true;
    }
    bool ok = true;
    const std::string item_type = (type == "string_list" || type == "string_map") ? "string" : "";
    if (node.IsSequence()) {
        out = Json::array();
        for (const auto& item : node) {
            Json value;
            ok = convert(reader, item, item_type, value) && ok;
            out.push_back(std::move(value));
        }
        return ok;
    }
    out = Json::object();
    for (const auto& entry : node) {
        Json value;
        ok = convert(reader, entry.second, item_type, value) && ok;
        out[entry.first.Scalar()] = std::move(value);
    }
    return ok;
}

std::string declared_type(const Json& schema, const std::string& name) {
    if (!schema.is_array()) return "";
    for (const auto& spec : schema)
        if (spec.is_object() && spec.value("name", std::string()) == name) return spec.value("type", std::string());
    return "";
}

}  // namespace

OptionsJson options_to_json(YamlReader& reader, const YAML::Node& options, const Json& schema) {
    OptionsJson out;
    if (!present(options)) return out;
    if (!reader.expect_map(options, "options as a mapping of name: value")) {
        out.readable = false;
        return out;
    }
    reader.check_duplicate_keys(options, "options");  // the names themselves are the manifest's to check
    for (const auto& entry : options) {
        if (!entry.first.IsScalar()) continue;
        const std::string name = entry.first.Scalar();
        if (out.values.contains(name)) continue;  // a duplicate, reported above
        Json value;
        if (convert(reader, entry.second, declared_type(schema, name), value)) out.values[name] = std::move(value);
        else out.failed.insert(name);
    }
    return out;
}

}  // namespace leadhub::config
