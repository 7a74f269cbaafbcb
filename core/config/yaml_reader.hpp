// Typed reads of YAML nodes that record every problem with its file:line:column.
//
// Each read returns nullopt both when the value is absent and when it is bad; a bad value has
// already been reported, so callers just keep the default and carry on (every error in one pass).
#pragma once

#include "config/config.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace leadhub::config {

// True when the node exists and is not null (`key:` and `key: ~` count as absent).
bool present(const YAML::Node& node);

// "a list", "a mapping", "'text'": what the user wrote, for "expected X, got Y" messages.
std::string describe(const YAML::Node& node);

// true/false/yes/no/on/off, any case.
std::optional<bool> parse_bool(std::string_view text);

// A scalar from a list, with where it was written.
struct MarkedText {
    std::string text;
    YAML::Mark mark;
};

class YamlReader {
public:
    YamlReader(std::string file, std::filesystem::path base_dir, Environment env, std::vector<ConfigError>& errors,
               std::vector<std::string>& secrets);

    const std::string& file() const { return file_; }
    const std::filesystem::path& base_dir() const { return base_dir_; }
    std::vector<std::string>& secrets() { return secrets_; }

    void error(const YAML::Mark& at, std::string message);
    void error(const SourceLocation& at, std::string message);
    SourceLocation location(const YAML::Node& node) const;
    // An absolute, normal path for `text` relative to this file's directory.
    std::string resolve_path(const std::string& text) const;

    // Reports "expected <what>, got ..." unless the node is a mapping / a list.
    bool expect_map(const YAML::Node& node, std::string_view what);
    bool expect_list(const YAML::Node& node, std::string_view what);

    // Reports keys outside `allowed` (suggesting the nearest), duplicate keys, and non-text keys.
    void check_keys(const YAML::Node& map, const std::vector<std::string>& allowed, std::string_view section);
    // Only duplicate and non-text keys, for mappings whose names are free (options, contacts).
    void check_duplicate_keys(const YAML::Node& map, std::string_view section);

    // The value under `key`, or an undefined node when `map` is not a mapping or has no such key.
    YAML::Node get(const YAML::Node& map, std::string_view key) const;
    // The mark of `key` itself inside `map` (for "unknown option" errors), or the map's mark.
    YAML::Mark key_mark(const YAML::Node& map, std::string_view key) const;
    // Like get(); an absent or empty value is reported at the mapping (or at the empty key).
    YAML::Node require(const YAML::Node& map, std::string_view key, std::string_view section);

    // Scalars with secret references resolved (and their values remembered as secrets).
    std::optional<std::string> text(const YAML::Node& node, std::string_view what);
    std::optional<std::int64_t> integer(const YAML::Node& node, std::string_view what, std::int64_t min,
                                        std::int64_t max);
    std::optional<double> number(const YAML::Node& node, std::string_view what, double min, double max);
    std::optional<bool> boolean(const YAML::Node& node, std::string_view what);
    // A positive duration: 250ms, 10s, 15m, 24h, 2d.
    std::optional<Duration> duration(const YAML::Node& node);
    // A list of scalars; when `scalar_ok`, a single scalar counts as a list of one.
    std::optional<std::vector<std::string>> text_list(const YAML::Node& node, std::string_view what,
                                                      bool scalar_ok = false);
    // The same, keeping each item's position (to point at one bad name in a list).
    std::optional<std::vector<MarkedText>> marked_list(const YAML::Node& node, std::string_view what,
                                                       bool scalar_ok = false);

private:
    void check_keys(const YAML::Node& map, const std::vector<std::string>* allowed, std::string_view section);

    std::string file_;
    std::filesystem::path base_dir_;
    Environment env_;
    std::vector<ConfigError>& errors_;
    std::vector<std::string>& secrets_;
};

}  // namespace leadhub::config
