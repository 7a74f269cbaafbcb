// Options declared once and read by generated code: each OptionSpec is bound to a field of the
// plugin's options struct, and an OptionSet of those bindings gives both the specs (manifest,
// schema, `leadhub plugins`, README table) and the typed read.
//
//   struct HttpOptions { std::string url; uint32_t timeout_ms = 0; };
//   const sdk::OptionSet<HttpOptions>& http_options() {
//       static const sdk::OptionSet<HttpOptions> set{
//           sdk::OptionSpec::string("url", "Where to POST").is_required().bind(&HttpOptions::url),
//           sdk::OptionSpec::integer("timeout_ms", "Timeout").with_default(10000).bind(&HttpOptions::timeout_ms)};
//       return set;
//   }
//   HttpOptions options = http_options().read(ctx.options);
//
// A field's value comes from the options, else from the declaration's default, else it keeps
// what a value-initialised struct holds (so write no default in the struct: it could drift).
// The field's type must fit the option's type (checked when the set is built):
//   string       std::string (or an enum, with bind_choice)
//   integer      any integer type, or a std::chrono::duration (the number counts its ticks)
//   number       double or float
//   boolean      bool
//   string_list  std::vector<std::string>
//   string_map   std::map<std::string, std::string>
// and std::optional of any of them, empty when the option is not set and has no default.
#pragma once

#include <leadhub/sdk/options.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <initializer_list>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace leadhub::sdk {

// One declared option and how its value is written into a field of Struct.
template <class Struct>
struct BoundOption {
    OptionSpec spec;
    std::function<void(Struct&, const Json&)> assign;
};

namespace detail {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};

template <class T>
struct is_duration : std::false_type {};
template <class Rep, class Period>
struct is_duration<std::chrono::duration<Rep, Period>> : std::true_type {};

// Whether a field of type Field can hold an option of `type`.
template <class Field>
bool field_fits(OptionType type) {
    if constexpr (is_optional<Field>::value) {
        return field_fits<typename Field::value_type>(type);
    } else if constexpr (std::is_same_v<Field, bool>) {
        return type == OptionType::boolean;
    } else if constexpr (std::is_integral_v<Field> || is_duration<Field>::value) {
        return type == OptionType::integer;
    } else if constexpr (std::is_floating_point_v<Field>) {
        return type == OptionType::number || type == OptionType::integer;
    } else if constexpr (std::is_same_v<Field, std::string>) {
        return type == OptionType::string;
    } else if constexpr (std::is_same_v<Field, std::vector<std::string>>) {
        return type == OptionType::string_list;
    } else if constexpr (std::is_same_v<Field, std::map<std::string, std::string>>) {
        return type == OptionType::string_map;
    } else {
        return false;
    }
}

// The JSON value as a Field; the host validated it against the schema, so a mismatch here means
// the options did not come through the host (a hand-made sdk::Options in a test).
template <class Field>
Field field_value(const OptionSpec& spec, const Json& value) {
    if (!type_matches(to_string(spec.type), value))
        throw std::invalid_argument("option '" + spec.name + "' must be " + type_phrase(to_string(spec.type)) +
                                    ", got " + value.dump());
    if constexpr (is_optional<Field>::value) {
        return Field(field_value<typename Field::value_type>(spec, value));
    } else if constexpr (std::is_same_v<Field, bool>) {
        return value.get<bool>();
    } else if constexpr (std::is_integral_v<Field>) {
        return static_cast<Field>(value.get<int64_t>());
    } else if constexpr (is_duration<Field>::value) {
        return Field(static_cast<typename Field::rep>(value.get<int64_t>()));
    } else {
        return value.get<Field>();
    }
}

inline std::logic_error misbound(const OptionSpec& spec, const std::string& why) {
    return std::logic_error("option '" + spec.name + "' (" + to_string(spec.type) + ") " + why);
}

}  // namespace detail

template <class Struct, class Field>
BoundOption<Struct> OptionSpec::bind(Field Struct::*field) const {
    if (!detail::field_fits<Field>(type)) throw detail::misbound(*this, "is bound to a field of another type");
    OptionSpec spec = *this;
    return {spec, [spec, field](Struct& out, const Json& value) { out.*field = detail::field_value<Field>(spec, value); }};
}

template <class Struct, class Field, class Convert>
BoundOption<Struct> OptionSpec::bind(Field Struct::*field, Convert convert) const {
    OptionSpec spec = *this;
    return {spec, [spec, field, convert](Struct& out, const Json& value) {
                if (!detail::type_matches(to_string(spec.type), value))
                    throw std::invalid_argument("option '" + spec.name + "' must be " +
                                                detail::type_phrase(to_string(spec.type)) + ", got " + value.dump());
                out.*field = convert(value);
            }};
}

template <class Struct, class Field>
BoundOption<Struct> OptionSpec::bind_choice(Field Struct::*field, std::vector<std::pair<std::string, Field>> values) const {
    if (type != OptionType::string) throw detail::misbound(*this, "has choices but is not a string option");
    if (values.empty()) throw detail::misbound(*this, "has no choices");
    OptionSpec spec = *this;
    spec.choices.clear();
    for (const auto& [text, value] : values) spec.choices.push_back(text);
    if (!spec.default_value.is_null() &&
        (!spec.default_value.is_string() || std::find(spec.choices.begin(), spec.choices.end(),
                                                      spec.default_value.get<std::string>()) == spec.choices.end()))
        throw detail::misbound(*this, "has a default that is not one of its choices");
    return {spec, [spec, field, values](Struct& out, const Json& value) {
                if (value.is_string())
                    for (const auto& [text, choice] : values)
                        if (text == value.get<std::string>()) {
                            out.*field = choice;
                            return;
                        }
                std::string list;
                for (const auto& c : spec.choices) list += (list.empty() ? "" : ", ") + c;
                throw std::invalid_argument("option '" + spec.name + "' must be one of " + list + ", got " + value.dump());
            }};
}

// The options of one plugin, each bound to a field of Struct.
template <class Struct>
class OptionSet {
public:
    OptionSet(std::initializer_list<BoundOption<Struct>> options) : options_(options) {
        for (std::size_t i = 0; i < options_.size(); ++i)
            for (std::size_t j = 0; j < i; ++j)
                if (options_[i].spec.name == options_[j].spec.name)
                    throw detail::misbound(options_[i].spec, "is declared twice");
    }

    // What the manifest lists (PluginInfo::options).
    std::vector<OptionSpec> specs() const {
        std::vector<OptionSpec> out;
        for (const auto& o : options_) out.push_back(o.spec);
        return out;
    }

    // The options in a Struct: each from the options, else from its declared default, else the
    // field's value in Struct{}. Throws std::invalid_argument naming the option when a value has
    // the wrong type (which the host's validation rules out) or a required one is missing.
    Struct read(const Options& options) const {
        Struct out{};
        for (const auto& o : options_) {
            if (options.has(o.spec.name)) o.assign(out, options.json().at(o.spec.name));
            else if (!o.spec.default_value.is_null()) o.assign(out, o.spec.default_value);
            else if (o.spec.required)
                throw std::invalid_argument("option '" + o.spec.name + "' is required: " + o.spec.help);
        }
        return out;
    }

    // A Struct with every declared default and nothing else, e.g. for a unit test of code that
    // takes the options struct: the struct itself carries no defaults that could drift.
    Struct defaults() const {
        Struct out{};
        for (const auto& o : options_)
            if (!o.spec.default_value.is_null()) o.assign(out, o.spec.default_value);
        return out;
    }

private:
    std::vector<BoundOption<Struct>> options_;
};

}  // namespace leadhub::sdk
