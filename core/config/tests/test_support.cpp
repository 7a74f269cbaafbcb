#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <leadhub/sdk/plugin.hpp>

#include <atomic>
#include <fstream>
#include <random>

namespace leadhub::config::testing {

std::string data_dir() { return std::string(LEADHUB_SOURCE_DIR) + "/core/config/tests/data"; }

Environment fake_env(std::map<std::string, std::string> variables) {
    return [variables = std::move(variables)](const std::string& name) -> std::optional<std::string> {
        auto it = variables.find(name);
        return it == variables.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
}

std::vector<Json> fake_manifests() {
    using sdk::OptionSpec;
    sdk::PluginInfo webform{"webform", "1.0.0", "web forms", {"source"},
                            {OptionSpec::string("token", "shared secret of the form").is_required().is_secret()}, {}};
    sdk::PluginInfo http{"http", "1.0.0", "POST leads to a URL", {"sink"},
                         {OptionSpec::string("url", "where to POST").is_required(),
                          OptionSpec::string_map("headers", "extra headers"),
                          OptionSpec::string("api_key", "sent as X-Api-Key").is_secret(),
                          OptionSpec::integer("retries", "inner retries").between(0, 10).with_default(2),
                          OptionSpec::string("mode", "how").one_of({"normal", "fast"}).with_default("normal")},
                         {{"rate_per_second", 5}, {"burst", 10}, {"concurrency", 3}, {"timeout_ms", 20000}}};
    sdk::PluginInfo telegram{"telegram", "1.0.0", "Telegram bot", {"source", "notifier"},
                             {OptionSpec::string("bot_token", "from @BotFather").is_required().is_secret(),
                              OptionSpec::string("chat_id", "where notices go")},
                             {}};
    return {sdk::manifest_json(webform), sdk::manifest_json(http), sdk::manifest_json(telegram)};
}

ManifestLookup fake_lookup() { return ManifestLookup(fake_manifests()); }

LoadResult load_text(const TempDir& dir, const std::string& yaml, const Environment& env) {
    return load_config(dir.write("leadhub.yaml", yaml), fake_lookup(), env);
}

bool has_error(const LoadResult& result, int line, int column, const std::string& text) {
    for (const auto& e : result.errors)
        if (e.line == line && e.column == column && e.message.find(text) != std::string::npos) return true;
    // Shown with the failing check: what was expected and what the loader said instead.
    UNSCOPED_INFO("no error at " << line << ":" << column << " containing \"" << text << "\"; errors were:\n"
                                 << result.error_text());
    return false;
}

}  // namespace leadhub::config::testing
