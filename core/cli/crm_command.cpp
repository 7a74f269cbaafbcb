// `leadhub crm connect TENANT/INSTANCE -c FILE [--code CODE]`: asks the running hub
// (POST /api/crm/connect) to have a CRM instance finish its connection: with --code, exchange
// the OAuth authorization code the owner got when granting access (amoCRM, Bitrix24 apps) for
// tokens it keeps in the store; without, check the connection and say what is missing.
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/hub_client.hpp"
#include "config/config.hpp"

#include <Poco/Util/Option.h>

#include <ostream>

namespace leadhub::app::cli {

int crm_command(const Argv& argv, std::ostream& out, std::ostream& err) {
    CommandSpec spec{"crm", "crm connect TENANT/INSTANCE -c FILE [--code CODE] [--url URL]",
                     "connect: the CRM instance exchanges the authorization code (OAuth) for its tokens and "
                     "keeps them in the store, or checks its connection; the hub must be running.",
                     {}};
    spec.options.addOption(Poco::Util::Option("config", "c", "the deployment config (the admin listen address)").argument("FILE"));
    spec.options.addOption(Poco::Util::Option("code", "", "the authorization code from the CRM's consent page").argument("CODE"));
    spec.options.addOption(Poco::Util::Option("url", "", "the hub's admin address, instead of the config's listen address").argument("URL"));
    Args args;
    int code = 0;
    if (!parse(spec, argv, args, out, err, code)) return code;
    auto usage = [&](const std::string& why) {
        err << "leadhub crm: " << why << "\nusage: leadhub " << spec.usage << "\n";
        return ExitCode::usage;
    };
    if (args.positional.empty() || args.positional[0] != "connect")
        return usage(args.positional.empty() ? "say connect" : "unknown action '" + args.positional[0] + "': use connect");
    if (args.positional.size() != 2) return usage("connect needs one TENANT/INSTANCE");
    const std::string key = args.positional[1];
    if (!is_instance_key(key)) return usage("'" + key + "' is not TENANT/INSTANCE");
    if (args.has("code") && args.get("code").empty()) return usage("--code needs the code");

    auto hub = hub_of_config(args.get("config"), args.get("url"), "crm", err);
    if (!hub) return ExitCode::failure;
    nlohmann::json request = {{"instance", key}};
    if (args.has("code")) request["code"] = args.get("code");
    try {
        HubAnswer answer = call_hub(*hub, "POST", "/api/crm/connect", request.dump(), 30);
        if (answer.status != 200 || answer.body.is_discarded()) {
            err << "leadhub crm: " << key << ": " << answer.error_text() << "\n";
            return ExitCode::failure;
        }
        out << key << ": " << (args.has("code") ? "the code was exchanged for tokens" : "the connection as the CRM reports it") << "\n";
        for (const auto& [k, value] : answer.body.items())
            out << "  " << k << ": " << (value.is_string() ? value.get<std::string>() : value.dump()) << "\n";
        return ExitCode::ok;
    } catch (const std::exception& e) {
        err << "leadhub crm: " << e.what() << "\n";
        return ExitCode::failure;
    }
}

}  // namespace leadhub::app::cli
