#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "runtime/runtime.hpp"
#include "host/shadow_dir.hpp"

#include <Poco/Util/Option.h>

#include <filesystem>
#include <ostream>

namespace leadhub::app::cli {

namespace {
void print_library(const host::PluginLibrary& lib, std::ostream& out) {
    const auto& m = lib.manifest();
    std::string kinds;
    for (const auto& k : lib.kinds()) kinds += (kinds.empty() ? "" : ", ") + k;
    out << lib.name() << " " << lib.version() << "  (" << kinds << ")  " << lib.source_path().string() << "\n";
    if (!m.value("description", std::string()).empty()) out << "  " << m.value("description", std::string()) << "\n";
    for (const auto& o : m.value("options", nlohmann::json::array())) {
        out << "  - " << o.value("name", std::string()) << " (" << o.value("type", std::string());
        if (o.value("required", false)) out << ", required";
        if (o.value("secret", false)) out << ", secret";
        if (o.contains("default")) out << ", default " << o.at("default").dump();
        if (o.contains("choices")) out << ", one of " << o.at("choices").dump();
        out << "): " << o.value("help", std::string()) << "\n";
    }
}
}  // namespace

int plugins_command(const Argv& argv, std::ostream& out, std::ostream& err) {
    CommandSpec spec{"plugins", "plugins [-c FILE] [--json]",
                     "Lists the plugin libraries found (the config's plugins.dirs, $LEADHUB_PLUGIN_PATH, then "
                     "<prefix>/lib/leadhub/plugins), with their versions, kinds and options. Libraries that "
                     "cannot be loaded are listed with the reason.",
                     {}};
    spec.options.addOption(Poco::Util::Option("config", "c", "also search the config's plugins.dirs").argument("FILE"));
    spec.options.addOption(Poco::Util::Option("json", "", "print the manifests as JSON"));
    Args args;
    int code = 0;
    if (!parse(spec, argv, args, out, err, code)) return code;

    std::vector<std::string> config_dirs;
    if (args.has("config")) {
        auto loaded = config::load_config(args.get("config"), nullptr);
        if (loaded.config) config_dirs = loaded.config->plugins.dirs;
    }
    // The copies of the plugin libraries go to a folder of this process, removed on return.
    const auto temp = std::filesystem::temp_directory_path();
    std::string unclaimed;  // then the copies go to the same place, only without the lock
    auto shadow = host::ShadowDir::claim(temp, host::kShadowDirPrefix, unclaimed);
    host::PluginRegistry registry(host::shadow_dir_path(temp, host::kShadowDirPrefix, ::getpid()));
    std::vector<std::filesystem::path> dirs;
    for (const auto& d : plugin_search_dirs(config_dirs))
        if (std::filesystem::is_directory(d)) dirs.emplace_back(d);
    auto errors = registry.scan(dirs);
    if (args.has("json")) {
        nlohmann::json all = nlohmann::json::array();
        for (const auto& lib : registry.all()) {
            auto m = lib->manifest();
            m["file"] = lib->source_path().string();
            all.push_back(m);
        }
        out << all.dump(2) << "\n";
    } else {
        if (registry.all().empty()) out << "no plugins found in:" << (dirs.empty() ? " (no existing directory)" : "") << "\n";
        for (const auto& d : dirs) if (registry.all().empty()) out << "  " << d.string() << "\n";
        for (const auto& lib : registry.all()) print_library(*lib, out);
    }
    for (const auto& e : errors) err << "refused: " << e << "\n";
    return registry.all().empty() ? ExitCode::failure : ExitCode::ok;
}

}  // namespace leadhub::app::cli
