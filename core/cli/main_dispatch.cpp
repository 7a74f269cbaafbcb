#include "cli/args.hpp"
#include "cli/commands.hpp"

#include <leadhub/sdk/abi.h>

#include <map>
#include <ostream>

#ifndef LEADHUB_VERSION
#define LEADHUB_VERSION "0.0.0"
#endif

namespace leadhub::app::cli {

namespace {
struct Entry {
    int (*fn)(const Argv&, std::ostream&, std::ostream&);
    const char* purpose;
};

const std::map<std::string, Entry>& commands() {
    static const std::map<std::string, Entry> c = {
        {"run", {&run_command, "run the hub on a config (SIGHUP reloads, --watch, SIGTERM drains)"}},
        {"validate", {&validate_command, "check a config and print every error as file:line:column"}},
        {"plugins", {&plugins_command, "list installed plugins, their versions and options"}},
        {"deadletters", {&deadletters_command, "list dead letters and replay them"}},
        {"classify", {&classify_command, "read customer messages (JSON lines) and print what they ask for"}},
        {"leads", {&leads_command, "take a lead offered to several people for one of them"}},
        {"contacts", {&contacts_command, "show a customer's contact, undo a merge, erase a person's data"}},
        {"new-plugin", {&new_plugin_command, "write a working plugin folder (source, sink, notifier, processor)"}},
        {"check-plugin", {&check_plugin_command, "run the conformance suite against a plugin library"}},
        {"schema", {&schema_command, "print the JSON Schema of the config, for editors"}},
        {"status", {&status_command, "ask a running hub what runs: versions, instances, reloads, errors"}},
        {"channels", {&channels_command, "connect a channel: register its webhook with the platform, or say what to paste"}},
        {"crm", {&crm_command, "connect a CRM: exchange its OAuth authorization code for tokens"}},
    };
    return c;
}

void overview(std::ostream& out) {
    out << "leadhub " << LEADHUB_VERSION << " — no customer enquiry lost\n\n"
        << "usage: leadhub <command> [options]\n\ncommands:\n";
    for (const auto& [name, e] : commands()) out << "  " << name << std::string(14 - name.size(), ' ') << e.purpose << "\n";
    out << "  version       print the version and the plugin ABI version\n\n"
        << "'leadhub <command> --help' tells more about one command.\n";
}
}  // namespace

int main_dispatch(int argc, char** argv, std::ostream& out, std::ostream& err) {
    if (argc < 2) {
        overview(err);
        return ExitCode::usage;
    }
    std::string command = argv[1];
    if (command == "help" || command == "--help" || command == "-h") {
        overview(out);
        return ExitCode::ok;
    }
    if (command == "version" || command == "--version") {
        out << "leadhub " << LEADHUB_VERSION << " (plugin ABI " << LEADHUB_ABI_VERSION << ")\n";
        return ExitCode::ok;
    }
    auto it = commands().find(command);
    if (it == commands().end()) {
        err << "leadhub: unknown command '" << command << "'\n\n";
        overview(err);
        return ExitCode::usage;
    }
    Argv rest(argv + 2, argv + argc);
    return it->second.fn(rest, out, err);
}

}  // namespace leadhub::app::cli
