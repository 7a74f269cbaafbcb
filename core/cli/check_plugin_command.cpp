#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "kit/conformance.hpp"

#include <Poco/Util/Option.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <ostream>
#include <string>

namespace leadhub::app::cli {

namespace {
constexpr long kMaxTimeoutSeconds = 3600;
}

int check_plugin_command(const Argv& argv, std::ostream& out, std::ostream& err) {
    CommandSpec spec{"check-plugin", "check-plugin LIB [--options JSON] [--timeout SECONDS]",
                     "Runs the conformance suite against the plugin library LIB: manifest and ABI, options "
                     "validation, lifecycle, behaviour on malformed input, and the shape of its results. Prints "
                     "one PASS/FAIL line per check with the reason; exits 0 only when every check passes. Plugin "
                     "code runs in child processes, so a crash or a hang is a FAIL, not the end of the run.",
                     {}};
    spec.options.addOption(Poco::Util::Option("options", "o",
                                              "options for the instances the suite creates, as a JSON object, e.g. "
                                              "'{\"url\": \"http://127.0.0.1:9/\"}' (required ones that cannot be invented)")
                               .argument("JSON"));
    spec.options.addOption(
        Poco::Util::Option("timeout", "t", "seconds one check may take before it fails (default 20)").argument("SECONDS"));
    Args args;
    int code = 0;
    if (!parse(spec, argv, args, out, err, code)) return code;

    auto usage_error = [&](const std::string& message) {
        err << "leadhub check-plugin: " << message << "\n"
            << "usage: leadhub " << spec.usage << "   (leadhub check-plugin --help for more)\n";
        return ExitCode::usage;
    };
    if (args.positional.size() != 1) return usage_error("give exactly one plugin library (a .so file)");
    kit::ConformanceConfig config;
    config.library = args.positional[0];
    if (args.has("options")) {
        config.options = nlohmann::json::parse(args.get("options"), nullptr, false);
        if (config.options.is_discarded() || !config.options.is_object())
            return usage_error("--options must be a JSON object, e.g. '{\"url\": \"http://127.0.0.1:9/\"}'");
    }
    if (args.has("timeout")) {
        const std::string text = args.get("timeout");
        long seconds = 0;
        try {
            std::size_t used = 0;
            seconds = std::stol(text, &used);
            if (used != text.size()) seconds = 0;
        } catch (const std::exception&) {
            seconds = 0;
        }
        if (seconds < 1 || seconds > kMaxTimeoutSeconds)
            return usage_error("--timeout must be a whole number of seconds from 1 to " + std::to_string(kMaxTimeoutSeconds));
        config.check_timeout = std::chrono::seconds(seconds);
    }

    out << "checking " << config.library.string() << "\n";
    out.flush();
    std::size_t failed = 0;
    auto results = kit::run_conformance(config, [&](const kit::CheckResult& r) {
        if (!r.passed) ++failed;
        out << (r.passed ? "PASS  " : "FAIL  ") << r.name;
        if (!r.reason.empty()) out << " — " << r.reason;
        out << "\n";
        out.flush();
    });
    if (results.size() == 1 && failed == 1) {
        out << "the library could not be loaded: nothing else can be checked\n";
        return ExitCode::failure;
    }
    out << (results.size() - failed) << " of " << results.size() << " checks passed\n";
    return failed == 0 ? ExitCode::ok : ExitCode::failure;
}

}  // namespace leadhub::app::cli
