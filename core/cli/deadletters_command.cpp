#include "api/admin_endpoints.hpp"
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "runtime/logger.hpp"
#include "config/config.hpp"
#include "store/store.hpp"

#include <Poco/Util/Option.h>
#include <leadhub/sdk/iso8601.hpp>

#include <charconv>
#include <ostream>

namespace leadhub::app::cli {

namespace {
// The store named by --db, or by the config's storage.path.
std::unique_ptr<store::Store> open_store(const Args& args, std::ostream& err) {
    std::string path = args.get("db");
    if (path.empty()) {
        auto loaded = config::load_config(args.get("config"), nullptr);
        if (!loaded.ok()) {
            err << loaded.error_text() << "\n";
            return nullptr;
        }
        path = loaded.config->storage.path;
    }
    try {
        store::StoreOptions o;
        o.path = path;
        return store::Store::open(o);
    } catch (const std::exception& e) {
        err << "leadhub deadletters: " << e.what() << "\n";
        return nullptr;
    }
}
}  // namespace

int deadletters_command(const Argv& argv, std::ostream& out, std::ostream& err) {
    CommandSpec spec{"deadletters", "deadletters (list | replay ID... | replay --all) (-c FILE | --db PATH)",
                     "Shows the jobs that failed for good, with the reason, and puts them back in the queue. A replay "
                     "keeps the job's idempotency key, so a sink that did get the first attempt does not create a "
                     "duplicate. Works while leadhub runs.",
                     {}};
    spec.options.addOption(Poco::Util::Option("config", "c", "the deployment config (for storage.path)").argument("FILE"));
    spec.options.addOption(Poco::Util::Option("db", "", "the store file, instead of -c").argument("PATH"));
    spec.options.addOption(Poco::Util::Option("tenant", "t", "only this tenant").argument("ID"));
    spec.options.addOption(Poco::Util::Option("limit", "n", "list at most N (default 50)").argument("N"));
    spec.options.addOption(Poco::Util::Option("all", "a", "replay every dead letter (of --tenant, if given)"));
    spec.options.addOption(Poco::Util::Option("json", "", "list as JSON lines"));
    Args args;
    int code = 0;
    if (!parse(spec, argv, args, out, err, code)) return code;
    auto usage = [&](const std::string& why) {
        err << "leadhub deadletters: " << why << "\nusage: leadhub " << spec.usage << "\n";
        return ExitCode::usage;
    };
    if (args.positional.empty()) return usage("say list or replay");
    if (!args.has("config") && !args.has("db")) return usage("give -c FILE or --db PATH");
    const std::string action = args.positional[0];
    if (action != "list" && action != "replay") return usage("unknown action '" + action + "': use list or replay");

    std::vector<int64_t> ids;
    for (std::size_t i = 1; i < args.positional.size(); ++i) {
        const auto& s = args.positional[i];
        int64_t id = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
        if (ec != std::errc() || end != s.data() + s.size() || id <= 0) return usage("'" + s + "' is not a job id");
        ids.push_back(id);
    }
    if (action == "replay" && ids.empty() && !args.has("all")) return usage("replay needs job ids or --all");
    if (action == "list" && !ids.empty()) return usage("list takes no ids");

    std::size_t limit = 50;
    if (args.has("limit")) {
        const std::string s = args.get("limit");
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), limit);
        if (ec != std::errc() || end != s.data() + s.size() || limit == 0) return usage("--limit must be a positive number");
    }

    auto store = open_store(args, err);
    if (!store) return ExitCode::failure;
    const std::string tenant = args.get("tenant");

    if (action == "list") {
        auto dead = store->dead_letters(tenant, limit);
        for (const auto& job : dead) {
            if (args.has("json")) {
                out << dead_letter_json(job).dump() << "\n";
            } else {
                out << job.id << "  " << job.tenant << "/" << job.sink << "  lead " << job.lead_id << "  "
                    << job.attempts << (job.attempts == 1 ? " attempt  " : " attempts  ") << sdk::iso8601_utc(job.updated_at_ms)
                    << "\n    " << job.last_error << "\n";
            }
        }
        if (dead.empty() && !args.has("json")) out << "no dead letters\n";
        return ExitCode::ok;
    }
    int64_t now = now_ms();
    if (args.has("all")) {
        out << "replayed " << store->replay_all(tenant, now) << "\n";
        return ExitCode::ok;
    }
    int missing = 0;
    for (auto id : ids) {
        if (store->replay(id, now)) {
            out << "replayed " << id << "\n";
        } else {
            err << "no dead letter with id " << id << "\n";
            ++missing;
        }
    }
    return missing ? ExitCode::failure : ExitCode::ok;
}

}  // namespace leadhub::app::cli
