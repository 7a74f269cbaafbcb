#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "config/config.hpp"
#include "understand/understand.hpp"

#include <Poco/Util/Option.h>

#include <iostream>

namespace leadhub::app::cli {

namespace {

// Every tenant of the config (or only `tenant`) as a catalog keyed by the tenant's id.
bool catalogs_from_config(const Args& args, std::map<std::string, understand::Catalog>& catalogs, std::ostream& err) {
    auto loaded = config::load_config(args.get("config"), nullptr);
    if (!loaded.ok()) {
        err << loaded.error_text() << "\n";
        return false;
    }
    const std::string only = args.get("tenant");
    for (const auto& tenant : loaded.config->tenants) {
        if (!only.empty() && tenant.id != only) continue;
        understand::Catalog catalog;
        catalog.title = tenant.name;
        catalog.timezone = tenant.timezone;
        catalog.country = tenant.country;
        for (const auto& s : tenant.services) catalog.services.push_back({s.id, s.name, s.keywords});
        catalogs.emplace(tenant.id, std::move(catalog));
    }
    if (catalogs.empty()) {
        err << "leadhub classify: no tenant '" << only << "' in " << args.get("config") << "\n";
        return false;
    }
    return true;
}

}  // namespace

int classify_command(const Argv& argv, std::ostream& out, std::ostream& err) {
    CommandSpec spec{"classify", "classify (--catalog FILE | -c FILE [--tenant ID]) < messages.jsonl",
                     "Reads customer messages as JSON lines on standard input ({\"id\", \"business\", \"text\", "
                     "\"received_at\"}) and writes what leadhub understands in each, one JSON line per message: "
                     "intent, services, urgent, name, phone, date, time, daypart. `business` names a business of the "
                     "catalog file, or a tenant id of the config. A bad line is reported as 'line N: why' on "
                     "standard error and skipped; the exit code is then 1.",
                     {}};
    spec.options.addOption(
        Poco::Util::Option("catalog", "", "a catalog file: businesses: {key: {title, timezone, services}}").argument("FILE"));
    spec.options.addOption(Poco::Util::Option("config", "c", "take the catalogs from a deployment config").argument("FILE"));
    spec.options.addOption(Poco::Util::Option("tenant", "t", "with -c: only this tenant").argument("ID"));
    Args args;
    int code = 0;
    if (!parse(spec, argv, args, out, err, code)) return code;
    auto usage = [&](const std::string& why) {
        err << "leadhub classify: " << why << "\nusage: leadhub " << spec.usage << "\n";
        return ExitCode::usage;
    };
    if (args.has("catalog") == args.has("config")) return usage("give either --catalog FILE or -c FILE");
    if (args.has("tenant") && !args.has("config")) return usage("--tenant goes with -c");
    if (!args.positional.empty()) return usage("unexpected argument '" + args.positional[0] + "'");

    std::map<std::string, understand::Catalog> catalogs;
    if (args.has("catalog")) {
        try {
            catalogs = understand::load_catalogs(args.get("catalog"));
        } catch (const std::exception& e) {
            err << "leadhub classify: " << e.what() << "\n";
            return ExitCode::failure;
        }
    } else if (!catalogs_from_config(args, catalogs, err)) {
        return ExitCode::failure;
    }
    return understand::run_classify(std::cin, out, err, catalogs) == 0 ? ExitCode::ok : ExitCode::failure;
}

}  // namespace leadhub::app::cli
