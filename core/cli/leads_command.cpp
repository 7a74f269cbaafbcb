// `leadhub leads take ID --staff S`: a member of staff takes a lead offered to several people,
// on the store directly (the same rules as POST /api/leads/{id}/take).
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "api/lead_take.hpp"
#include "runtime/logger.hpp"
#include "config/config.hpp"
#include "store/store.hpp"

#include <Poco/Util/Option.h>

#include <charconv>
#include <ostream>

namespace leadhub::app::cli {

int leads_command(const Argv& argv, std::ostream& out, std::ostream& err) {
    CommandSpec spec{"leads", "leads take ID --staff STAFF_ID (-c FILE | --db PATH)",
                     "take: the member of staff takes a lead that was offered to several people (assignment "
                     "strategy offer_all). The first to take it gets it; anyone else is told who has it.",
                     {}};
    spec.options.addOption(
        Poco::Util::Option("config", "c", "the deployment config (storage.path, staff names)").argument("FILE"));
    spec.options.addOption(Poco::Util::Option("db", "", "the store file, instead of -c").argument("PATH"));
    spec.options.addOption(Poco::Util::Option("staff", "s", "the id of the person who takes the lead").argument("STAFF_ID"));
    Args args;
    int code = 0;
    if (!parse(spec, argv, args, out, err, code)) return code;
    auto usage = [&](const std::string& why) {
        err << "leadhub leads: " << why << "\nusage: leadhub " << spec.usage << "\n";
        return ExitCode::usage;
    };
    if (args.positional.empty() || args.positional[0] != "take")
        return usage(args.positional.empty() ? "say take" : "unknown action '" + args.positional[0] + "': use take");
    if (args.positional.size() != 2) return usage("take needs one lead id");
    int64_t id = 0;
    const std::string& raw = args.positional[1];
    auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
    if (ec != std::errc() || end != raw.data() + raw.size() || id <= 0) return usage("'" + raw + "' is not a lead id");
    if (args.get("staff").empty()) return usage("give --staff STAFF_ID");
    if (!args.has("config") && !args.has("db")) return usage("give -c FILE or --db PATH");

    std::optional<config::Config> config;
    std::string path = args.get("db");
    if (args.has("config")) {
        auto loaded = config::load_config(args.get("config"), nullptr);
        if (!loaded.ok()) {
            err << loaded.error_text() << "\n";
            return ExitCode::failure;
        }
        config = std::move(loaded.config);
        if (path.empty()) path = config->storage.path;
    }
    try {
        store::StoreOptions options;
        options.path = path;
        auto store = store::Store::open(options);
        TakeReply reply = take_lead(*store, config ? &*config : nullptr, id, args.get("staff"), now_ms());
        if (reply.status != 200) {
            err << "leadhub leads: " << reply.body["error"].get<std::string>() << "\n";
            return ExitCode::failure;
        }
        out << "lead " << id << ": " << reply.body["assignment_reason"].get<std::string>() << "\n";
        return ExitCode::ok;
    } catch (const std::exception& e) {
        err << "leadhub leads: " << e.what() << "\n";
        return ExitCode::failure;
    }
}

}  // namespace leadhub::app::cli
