#include "config/yaml_reader.hpp"

#include "config/duration.hpp"
#include "config/references.hpp"

#include <leadhub/sdk/ascii_text.hpp>
#include <leadhub/sdk/suggest.hpp>

#include <algorithm>
#include <charconv>
#include <set>

namespace leadhub::config {

bool present(const YAML::Node& node) { return node.IsDefined() && !node.IsNull(); }

std::string describe(const YAML::Node& node) {
    if (!node.IsDefined() || node.IsNull()) return "nothing";
    if (node.IsMap()) return "a mapping";
    if (node.IsSequence()) return "a list";
    return "'" + node.Scalar() + "'";
}

std::optional<bool> parse_bool(std::string_view text) {
    const std::string lower = sdk::ascii_lower(text);
    if (lower == "true" || lower == "yes" || lower == "on") return true;
    if (lower == "false" || lower == "no" || lower == "off") return false;
    return std::nullopt;
}

YamlReader::YamlReader(std::string file, std::filesystem::path base_dir, Environment env,
                       std::vector<ConfigError>& errors, std::vector<std::string>& secrets)
    : file_(std::move(file)), base_dir_(std::move(base_dir)), env_(std::move(env)), errors_(errors), secrets_(secrets) {}

void YamlReader::error(const YAML::Mark& at, std::string message) {
    bool known = !at.is_null() && at.line >= 0;
    errors_.push_back({file_, known ? at.line + 1 : 0, known ? at.column + 1 : 0, std::move(message)});
}

void YamlReader::error(const SourceLocation& at, std::string message) {
    errors_.push_back({at.file, at.line, at.column, std::move(message)});
}

SourceLocation YamlReader::location(const YAML::Node& node) const {
    YAML::Mark m = node.Mark();
    if (m.is_null() || m.line < 0) return {file_, 0, 0};
    return {file_, m.line + 1, m.column + 1};
}

std::string YamlReader::resolve_path(const std::string& text) const {
    std::filesystem::path p(text);
    if (p.is_relative()) p = base_dir_ / p;
    return p.lexically_normal().string();
}

bool YamlReader::expect_map(const YAML::Node& node, std::string_view what) {
    if (node.IsMap()) return true;
    error(node.Mark(), "expected " + std::string(what) + ", got " + describe(node));
    return false;
}

bool YamlReader::expect_list(const YAML::Node& node, std::string_view what) {
    if (node.IsSequence()) return true;
    error(node.Mark(), "expected " + std::string(what) + ", got " + describe(node));
    return false;
}

void YamlReader::check_keys(const YAML::Node& map, const std::vector<std::string>& allowed, std::string_view section) {
    check_keys(map, &allowed, section);
}

void YamlReader::check_duplicate_keys(const YAML::Node& map, std::string_view section) {
    check_keys(map, nullptr, section);
}

void YamlReader::check_keys(const YAML::Node& map, const std::vector<std::string>* allowed, std::string_view section) {
    if (!map.IsMap()) return;
    std::set<std::string> seen;
    for (const auto& entry : map) {
        const YAML::Node& key = entry.first;
        if (!key.IsScalar()) {
            error(key.Mark(), "keys in " + std::string(section) + " must be plain names, got " + describe(key));
            continue;
        }
        const std::string& name = key.Scalar();
        if (!seen.insert(name).second) {
            error(key.Mark(), "duplicate key '" + name + "' in " + std::string(section));
            continue;
        }
        if (allowed && std::find(allowed->begin(), allowed->end(), name) == allowed->end())
            error(key.Mark(), "unknown key '" + name + "' in " + std::string(section) +
                                  sdk::suggestion_suffix(name, *allowed));
    }
}

YAML::Node YamlReader::get(const YAML::Node& map, std::string_view key) const {
    if (map.IsMap()) {
        for (const auto& entry : map)
            if (entry.first.IsScalar() && entry.first.Scalar() == key) return entry.second;
    }
    return YAML::Node(YAML::NodeType::Undefined);
}

YAML::Mark YamlReader::key_mark(const YAML::Node& map, std::string_view key) const {
    if (map.IsMap()) {
        for (const auto& entry : map)
            if (entry.first.IsScalar() && entry.first.Scalar() == key) return entry.first.Mark();
    }
    return map.Mark();
}

YAML::Node YamlReader::require(const YAML::Node& map, std::string_view key, std::string_view section) {
    YAML::Node value = get(map, key);
    if (present(value)) return value;
    if (!map.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
    if (value.IsDefined())
        error(key_mark(map, key), "key '" + std::string(key) + "' in " + std::string(section) + " has no value");
    else
        error(map.Mark(), "missing required key '" + std::string(key) + "' in " + std::string(section));
    return YAML::Node(YAML::NodeType::Undefined);
}

std::optional<std::string> YamlReader::text(const YAML::Node& node, std::string_view what) {
    if (!present(node)) return std::nullopt;
    if (!node.IsScalar()) {
        error(node.Mark(), "expected " + std::string(what) + ", got " + describe(node));
        return std::nullopt;
    }
    ResolvedText resolved = resolve_references(node.Scalar(), env_, base_dir_);
    for (auto& message : resolved.errors) error(node.Mark(), std::move(message));
    if (!resolved.errors.empty()) return std::nullopt;
    for (auto& secret : resolved.secrets) secrets_.push_back(std::move(secret));
    return resolved.value;
}

std::optional<std::int64_t> YamlReader::integer(const YAML::Node& node, std::string_view what, std::int64_t min,
                                                std::int64_t max) {
    auto value = text(node, what);
    if (!value) return std::nullopt;
    std::int64_t n = 0;
    auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), n);
    if (ec != std::errc() || end != value->data() + value->size()) {
        error(node.Mark(), "expected " + std::string(what) + ", got '" + *value + "'");
        return std::nullopt;
    }
    if (n < min || n > max) {
        error(node.Mark(), "expected " + std::string(what) + " from " + std::to_string(min) + " to " +
                               std::to_string(max) + ", got " + *value);
        return std::nullopt;
    }
    return n;
}

std::optional<double> YamlReader::number(const YAML::Node& node, std::string_view what, double min, double max) {
    auto value = text(node, what);
    if (!value) return std::nullopt;
    double x = 0;
    auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), x);
    if (ec != std::errc() || end != value->data() + value->size()) {
        error(node.Mark(), "expected " + std::string(what) + ", got '" + *value + "'");
        return std::nullopt;
    }
    if (x < min || x > max) {
        auto format = [](double d) {
            std::string s = std::to_string(d);
            s.erase(s.find_last_not_of('0') + 1);
            if (!s.empty() && s.back() == '.') s.pop_back();
            return s;
        };
        error(node.Mark(), "expected " + std::string(what) + " from " + format(min) + " to " + format(max) + ", got " +
                               *value);
        return std::nullopt;
    }
    return x;
}

std::optional<bool> YamlReader::boolean(const YAML::Node& node, std::string_view what) {
    auto value = text(node, what);
    if (!value) return std::nullopt;
    auto b = parse_bool(*value);
    if (!b) error(node.Mark(), "expected " + std::string(what) + " (true or false), got '" + *value + "'");
    return b;
}

std::optional<Duration> YamlReader::duration(const YAML::Node& node) {
    auto value = text(node, "a duration such as 10s");
    if (!value) return std::nullopt;
    auto d = parse_duration(*value);
    if (!d) {
        error(node.Mark(), "'" + *value + "' is not a duration: use e.g. 250ms, 10s, 15m, 24h");
        return std::nullopt;
    }
    if (d->count() <= 0) {
        error(node.Mark(), "a duration must be longer than 0, got '" + *value + "'");
        return std::nullopt;
    }
    return d;
}

std::optional<std::vector<std::string>> YamlReader::text_list(const YAML::Node& node, std::string_view what,
                                                              bool scalar_ok) {
    auto marked = marked_list(node, what, scalar_ok);
    if (!marked) return std::nullopt;
    std::vector<std::string> out;
    for (auto& item : *marked) out.push_back(std::move(item.text));
    return out;
}

std::optional<std::vector<MarkedText>> YamlReader::marked_list(const YAML::Node& node, std::string_view what,
                                                               bool scalar_ok) {
    if (!present(node)) return std::nullopt;
    if (scalar_ok && node.IsScalar()) {
        auto one = text(node, what);
        if (!one) return std::nullopt;
        return std::vector<MarkedText>{{*one, node.Mark()}};
    }
    if (!node.IsSequence()) {
        error(node.Mark(), "expected " + std::string(what) + ", got " + describe(node));
        return std::nullopt;
    }
    std::vector<MarkedText> out;
    bool ok = true;
    for (const auto& item : node) {
        if (!item.IsScalar()) {
            error(item.Mark(), "expected " + std::string(what) + ", got " + describe(item) + " as an item");
            ok = false;
            continue;
        }
        auto value = text(item, what);
        if (value) out.push_back({*value, item.Mark()});
        else ok = false;
    }
    if (!ok) return std::nullopt;
    return out;
}

}  // namespace leadhub::config
