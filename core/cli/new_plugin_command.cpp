#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "kit/scaffold.hpp"

#include <Poco/Util/Option.h>

#include <algorithm>
#include <filesystem>
#include <ostream>

namespace leadhub::app::cli {

int new_plugin_command(const Argv& argv, std::ostream& out, std::ostream& err) {
    CommandSpec spec{"new-plugin", "new-plugin --kind source|sink|notifier|processor NAME [DIR]",
                     "Writes a working plugin folder NAME (or DIR): CMakeLists.txt for the installed SDK "
                     "(find_package(leadhub-sdk)), the manifest and export, declared options, a small real "
                     "behaviour, a README with the options table and tests on the SDK's fake host. NAME is "
                     "[a-z][a-z0-9_-]*; an existing non-empty DIR is refused.",
                     {}};
    spec.options.addOption(Poco::Util::Option("kind", "k", "source, sink, notifier or processor")
                               .argument("KIND")
                               .required(true));
    Args args;
    int code = 0;
    if (!parse(spec, argv, args, out, err, code)) return code;

    auto usage_error = [&](const std::string& message) {
        err << "leadhub new-plugin: " << message << "\n"
            << "usage: leadhub " << spec.usage << "   (leadhub new-plugin --help for more)\n";
        return ExitCode::usage;
    };
    if (args.positional.empty() || args.positional.size() > 2) return usage_error("give the plugin NAME and, optionally, DIR");
    const std::string name = args.positional[0];
    if (std::string problem = kit::check_plugin_name(name); !problem.empty()) return usage_error(problem);
    const std::string kind = args.get("kind");
    const auto& kinds = kit::scaffold_kinds();
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
        return usage_error("unknown kind '" + kind + "': use source, sink, notifier or processor");

    const std::filesystem::path dir = args.positional.size() == 2 ? args.positional[1] : name;
    auto result = kit::write_plugin(kind, kit::derive_plugin_name(name), dir);
    if (!result.ok()) {
        err << "leadhub new-plugin: " << result.error << "\n";
        return ExitCode::failure;
    }
    out << "wrote the " << kind << " plugin '" << name << "' to " << dir.string() << ":\n";
    for (const auto& file : result.written) out << "  " << file.lexically_relative(dir).string() << "\n";
    out << "\nbuild and test it against the installed SDK:\n"
        << "  cmake -S " << dir.string() << " -B " << (dir / "build").string()
        << " -DCMAKE_PREFIX_PATH=<leadhub prefix>\n"
        << "  cmake --build " << (dir / "build").string() << " && ctest --test-dir " << (dir / "build").string() << "\n"
        << "then check it: leadhub check-plugin " << (dir / "build" / "plugins").string() << "/leadhub-" << name << ".so\n";
    return ExitCode::ok;
}

}  // namespace leadhub::app::cli
