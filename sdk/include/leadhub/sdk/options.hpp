// Plugin options, declared once.
//
// A plugin lists its options as OptionSpec values. From that one list come: the manifest's
// options schema (which the host validates a config against before it creates an instance), the
// defaults, `leadhub plugins` help text, the JSON Schema used by editors, and the README table.
// Bound to the fields of the plugin's options struct (option_set.hpp), the same list also reads
// the validated options into that struct, so a default is written in the declaration only.
#pragma once

#include <leadhub/sdk/json.hpp>
#include <leadhub/sdk/suggest.hpp>

#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace leadhub::sdk {

enum class OptionType { string, integer, number, boolean, string_list, string_map };

inline const char* to_string(OptionType t) {
    switch (t) {
        case OptionType::string: return "string";
        case OptionType::integer: return "integer";
        case OptionType::number: return "number";
        case OptionType::boolean: return "boolean";
        case OptionType::string_list: return "string_list";
        case OptionType::string_map: return "string_map";
    }
    return "string";
}

template <class Struct>
struct BoundOption;

struct OptionSpec {
    std::string name;
    OptionType type = OptionType::string;
    std::string help;
    bool required = false;
    bool secret = false;          // masked in logs and `leadhub plugins`; give it as ${ENV} in configs
    Json default_value = nullptr; // null: no default
    std::vector<std::string> choices;  // string options: the allowed values, if limited
    std::optional<double> min, max;    // numeric options: inclusive bounds

    // Fluent declaration:  OptionSpec::string("url", "Where to POST").required()
    static OptionSpec of(std::string name, OptionType type, std::string help) {
        OptionSpec s;
        s.name = std::move(name);
        s.type = type;
        s.help = std::move(help);
        return s;
    }
    static OptionSpec string(std::string n, std::string h) { return of(std::move(n), OptionType::string, std::move(h)); }
    static OptionSpec integer(std::string n, std::string h) { return of(std::move(n), OptionType::integer, std::move(h)); }
    static OptionSpec number(std::string n, std::string h) { return of(std::move(n), OptionType::number, std::move(h)); }
    static OptionSpec boolean(std::string n, std::string h) { return of(std::move(n), OptionType::boolean, std::move(h)); }
    static OptionSpec string_list(std::string n, std::string h) { return of(std::move(n), OptionType::string_list, std::move(h)); }
    static OptionSpec string_map(std::string n, std::string h) { return of(std::move(n), OptionType::string_map, std::move(h)); }

    OptionSpec& with_default(Json value) { default_value = std::move(value); return *this; }
    OptionSpec& is_required() { required = true; return *this; }
    OptionSpec& is_secret() { secret = true; return *this; }
    OptionSpec& one_of(std::vector<std::string> values) { choices = std::move(values); return *this; }
    OptionSpec& between(double lo, double hi) { min = lo; max = hi; return *this; }
    OptionSpec& at_least(double lo) { min = lo; return *this; }

    // Binds the option to a field of the plugin's options struct, read by OptionSet<Struct>
    // (option_set.hpp):  OptionSpec::string("url", "Where to POST").is_required().bind(&MyOptions::url)
    template <class Struct, class Field>
    BoundOption<Struct> bind(Field Struct::*field) const;
    // The same with a conversion of the JSON value to the field, e.g. a name to a char.
    template <class Struct, class Field, class Convert>
    BoundOption<Struct> bind(Field Struct::*field, Convert convert) const;
    // A string option whose values name an enumerator: the choices come from `values`, so the
    // allowed strings and the enum cannot drift apart.
    template <class Struct, class Field>
    BoundOption<Struct> bind_choice(Field Struct::*field, std::vector<std::pair<std::string, Field>> values) const;
};

inline Json to_json(const OptionSpec& o) {
    Json j = {{"name", o.name}, {"type", to_string(o.type)}, {"help", o.help},
              {"required", o.required}, {"secret", o.secret}};
    if (!o.default_value.is_null()) j["default"] = o.default_value;
    if (!o.choices.empty()) j["choices"] = o.choices;
    if (o.min) j["min"] = *o.min;
    if (o.max) j["max"] = *o.max;
    return j;
}

inline Json options_schema(const std::vector<OptionSpec>& specs) {
    Json out = Json::array();
    for (const auto& s : specs) out.push_back(to_json(s));
    return out;
}

struct OptionError {
    std::string option;  // the option's name ("" for the whole object)
    std::string message;
};

namespace detail {
inline bool type_matches(const std::string& type, const Json& v) {
    if (type == "string") return v.is_string();
    if (type == "integer") return v.is_number_integer() || (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>());
    if (type == "number") return v.is_number();
    if (type == "boolean") return v.is_boolean();
    if (type == "string_list") {
        if (!v.is_array()) return false;
        for (const auto& e : v) if (!e.is_string()) return false;
        return true;
    }
    if (type == "string_map") {
        if (!v.is_object()) return false;
        for (const auto& [k, e] : v.items()) if (!e.is_string()) return false;
        return true;
    }
    return false;
}

inline const char* type_phrase(const std::string& type) {
    if (type == "string") return "a string";
    if (type == "integer") return "a whole number";
    if (type == "number") return "a number";
    if (type == "boolean") return "true or false";
    if (type == "string_list") return "a list of strings";
    if (type == "string_map") return "a map of strings";
    return "a value";
}
}  // namespace detail

// Validates `options` (a JSON object, or null for none) against a manifest's options schema and
// writes the options with defaults filled in to `normalized`. Returns every error found, not just
// the first, so an owner fixes a config in one pass.
inline std::vector<OptionError> validate_options(const Json& schema, const Json& options, Json& normalized) {
    std::vector<OptionError> errors;
    normalized = Json::object();
    if (!options.is_null() && !options.is_object()) {
        errors.push_back({"", "options must be a map of name: value"});
        return errors;
    }
    std::vector<std::string> known;
    for (const auto& s : schema) known.push_back(s.value("name", std::string()));
    if (options.is_object()) {
        for (const auto& [key, value] : options.items()) {
            bool found = false;
            for (const auto& k : known) found = found || k == key;
            if (!found) errors.push_back({key, "unknown option '" + key + "'" + suggestion_suffix(key, known)});
        }
    }
    for (const auto& s : schema) {
        const std::string name = s.value("name", std::string());
        const std::string type = s.value("type", std::string("string"));
        const bool has = options.is_object() && options.contains(name) && !options.at(name).is_null();
        if (!has) {
            if (s.contains("default")) normalized[name] = s.at("default");
            else if (s.value("required", false)) errors.push_back({name, "option '" + name + "' is required: " + s.value("help", std::string())});
            continue;
        }
        const Json& v = options.at(name);
        if (!detail::type_matches(type, v)) {
            errors.push_back({name, "option '" + name + "' must be " + detail::type_phrase(type) + ", got " + v.dump()});
            continue;
        }
        if (type == "string" && s.contains("choices")) {
            std::vector<std::string> choices = s.at("choices").get<std::vector<std::string>>();
            bool ok = false;
            for (const auto& c : choices) ok = ok || c == v.get<std::string>();
            if (!ok) {
                std::string list;
                for (const auto& c : choices) list += (list.empty() ? "" : ", ") + c;
                errors.push_back({name, "option '" + name + "' must be one of " + list + ", got '" + v.get<std::string>() + "'" +
                                            suggestion_suffix(v.get<std::string>(), choices)});
                continue;
            }
        }
        if (type == "integer" || type == "number") {
            double x = v.get<double>();
            if (s.contains("min") && x < s.at("min").get<double>())
                errors.push_back({name, "option '" + name + "' must be at least " + s.at("min").dump() + ", got " + v.dump()});
            if (s.contains("max") && x > s.at("max").get<double>())
                errors.push_back({name, "option '" + name + "' must be at most " + s.at("max").dump() + ", got " + v.dump()});
        }
        normalized[name] = (type == "integer") ? Json(v.get<int64_t>()) : v;
    }
    return errors;
}

// JSON Schema (draft-07) for one plugin's options, for editors and `leadhub schema`.
inline Json options_json_schema(const Json& schema) {
    Json properties = Json::object();
    Json required = Json::array();
    for (const auto& s : schema) {
        const std::string type = s.value("type", std::string("string"));
        Json p = {{"description", s.value("help", std::string())}};
        if (type == "string_list") p["type"] = "array", p["items"] = {{"type", "string"}};
        else if (type == "string_map") p["type"] = "object", p["additionalProperties"] = {{"type", "string"}};
        else p["type"] = type;
        if (s.contains("default")) p["default"] = s.at("default");
        if (s.contains("choices")) p["enum"] = s.at("choices");
        if (s.contains("min")) p["minimum"] = s.at("min");
        if (s.contains("max")) p["maximum"] = s.at("max");
        properties[s.value("name", std::string())] = p;
        if (s.value("required", false)) required.push_back(s.value("name", std::string()));
    }
    Json out = {{"type", "object"}, {"properties", properties}, {"additionalProperties", false}};
    if (!required.empty()) out["required"] = required;
    return out;
}

// Typed access to validated options (defaults already filled in by the host).
class Options {
public:
    Options() = default;
    explicit Options(Json values) : values_(std::move(values)) {}

    std::string str(const std::string& name, const std::string& fallback = {}) const {
        auto it = values_.find(name);
        return it != values_.end() && it->is_string() ? it->get<std::string>() : fallback;
    }
    int64_t integer(const std::string& name, int64_t fallback = 0) const {
        auto it = values_.find(name);
        return it != values_.end() && it->is_number() ? it->get<int64_t>() : fallback;
    }
    double number(const std::string& name, double fallback = 0) const {
        auto it = values_.find(name);
        return it != values_.end() && it->is_number() ? it->get<double>() : fallback;
    }
    bool boolean(const std::string& name, bool fallback = false) const {
        auto it = values_.find(name);
        return it != values_.end() && it->is_boolean() ? it->get<bool>() : fallback;
    }
    std::vector<std::string> list(const std::string& name) const {
        auto it = values_.find(name);
        return it != values_.end() && it->is_array() ? it->get<std::vector<std::string>>() : std::vector<std::string>{};
    }
    std::map<std::string, std::string> map(const std::string& name) const {
        auto it = values_.find(name);
        return it != values_.end() && it->is_object() ? it->get<std::map<std::string, std::string>>()
                                                      : std::map<std::string, std::string>{};
    }
    bool has(const std::string& name) const { return values_.contains(name) && !values_.at(name).is_null(); }
    const Json& json() const { return values_; }

private:
    Json values_ = Json::object();
};

}  // namespace leadhub::sdk

#include <leadhub/sdk/option_set.hpp>  // OptionSpec::bind and OptionSet
