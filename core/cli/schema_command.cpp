#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "runtime/runtime.hpp"

#include <Poco/Util/Option.h>

#include <filesystem>
#include <ostream>
#include <unistd.h>

namespace leadhub::app::cli {

int schema_command(const Argv& argv, std::ostream& out, std::ostream& err) {
    CommandSpec spec{"schema", "schema [-c FILE]",
                     "Prints the JSON Schema (draft-07) of a deployment config, with the options of every installed "
                     "plugin (the config's plugins.dirs with -c, $LEADHUB_PLUGIN_PATH, then "
                     "<prefix>/lib/leadhub/plugins), so an editor completes and checks the YAML as it is typed. "
                     "See docs/editor-schema.md.",
                     {}};
    spec.options.addOption(Poco::Util::Option("config", "c", "also use the plugins in this config's plugins.dirs").argument("FILE"));
    Args args;
    int code = 0;
    if (!parse(spec, argv, args, out, err, code)) return code;
    if (!args.positional.empty()) {
        err << "leadhub schema: unexpected argument '" << args.positional[0] << "'\n"
            << "usage: leadhub " << spec.usage << "   (leadhub schema --help for more)\n";
        return ExitCode::usage;
    }

    std::vector<std::string> config_dirs;
    if (args.has("config")) {
        const std::string path = args.get("config");
        if (!std::filesystem::is_regular_file(path)) {
            err << "leadhub schema: cannot read the config " << path << "\n";
            return ExitCode::failure;
        }
        // Only plugins.dirs is needed; a config with other errors still names where its plugins are.
        auto loaded = config::load_config(path, nullptr);
        if (loaded.config) config_dirs = loaded.config->plugins.dirs;
        else err << "warning: " << path << " has errors; its plugins.dirs could not be read\n";
    }
    const auto shadow_dir = std::filesystem::temp_directory_path() / ("leadhub-schema-" + std::to_string(::getpid()));
    std::vector<nlohmann::json> manifests;
    {
        host::PluginRegistry registry(shadow_dir);
        std::vector<std::filesystem::path> dirs;
        for (const auto& d : plugin_search_dirs(config_dirs))
            if (std::filesystem::is_directory(d)) dirs.emplace_back(d);
        for (const auto& e : registry.scan(dirs)) err << "warning: plugin library refused: " << e << "\n";
        for (const auto& lib : registry.all()) manifests.push_back(lib->manifest());
    }
    std::error_code ec;
    std::filesystem::remove_all(shadow_dir, ec);  // the libraries are unloaded: only their empty folder is left
    out << config::config_json_schema(manifests).dump(2) << "\n";
    return ExitCode::ok;
}

}  // namespace leadhub::app::cli
