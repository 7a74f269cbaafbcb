#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "runtime/runtime.hpp"
#include "config/secret_mask.hpp"
#include "host/instance_services.hpp"
#include "host/plugin_instance.hpp"
#include "host/shadow_dir.hpp"

#include <Poco/Util/Option.h>

#include <filesystem>
#include <ostream>

namespace leadhub::app::cli {

namespace {

// What an instance created only to check it may reach: nothing outside (its constructor has no
// business calling anyone), and no log lines mixed into validate's report.
class CheckOnlyServices final : public host::DefaultServices {
public:
    CheckOnlyServices() : DefaultServices([](lh_log_level, const std::string&) {}) {}
    sdk::HttpResponse http(const sdk::HttpRequest&) override {
        sdk::HttpResponse r;
        r.error = "no outbound calls while a config is validated";
        return r;
    }
};

// Creates (never starts) each in-process instance, so the plugin's own checks of its options run:
// those the schema cannot say, such as a secret required only in one mode (Telegram's
// secret_token in webhook mode). "tenant/instance: why" for each refusal. A plugin isolated in
// its own process (`isolation: process`) is not trusted to run inside this one, and is skipped.
std::vector<std::string> refused_instances(const config::Config& config, host::PluginRegistry& registry) {
    std::vector<std::string> refused;
    for (const auto& tenant : config.tenants)
        for (const auto* list : {&tenant.sources, &tenant.sinks, &tenant.notifiers, &tenant.processors})
            for (const auto& instance : *list) {
                if (!instance.enabled || instance.isolation == config::Isolation::process) continue;
                auto library = registry.find(instance.plugin);
                if (!library) continue;
                auto created = host::PluginInstance::create(library, tenant.id, instance.name, instance.options,
                                                            std::make_shared<CheckOnlyServices>());
                if (!created) refused.push_back(tenant.id + "/" + instance.name + ": " + created.error);
            }
    return refused;
}

}  // namespace

int validate_command(const Argv& argv, std::ostream& out, std::ostream& err) {
    CommandSpec spec{"validate", "validate -c FILE",
                     "Checks a deployment config as a whole, with the installed plugins' option schemas, and prints "
                     "every error as file:line:column: message; then creates (never starts) each instance so the "
                     "plugin's own checks run (a secret one mode requires). Exit 0 when valid, 1 when not.",
                     {}};
    spec.options.addOption(Poco::Util::Option("config", "c", "the YAML config to check").argument("FILE").required(true));
    Args args;
    int code = 0;
    if (!parse(spec, argv, args, out, err, code)) return code;

    // The copies of the plugin libraries go to a folder of this process, removed on return.
    const auto temp = std::filesystem::temp_directory_path();
    std::string unclaimed;  // then the copies go to the same place, only without the lock
    auto shadow = host::ShadowDir::claim(temp, host::kShadowDirPrefix, unclaimed);
    host::PluginRegistry registry(host::shadow_dir_path(temp, host::kShadowDirPrefix, ::getpid()));
    std::vector<std::string> plugin_errors;
    auto result = load_with_plugins(args.get("config"), registry, plugin_errors);
    // The config's errors come masked (load_config); the rest of what is printed is masked here.
    for (const auto& e : plugin_errors)
        err << "warning: plugin library refused: " << config::mask_secret_values(e, result.secrets) << "\n";
    if (!result.ok()) {
        err << result.error_text();
        if (!result.error_text().empty() && result.error_text().back() != '\n') err << "\n";
        err << result.errors.size() << (result.errors.size() == 1 ? " error" : " errors") << " in " << args.get("config") << "\n";
        return ExitCode::failure;
    }
    if (auto refused = refused_instances(*result.config, registry); !refused.empty()) {
        for (const auto& r : refused)
            err << args.get("config") << ": " << config::mask_secret_values(r, result.secrets) << "\n";
        err << refused.size() << (refused.size() == 1 ? " instance refused by its plugin" : " instances refused by their plugins") << " in "
            << args.get("config") << "\n";
        return ExitCode::failure;
    }
    std::size_t instances = 0;
    for (const auto& t : result.config->tenants)
        instances += t.sources.size() + t.sinks.size() + t.notifiers.size() + t.processors.size();
    out << args.get("config") << ": valid (" << result.config->tenants.size()
        << (result.config->tenants.size() == 1 ? " tenant, " : " tenants, ") << instances
        << (instances == 1 ? " plugin instance)" : " plugin instances)") << "\n";
    return ExitCode::ok;
}

}  // namespace leadhub::app::cli
