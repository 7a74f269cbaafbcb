// `leadhub channels connect TENANT/INSTANCE -c FILE [--public-url URL]`: asks the running hub
// (POST /api/channels/connect) to have the channel register its webhook with the platform where
// the platform has an API for it (Telegram setWebhook), or to say exactly what to paste into the
// platform's settings. The webhook URL is the hub's public address + /hooks/<tenant>/<instance>.
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/hub_client.hpp"
#include "config/config.hpp"

#include <Poco/Util/Option.h>

#include <ostream>

namespace leadhub::app::cli {

namespace {

void print_connect(const nlohmann::json& answer, std::ostream& out) {
    const bool performed = answer.value("performed", false);
    out << (performed ? "done:" : "to do in the platform's settings:") << "\n";
    for (const auto& step : answer.value("steps", nlohmann::json::array()))
        out << "  - " << (step.is_string() ? step.get<std::string>() : step.dump()) << "\n";
    for (const auto& [key, value] : answer.items()) {
        if (key == "performed" || key == "steps") continue;
        out << key << ": " << (value.is_string() ? value.get<std::string>() : value.dump()) << "\n";
    }
}

}  // namespace

int channels_command(const Argv& argv, std::ostream& out, std::ostream& err) {
    CommandSpec spec{"channels", "channels connect TENANT/INSTANCE -c FILE [--public-url URL] [--url URL] [--json]",
                     "connect: the channel instance registers its webhook with the platform where the platform has "
                     "an API for it (Telegram: setWebhook with the secret token), or prints the exact URL and "
                     "values to paste into the platform's settings. --public-url is the hub's address as the "
                     "platform reaches it (https://hub.example.ru); the webhook is that + /hooks/TENANT/INSTANCE. "
                     "Polling instances need no public address.",
                     {}};
    spec.options.addOption(Poco::Util::Option("config", "c", "the config the hub runs on (listen, admin.token)").argument("FILE").required(true));
    spec.options.addOption(Poco::Util::Option("public-url", "", "the hub's public base URL, as the platform reaches it").argument("URL"));
    spec.options.addOption(Poco::Util::Option("url", "", "the hub's admin address, instead of the config's listen address").argument("URL"));
    spec.options.addOption(Poco::Util::Option("json", "", "print the answer as JSON"));
    Args args;
    int code = 0;
    if (!parse(spec, argv, args, out, err, code)) return code;
    auto usage = [&](const std::string& why) {
        err << "leadhub channels: " << why << "\nusage: leadhub " << spec.usage << "\n";
        return ExitCode::usage;
    };
    if (args.positional.empty() || args.positional[0] != "connect")
        return usage(args.positional.empty() ? "say connect" : "unknown action '" + args.positional[0] + "': use connect");
    if (args.positional.size() != 2) return usage("connect needs one TENANT/INSTANCE");
    const std::string key = args.positional[1];
    if (!is_instance_key(key)) return usage("'" + key + "' is not TENANT/INSTANCE");
    std::string public_url = args.get("public-url");
    if (!public_url.empty() && !public_url.starts_with("https://") && !public_url.starts_with("http://"))
        return usage("--public-url must start with https:// (platforms call webhooks over HTTPS)");
    while (public_url.ends_with("/")) public_url.pop_back();

    auto hub = hub_of_config(args.get("config"), args.get("url"), "channels", err);
    if (!hub) return ExitCode::failure;
    nlohmann::json request = {{"instance", key}};
    if (!public_url.empty()) request["webhook_url"] = public_url + "/hooks/" + key;
    try {
        // The channel calls its platform: give it longer than a local call.
        HubAnswer answer = call_hub(*hub, "POST", "/api/channels/connect", request.dump(), 30);
        if (answer.status != 200 || answer.body.is_discarded()) {
            err << "leadhub channels: " << key << ": " << answer.error_text() << "\n";
            return ExitCode::failure;
        }
        if (args.has("json"))
            out << answer.body.dump(2) << "\n";
        else
            print_connect(answer.body, out);
        return ExitCode::ok;
    } catch (const std::exception& e) {
        err << "leadhub channels: " << e.what() << "\n";
        return ExitCode::failure;
    }
}

}  // namespace leadhub::app::cli
