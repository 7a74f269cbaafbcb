// The one JSON library at the plugin boundary (nlohmann/json, header-only, from Debian), and the
// one way to read JSON that comes from outside.
//
// nlohmann's parser is iterative, but copying, comparing and writing (dump) a value recurse once
// per level of nesting: a 200 KB body of 100,000 nested arrays parses fine and then overflows the
// stack of the thread that copies or writes it. So JSON that comes from outside (a webhook's body,
// an API's answer, what crosses the plugin boundary) is read with parse_json below, which refuses
// more than a fixed depth while it parses, before any such value exists.
#pragma once

#include <leadhub/sdk/safe_text.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <limits>
#include <stdexcept>
#include <type_traits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace leadhub::sdk {

using Json = nlohmann::json;

// How deep JSON from outside may nest: arrays and objects inside one another, the outermost
// counting 1 (`{}` and `[1]` are 1 deep, `{"a": [1]}` is 2, a lone scalar 0). A form, a CRM's
// answer or a model's reading needs a handful of levels; 64 leaves room for any honest payload
// and keeps every recursive walk over the value a few kilobytes of stack. A Message as a whole
// stays within it too.
inline constexpr std::size_t kMaxJsonDepth = 64;

// What the hub and the SDK wrap around such data adds a few levels of their own (a webhook result
// around its messages, a delivery around its lead, a frame of the isolation protocol around
// either): readers of that wrapped JSON allow this much.
inline constexpr std::size_t kMaxWrappedJsonDepth = kMaxJsonDepth + 8;

// What a repeated key in one object means. RFC 8259 leaves it to the reader; nlohmann keeps the
// last value silently, which loses data the sender meant.
enum class RepeatedKeys {
    keep_last,  // as nlohmann: the last value wins (fine for an API's answer)
    refuse,     // the text is refused, naming the key
};

struct JsonLimits {
    std::size_t max_depth = kMaxJsonDepth;
    RepeatedKeys repeated_keys = RepeatedKeys::keep_last;
};

// Why a text was refused. `message` is safe to quote in an answer or a log line (control
// characters escaped, see safe_text.hpp), e.g. "JSON nested deeper than 64 levels".
struct JsonError {
    enum class Kind { none, syntax, too_deep, repeated_key, not_an_object };
    Kind kind = Kind::none;
    std::string message;

    explicit operator bool() const { return kind != Kind::none; }
};

// A JSON object's members in the order written, a repeated key once for each time it appears.
using JsonMembers = std::vector<std::pair<std::string, Json>>;

namespace detail {

// nlohmann's SAX interface building the value as its own DOM parser does, with a depth check
// when an array or object opens (the parse stops there: nothing deeper is ever built) and a
// check for repeated keys. With `members` set, the top-level object's members go there in order,
// repeats included, instead of into the value.
class BoundedJsonBuilder {
public:
    BoundedJsonBuilder(JsonLimits limits, JsonMembers* members) : limits_(limits), members_(members) {}

    bool null() { return scalar(Json(nullptr)); }
    bool boolean(bool v) { return scalar(Json(v)); }
    bool number_integer(Json::number_integer_t v) { return scalar(Json(v)); }
    bool number_unsigned(Json::number_unsigned_t v) { return scalar(Json(v)); }
    bool number_float(Json::number_float_t v, const Json::string_t&) { return scalar(Json(v)); }
    bool string(Json::string_t& v) { return scalar(Json(std::move(v))); }
    bool binary(Json::binary_t& v) { return scalar(Json::binary(std::move(v))); }
    bool start_object(std::size_t) { return open(Json::object()); }
    bool start_array(std::size_t) { return open(Json::array()); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(Json::string_t& k) {
        if (members_ && open_.size() == 1) {
            // The previous member is complete (its containers closed), so the vector may grow.
            members_->emplace_back(std::move(k), Json());
            slot_ = &members_->back().second;
            return true;
        }
        auto& object = open_.back()->get_ref<Json::object_t&>();
        auto [it, inserted] = object.try_emplace(k);
        if (!inserted && limits_.repeated_keys == RepeatedKeys::refuse)
            return fail(JsonError::Kind::repeated_key, "JSON repeats the key '" + escape_control(k) + "' in one object");
        slot_ = &it->second;
        return true;
    }

    bool parse_error(std::size_t, const std::string&, const Json::exception& e) {
        return fail(JsonError::Kind::syntax, "not valid JSON: " + escape_control(e.what()));
    }

    Json& root() { return root_; }
    JsonError& error() { return error_; }

private:
    // Where the next value goes: the root, the end of the open array, or the slot of the last key.
    Json* place(Json&& value) {
        if (open_.empty()) {
            root_ = std::move(value);
            return &root_;
        }
        Json& parent = *open_.back();
        if (parent.is_array()) {
            parent.push_back(std::move(value));
            return &parent.back();
        }
        *slot_ = std::move(value);
        return slot_;
    }

    bool scalar(Json&& value) {
        place(std::move(value));
        return true;
    }

    bool open(Json&& container) {
        if (open_.size() >= limits_.max_depth)
            return fail(JsonError::Kind::too_deep, "JSON nested deeper than " + std::to_string(limits_.max_depth) + " levels");
        open_.push_back(place(std::move(container)));
        return true;
    }

    bool close() {
        open_.pop_back();
        return true;
    }

    bool fail(JsonError::Kind kind, std::string message) {
        error_ = {kind, std::move(message)};
        return false;
    }

    JsonLimits limits_;
    JsonMembers* members_;
    Json root_;
    std::vector<Json*> open_;  // the arrays and objects being filled, outermost first
    Json* slot_ = nullptr;
    JsonError error_;
};

inline Json refuse_json(JsonError* out, JsonError error) {
    if (out) *out = std::move(error);
    return Json(Json::value_t::discarded);
}

}  // namespace detail

// Reads JSON from outside. Returns the value, or a discarded value (is_discarded()) when the
// text is not JSON, nests deeper than `limits.max_depth`, or repeats a key under
// RepeatedKeys::refuse; `*error` (when given) then says which and why. Never throws for the
// text's sake. Use it wherever the text comes from a client, a remote API or across the plugin
// boundary; nlohmann's own parse is for text the program wrote itself.
inline Json parse_json(std::string_view text, JsonError* error = nullptr, JsonLimits limits = {}) {
    detail::BoundedJsonBuilder builder(limits, nullptr);
    if (!Json::sax_parse(text.begin(), text.end(), &builder)) return detail::refuse_json(error, std::move(builder.error()));
    if (error) *error = {};
    return std::move(builder.root());
}

// Reads a JSON object from outside as its members in order, keeping every value of a repeated
// top-level key (a form's field sent twice); nested objects follow `limits.repeated_keys`.
// nullopt when the text is not JSON within the limits, or not an object (Kind::not_an_object).
inline std::optional<JsonMembers> parse_json_members(std::string_view text, JsonError* error = nullptr,
                                                     JsonLimits limits = {}) {
    JsonMembers members;
    detail::BoundedJsonBuilder builder(limits, &members);
    if (!Json::sax_parse(text.begin(), text.end(), &builder)) {
        detail::refuse_json(error, std::move(builder.error()));
        return std::nullopt;
    }
    if (!builder.root().is_object()) {
        detail::refuse_json(error, {JsonError::Kind::not_an_object, "JSON is not an object"});
        return std::nullopt;
    }
    if (error) *error = {};
    return members;
}

// Whether `value` nests at most `max_depth` deep (as kMaxJsonDepth counts). Walks with a stack of
// its own, not by recursion, so it is safe on any value; it stops at the first level too deep.
inline bool within_depth(const Json& value, std::size_t max_depth) {
    if (!value.is_structured()) return true;
    std::vector<std::pair<const Json*, std::size_t>> pending{{&value, 1}};
    while (!pending.empty()) {
        auto [node, depth] = pending.back();
        pending.pop_back();
        if (depth > max_depth) return false;
        for (const auto& child : *node)
            if (child.is_structured()) pending.emplace_back(&child, depth + 1);
    }
    return true;
}

// Reads an optional string member: absent or null gives nullopt, a non-string is an error.
inline std::optional<std::string> opt_string(const Json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return std::nullopt;
    return it->get<std::string>();
}

// A JSON number as an integer of type T, or nullopt when it is not a number or T cannot hold it
// (a fraction is truncated, as nlohmann's get<T> does). nlohmann's own get<T> casts whatever
// number it finds, and a double out of T's range, such as 1e300, is undefined behaviour.
template <typename T>
    requires std::is_integral_v<T>
std::optional<T> integer_value(const Json& v) {
    if (v.is_number_unsigned()) {
        auto u = v.get<Json::number_unsigned_t>();
        if (!std::in_range<T>(u)) return std::nullopt;
        return static_cast<T>(u);
    }
    if (v.is_number_integer()) {
        auto i = v.get<Json::number_integer_t>();
        if (!std::in_range<T>(i)) return std::nullopt;
        return static_cast<T>(i);
    }
    if (v.is_number_float()) {
        // The range [min, max + 1) in doubles: both bounds are powers of two, exactly representable.
        const double d = v.get<double>();
        const double low = static_cast<double>(std::numeric_limits<T>::min());
        const double high = (static_cast<double>(std::numeric_limits<T>::max() / 2 + 1)) * 2.0;
        if (!(d >= low && d < high)) return std::nullopt;  // NaN too
        return static_cast<T>(d);
    }
    return std::nullopt;
}

// Reads an integer member: absent or null gives `fallback`; a number T cannot hold, or anything
// but a number, throws std::invalid_argument naming the key.
template <typename T>
    requires std::is_integral_v<T>
T integer_member(const Json& object, const char* key, T fallback) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return fallback;
    if (auto value = integer_value<T>(*it)) return *value;
    throw std::invalid_argument(std::string("'") + key + "' is not an integer within range");
}

// A string member, or `fallback` when it is absent or not a string (for readers that must not
// throw).
inline std::string string_member_or(const Json& object, const char* key, std::string fallback = {}) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::move(fallback);
}

inline Json to_json_or_null(const std::optional<std::string>& value) {
    return value ? Json(*value) : Json(nullptr);
}

// Serialises for the boundary. Invalid UTF-8 in plugin data must not throw on the way out, so
// bad bytes are replaced rather than aborting the call. It recurses once per level: `value` must
// be bounded (read with parse_json, or built by the program itself).
inline std::string dump(const Json& value) {
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace leadhub::sdk
