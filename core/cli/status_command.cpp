// `leadhub status`: asks the running hub over its admin API (GET /api/status) what it runs. The
// address and the admin token come from the same config the hub runs on, so an operator types
// only `leadhub status -c leadhub.yaml`; --url overrides the address (a hub behind a proxy).
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/hub_client.hpp"
#include "config/config.hpp"

#include <Poco/Util/Option.h>

#include <nlohmann/json.hpp>

#include <ostream>

namespace leadhub::app::cli {

namespace {

using nlohmann::json;

std::string text_or(const json& j, const char* key, const std::string& fallback = "-") {
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : fallback;
}

std::string duration(int64_t seconds) {
    std::string out;
    if (seconds >= 86400) out += std::to_string(seconds / 86400) + "d ";
    if (seconds >= 3600) out += std::to_string(seconds / 3600 % 24) + "h ";
    if (seconds >= 60) out += std::to_string(seconds / 60 % 60) + "m ";
    return out + std::to_string(seconds % 60) + "s";
}

std::string reloads(const json& r) {
    std::string out = std::to_string(r.value("reloads", 0)) + " reloads, " + std::to_string(r.value("refused", 0)) + " refused";
    if (r.contains("last_error") && r["last_error"].is_string())
        out += "\n    last refusal at " + text_or(r, "last_error_at") + ": " + r["last_error"].get<std::string>();
    return out;
}

void print_status(const json& s, std::ostream& out) {
    const json& watch = s.value("watch", json::object());
    std::string watching = watch.value("plugins", false) ? (watch.value("config", false) ? "plugins and config" : "plugins")
                                                          : (watch.value("config", false) ? "config" : "nothing (SIGHUP reloads)");
    out << "leadhub " << text_or(s, "version") << " (pid " << s.value("pid", 0) << "), up "
        << duration(s.value("uptime_seconds", int64_t{0})) << ", watching " << watching << "\n";
    const json& config = s.value("config", json::object());
    out << "config " << text_or(config, "path") << ": " << reloads(config) << "\n";
    out << "plugins:\n";
    for (const auto& p : s.value("plugins", json::array()))
        out << "  " << text_or(p, "name") << " " << text_or(p, "version") << " (" << text_or(p, "file") << "): " << reloads(p)
            << "\n";
    out << "instances:\n";
    for (const auto& i : s.value("instances", json::array())) {
        out << "  " << text_or(i, "tenant") << "/" << text_or(i, "name") << "  " << text_or(i, "kind") << "  "
            << text_or(i, "plugin") << " " << text_or(i, "version", "") << "  ";
        if (i.value("running", false)) {
            out << "running\n";
            // A source's own view (abi.h "status"): one line per field, e.g. a poller's last success.
            if (i.contains("live") && i["live"].is_object())
                for (const auto& [key, value] : i["live"].items())
                    out << "      " << key << ": " << (value.is_string() ? value.get<std::string>() : value.dump()) << "\n";
        }
        else
            out << "NOT RUNNING: " << text_or(i, "error") << "\n";
    }
}

}  // namespace

int status_command(const Argv& argv, std::ostream& out, std::ostream& err) {
    CommandSpec spec{"status", "status -c FILE [--url URL] [--json]",
                     "Asks the running hub (GET /api/status on its admin API, with the config's listen address "
                     "and admin token) what it runs: its version, each plugin's version and reload count with "
                     "the last refused reload, and every instance with its state. Exits 1 when the hub does "
                     "not answer.",
                     {}};
    spec.options.addOption(Poco::Util::Option("config", "c", "the config the hub runs on (listen, admin.token)").argument("FILE").required(true));
    spec.options.addOption(Poco::Util::Option("url", "", "the hub's base URL, instead of the config's listen address").argument("URL"));
    spec.options.addOption(Poco::Util::Option("json", "", "print the status as JSON"));
    Args args;
    int code = 0;
    if (!parse(spec, argv, args, out, err, code)) return code;

    auto loaded = config::load_config(args.get("config"), nullptr);
    if (!loaded.ok()) {
        err << "leadhub status: cannot read the config:\n" << loaded.error_text() << "\n";
        return ExitCode::failure;
    }
    std::string why;
    auto hub = hub_address(*loaded.config, args.get("url"), why);
    if (!hub) {
        err << "leadhub status: " << why << "\n";
        return ExitCode::failure;
    }
    try {
        HubAnswer answer = call_hub(*hub, "GET", "/api/status");
        if (answer.status != 200 || answer.body.is_discarded()) {
            err << "leadhub status: the hub at " << hub->text() << " answered " << answer.status << ": "
                << answer.error_text() << "\n";
            return ExitCode::failure;
        }
        if (args.has("json"))
            out << answer.body.dump(2) << "\n";
        else
            print_status(answer.body, out);
        return ExitCode::ok;
    } catch (const std::exception& e) {
        err << "leadhub status: " << e.what() << "\n";
        return ExitCode::failure;
    }
}

}  // namespace leadhub::app::cli
