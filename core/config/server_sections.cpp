// The top-level sections that configure the process itself (everything except tenants).
#include "config/sections.hpp"

#include <leadhub/sdk/suggest.hpp>

#include <charconv>

namespace leadhub::config {

namespace {

constexpr std::size_t kMinAdminTokenLength = 16;

bool is_host_name(const std::string& host) {
    if (host.empty()) return false;
    for (char c : host) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
        if (!ok) return false;
    }
    return true;
}

bool is_ipv6_text(const std::string& host) {
    if (host.empty() || host.find(':') == std::string::npos) return false;
    for (char c : host) {
        bool ok = (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || (c >= '0' && c <= '9') || c == ':' || c == '.';
        if (!ok) return false;
    }
    return true;
}

void read_listen(YamlReader& reader, const YAML::Node& root, Config& config) {
    YAML::Node node = reader.get(root, "listen");
    auto text = reader.text(node, "host:port, e.g. 127.0.0.1:8080");
    if (!text) return;
    if (auto address = parse_listen_address(*text)) config.listen = *address;
    else reader.error(node.Mark(), "bad listen address '" + *text + "': expected host:port, e.g. 127.0.0.1:8080 or [::1]:8080");
}

void read_admin(YamlReader& reader, const YAML::Node& root, Config& config) {
    YAML::Node admin = reader.get(root, "admin");
    if (present(admin) && reader.expect_map(admin, "the admin section (a mapping with token, enabled)"))
        reader.check_keys(admin, {"enabled", "token"}, "admin");
    if (auto enabled = reader.boolean(reader.get(admin, "enabled"), "admin.enabled")) config.admin.enabled = *enabled;
    YAML::Node token_node = reader.get(admin, "token");
    auto token = reader.text(token_node, "the admin token, e.g. ${LEADHUB_ADMIN_TOKEN}");
    if (token) {
        config.admin.token = *token;
        reader.secrets().push_back(*token);
    }
    if (!config.admin.enabled) return;
    if (!present(token_node)) {
        YAML::Mark at = present(admin) ? admin.Mark() : root.Mark();
        reader.error(at, "missing required key 'token' in admin: the /api bearer token, e.g. token: "
                         "${LEADHUB_ADMIN_TOKEN} (or set admin.enabled: false)");
    } else if (token && token->size() < kMinAdminTokenLength) {
        reader.error(token_node.Mark(), "admin.token is too short (" + std::to_string(token->size()) +
                                            " characters): use at least " + std::to_string(kMinAdminTokenLength) +
                                            " random characters");
    }
}

void read_storage(YamlReader& reader, const YAML::Node& root, Config& config) {
    config.storage.path = reader.resolve_path("data/leadhub.db");
    YAML::Node storage = reader.get(root, "storage");
    if (!present(storage) || !reader.expect_map(storage, "the storage section (a mapping with path)")) return;
    reader.check_keys(storage, {"path"}, "storage");
    if (auto path = reader.text(reader.get(storage, "path"), "a file path for the database"))
        config.storage.path = reader.resolve_path(*path);
}

void read_http(YamlReader& reader, const YAML::Node& root, Config& config) {
    YAML::Node http = reader.get(root, "http");
    if (!present(http) || !reader.expect_map(http, "the http section (a mapping)")) return;
    reader.check_keys(http, {"max_body_bytes", "read_timeout", "keep_alive_timeout", "threads", "io_threads", "max_connections",
                              "max_connections_per_client"},
                      "http");
    if (auto v = reader.integer(reader.get(http, "max_body_bytes"), "http.max_body_bytes as a whole number",
                                1024, 1LL << 30))
        config.http.max_body_bytes = *v;
    if (auto v = reader.duration(reader.get(http, "read_timeout"))) config.http.read_timeout = *v;
    if (auto v = reader.duration(reader.get(http, "keep_alive_timeout"))) config.http.keep_alive_timeout = *v;
    if (auto v = reader.integer(reader.get(http, "threads"), "http.threads as a whole number", 1, 256))
        config.http.threads = static_cast<int>(*v);
    if (auto v = reader.integer(reader.get(http, "io_threads"), "http.io_threads as a whole number", 1, 16))
        config.http.io_threads = static_cast<int>(*v);
    if (auto v = reader.integer(reader.get(http, "max_connections"), "http.max_connections as a whole number", 1, 100000))
        config.http.max_connections = static_cast<int>(*v);
    if (auto v = reader.integer(reader.get(http, "max_connections_per_client"),
                                "http.max_connections_per_client as a whole number", 0, 100000))
        config.http.max_connections_per_client = static_cast<int>(*v);
}

void read_plugins(YamlReader& reader, const YAML::Node& root, Config& config) {
    YAML::Node plugins = reader.get(root, "plugins");
    if (!present(plugins) || !reader.expect_map(plugins, "the plugins section (a mapping with dirs, watch)")) return;
    reader.check_keys(plugins, {"dirs", "watch"}, "plugins");
    if (auto dirs = reader.text_list(reader.get(plugins, "dirs"), "a list of plugin directories"))
        for (const auto& dir : *dirs) config.plugins.dirs.push_back(reader.resolve_path(dir));
    if (auto watch = reader.boolean(reader.get(plugins, "watch"), "plugins.watch")) config.plugins.watch = *watch;
}

void read_logging(YamlReader& reader, const YAML::Node& root, Config& config) {
    YAML::Node logging = reader.get(root, "logging");
    if (!present(logging) || !reader.expect_map(logging, "the logging section (a mapping with level)")) return;
    reader.check_keys(logging, {"level"}, "logging");
    YAML::Node level_node = reader.get(logging, "level");
    auto level = reader.text(level_node, "a log level");
    if (!level) return;
    const std::vector<std::string> names = {"debug", "info", "warn", "error"};
    const LogLevel levels[] = {LogLevel::debug, LogLevel::info, LogLevel::warn, LogLevel::error};
    for (std::size_t i = 0; i < names.size(); ++i)
        if (*level == names[i]) {
            config.logging.level = levels[i];
            return;
        }
    reader.error(level_node.Mark(), "unknown log level '" + *level + "': use debug, info, warn or error" +
                                        sdk::suggestion_suffix(*level, names));
}

}  // namespace

const std::vector<std::string>& top_level_keys() {
    static const std::vector<std::string> keys = {"version", "listen",  "admin",   "storage", "http",
                                                  "plugins", "dispatch", "logging", "tenants", "tenants_dir"};
    return keys;
}

const std::vector<std::string>& dispatch_keys() {
    static const std::vector<std::string> keys = {"max_attempts", "max_age", "backoff", "timeout"};
    return keys;
}

std::optional<ListenAddress> parse_listen_address(const std::string& text) {
    std::string host, port_text;
    if (!text.empty() && text.front() == '[') {
        std::size_t close = text.find("]:");
        if (close == std::string::npos) return std::nullopt;
        host = text.substr(1, close - 1);
        port_text = text.substr(close + 2);
        if (!is_ipv6_text(host)) return std::nullopt;
    } else {
        std::size_t colon = text.rfind(':');
        if (colon == std::string::npos) return std::nullopt;
        host = text.substr(0, colon);
        port_text = text.substr(colon + 1);
        if (!is_host_name(host)) return std::nullopt;
    }
    int port = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (port_text.empty() || ec != std::errc() || end != port_text.data() + port_text.size() || port < 1 ||
        port > 65535)
        return std::nullopt;
    return ListenAddress{host, port};
}

void read_dispatch_fields(YamlReader& reader, const YAML::Node& map, DispatchPolicy& policy, bool* timeout_written) {
    if (auto v = reader.integer(reader.get(map, "max_attempts"), "max_attempts as a whole number", 1, 1000))
        policy.max_attempts = static_cast<int>(*v);
    if (auto v = reader.duration(reader.get(map, "max_age"))) policy.max_age = *v;
    YAML::Node timeout = reader.get(map, "timeout");
    if (auto v = reader.duration(timeout)) policy.timeout = *v;
    if (timeout_written) *timeout_written = present(timeout);
    YAML::Node backoff = reader.get(map, "backoff");
    if (!present(backoff) ||
        !reader.expect_map(backoff, "backoff as a mapping, e.g. {initial: 1s, max: 10m, multiplier: 2, jitter: 0.2}"))
        return;
    reader.check_keys(backoff, {"initial", "max", "multiplier", "jitter"}, "backoff");
    auto& b = policy.backoff;
    if (auto v = reader.duration(reader.get(backoff, "initial"))) b.initial = *v;
    if (auto v = reader.duration(reader.get(backoff, "max"))) b.max = *v;
    if (auto v = reader.number(reader.get(backoff, "multiplier"), "backoff.multiplier as a number", 1, 100))
        b.multiplier = *v;
    if (auto v = reader.number(reader.get(backoff, "jitter"), "backoff.jitter as a number", 0, 1)) b.jitter = *v;
    if (b.initial > b.max)
        reader.error(backoff.Mark(), "backoff.initial (" + std::to_string(b.initial.count()) +
                                         "ms) is longer than backoff.max (" + std::to_string(b.max.count()) + "ms)");
}

void read_server_sections(YamlReader& reader, const YAML::Node& root, Config& config, InstanceDefaults& defaults) {
    YAML::Node version = reader.require(root, "version", "the config file");
    if (auto v = reader.integer(version, "the config version (1)", 0, 1000)) {
        if (*v != 1)
            reader.error(version.Mark(), "unsupported config version " + std::to_string(*v) +
                                             ": this leadhub reads version 1");
        config.version = static_cast<int>(*v);
    }
    read_listen(reader, root, config);
    read_admin(reader, root, config);
    read_storage(reader, root, config);
    read_http(reader, root, config);
    read_plugins(reader, root, config);
    YAML::Node dispatch = reader.get(root, "dispatch");
    if (present(dispatch) && reader.expect_map(dispatch, "the dispatch section (a mapping)")) {
        reader.check_keys(dispatch, dispatch_keys(), "dispatch");
        read_dispatch_fields(reader, dispatch, config.dispatch, &defaults.dispatch_timeout_written);
    }
    defaults.dispatch = config.dispatch;
    read_logging(reader, root, config);
}

}  // namespace leadhub::config
