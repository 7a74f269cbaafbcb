// Fuzzes the config reader: YAML text -> validated Config (load_config), with plugin manifests
// to check instance options against, an environment for ${NAME} and a secret file for
// ${file:...}. load_config's contract (config.hpp): never throws for bad input, and returns a
// Config exactly when it found no error.
#include "config/config.hpp"

#include <leadhub/sdk/plugin.hpp>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

namespace fs = std::filesystem;
using namespace leadhub::config;

namespace {

// A private folder holding the file under test, a secret file and an empty tenants_dir; it is
// left behind when libFuzzer exits (tiny, in the temp dir).
const fs::path& workdir() {
    static const fs::path dir = [] {
        fs::path d = fs::temp_directory_path() / ("leadhub-fuzz-config-" + std::to_string(std::random_device()()));
        fs::create_directories(d / "secrets");
        fs::create_directories(d / "clients");
        std::ofstream(d / "secrets" / "crm_key", std::ios::binary) << "k-123\n";
        return d;
    }();
    return dir;
}

// The manifests the config tests use (webform source, http sink, telegram source/notifier).
const ManifestLookup& manifests() {
    using leadhub::sdk::OptionSpec;
    static const ManifestLookup lookup = [] {
        leadhub::sdk::PluginInfo webform{"webform", "1.0.0", "web forms", {"source"},
                                         {OptionSpec::string("token", "secret").is_required().is_secret()}, {}};
        leadhub::sdk::PluginInfo http{"http", "1.0.0", "POST leads", {"sink"},
                                      {OptionSpec::string("url", "where").is_required(),
                                       OptionSpec::string_map("headers", "extra headers"),
                                       OptionSpec::integer("retries", "inner").between(0, 10).with_default(2),
                                       OptionSpec::string("mode", "how").one_of({"normal", "fast"}).with_default("normal")},
                                      {{"rate_per_second", 5}, {"burst", 10}}};
        leadhub::sdk::PluginInfo telegram{"telegram", "1.0.0", "bot", {"source", "notifier"},
                                          {OptionSpec::string("bot_token", "token").is_required().is_secret()}, {}};
        return ManifestLookup(std::vector<Json>{leadhub::sdk::manifest_json(webform), leadhub::sdk::manifest_json(http),
                                                leadhub::sdk::manifest_json(telegram)});
    }();
    return lookup;
}

std::optional<std::string> environment(const std::string& name) {
    if (name == "FORM_TOKEN" || name == "BOT_TOKEN" || name == "LEADHUB_ADMIN_TOKEN") return "s3cret-" + name;
    return std::nullopt;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const fs::path file = workdir() / "leadhub.yaml";
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    LoadResult result;
    try {
        result = load_config(file.string(), manifests(), environment);
    } catch (...) {
        std::abort();  // the contract: bad input is an error in the result, never an exception
    }
    if (result.ok() != result.errors.empty()) std::abort();
    (void)result.error_text();
    if (result.config) (void)result.config->mask_secrets("s3cret-FORM_TOKEN k-123");
    return 0;
}
