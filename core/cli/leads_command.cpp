// `leadhub leads take ID --staff S`: a member of staff takes a lead offered to several people;
// `leadhub leads reply ID --text T`: the customer is answered on the lead's channel;
// `leadhub leads status ID STATUS`: the lead moves on (booked, visited, lost …), recorded in its
// history; `leadhub leads book ID YYYY-MM-DDTHH:MM`: a visit is booked and its reminders armed;
// `leadhub leads history ID`: who changed what and from where. All on the store directly, with the same rules as POST /api/leads/{id}/take and /reply; a running hub's
// dispatcher picks the queued reply up within its idle poll (a second).
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "api/lead_reply.hpp"
#include "api/lead_take.hpp"
#include "runtime/logger.hpp"
#include "config/config.hpp"
#include "conversation/customer_texts.hpp"
#include "conversation/reminders.hpp"
#include "store/store.hpp"

#include <Poco/Util/Option.h>

#include <leadhub/sdk/iso8601.hpp>

#include <algorithm>
#include <charconv>
#include <ostream>

namespace leadhub::app::cli {

int leads_command(const Argv& argv, std::ostream& out, std::ostream& err) {
    CommandSpec spec{"leads",
                     "leads take ID --staff STAFF_ID (-c FILE | --db PATH)\n"
                     "       leadhub leads reply ID --text TEXT [--staff STAFF_ID] (-c FILE | --db PATH)\n"
                     "       leadhub leads status ID STATUS [--reason R] [--booked-for YYYY-MM-DDTHH:MM] [--staff STAFF_ID] (-c FILE | --db PATH)\n"
                     "       leadhub leads book ID YYYY-MM-DDTHH:MM [--service SERVICE_ID] [--staff STAFF_ID] (-c FILE | --db PATH)\n"
                     "       leadhub leads history ID (-c FILE | --db PATH)",
                     "take: the member of staff takes a lead that was offered to several people (assignment "
                     "strategy offer_all). The first to take it gets it; anyone else is told who has it.\n"
                     "reply: sends TEXT to the customer on the channel of the lead's latest message (Telegram, "
                     "WhatsApp, Instagram, VK) through the outbox, and records it on the conversation.\n"
                     "status: new, in_work, booked, visited, no_show, cancelled, lost or nurture.\n"
                     "book: status booked at the visit's local date and time; with -c the tenant's reminders are armed "
                     "(a running hub sends them), with --db alone none are.\n"
                     "history: the lead's changes, oldest first.",
                     {}};
    spec.options.addOption(
        Poco::Util::Option("config", "c", "the deployment config (storage.path, staff names)").argument("FILE"));
    spec.options.addOption(Poco::Util::Option("db", "", "the store file, instead of -c").argument("PATH"));
    spec.options.addOption(Poco::Util::Option("staff", "s", "the id of the person who takes the lead, or who replies").argument("STAFF_ID"));
    spec.options.addOption(Poco::Util::Option("text", "t", "reply: the text to send to the customer").argument("TEXT"));
    spec.options.addOption(Poco::Util::Option("reason", "", "status lost: why").argument("R"));
    spec.options.addOption(Poco::Util::Option("booked-for", "", "status booked: the visit's local date and time").argument("T"));
    spec.options.addOption(Poco::Util::Option("service", "", "book: the service booked").argument("SERVICE_ID"));
    Args args;
    int code = 0;
    if (!parse(spec, argv, args, out, err, code)) return code;
    auto usage = [&](const std::string& why) {
        err << "leadhub leads: " << why << "\nusage: leadhub " << spec.usage << "\n";
        return ExitCode::usage;
    };
    const std::vector<std::string> actions = {"take", "reply", "status", "book", "history"};
    if (args.positional.empty() || std::find(actions.begin(), actions.end(), args.positional[0]) == actions.end())
        return usage(args.positional.empty() ? "say take, reply, status, book or history"
                                             : "unknown action '" + args.positional[0] + "': use take, reply, status, book or history");
    const std::string action = args.positional[0];
    if (action == "status" && args.positional.size() != 3) return usage("status needs a lead id and a status");
    if (action == "book" && args.positional.size() != 3) return usage("book needs a lead id and the visit's local date and time");
    if (action != "status" && action != "book" && args.positional.size() != 2) return usage(action + " needs one lead id");
    int64_t id = 0;
    const std::string& raw = args.positional[1];
    auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), id);
    if (ec != std::errc() || end != raw.data() + raw.size() || id <= 0) return usage("'" + raw + "' is not a lead id");
    if (action == "take" && args.get("staff").empty()) return usage("give --staff STAFF_ID");
    if (action == "reply" && !args.has("text")) return usage("give --text TEXT");
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
        if (action == "status" || action == "book") {
            const bool book = action == "book";
            store::StatusChange change{book ? "booked" : args.positional[2], args.get("staff").empty() ? "cli" : args.get("staff"), "cli",
                                       args.get("reason"), book ? args.positional[2] : args.get("booked-for"), nlohmann::json::object()};
            if (book && !conversation::parse_visit(change.booked_for))
                return usage("'" + change.booked_for + "' is not a local date and time such as 2026-12-08T18:30");
            if (!args.get("service").empty()) change.detail["service"] = args.get("service");
            auto lead = store->lead(id);
            const config::TenantConfig* tenant = lead && config ? config->find_tenant(lead->tenant) : nullptr;
            if (tenant) change.plan_timers = conversation::status_timers(*tenant, now_ms());
            if (store::lead_status_from_name(change.status).empty())
                return usage("unknown status '" + change.status +
                             "': use new, in_work, booked, visited, no_show, cancelled, lost or nurture");
            if (store->set_lead_status(id, change, now_ms()) == store::LeadStatusChange::no_such_lead) {
                err << "leadhub leads: no lead with id " << id << "\n";
                return ExitCode::failure;
            }
            out << "lead " << id << ": " << store->lead(id)->status;
            if (book) {
                int reminders = 0;
                for (const auto& t : store->lead_timers(id))
                    if (t.status == "pending" && t.purpose.rfind("remind:", 0) == 0) ++reminders;
                out << " for " << store->lead(id)->booked_for.value_or("") << ", reminders: " << reminders
                    << (tenant ? "" : " (give -c FILE to arm the tenant's reminders)");
            }
            out << "\n";
            return ExitCode::ok;
        }
        if (action == "history") {
            if (!store->lead(id)) {
                err << "leadhub leads: no lead with id " << id << "\n";
                return ExitCode::failure;
            }
            for (const auto& e : store->lead_history(id)) {
                out << sdk::iso8601_utc(e.at_ms) << "  " << e.kind;
                if (e.to_status) out << "  " << e.from_status.value_or("") << " -> " << *e.to_status;
                out << "  by " << (e.actor.empty() ? "?" : e.actor) << " via " << e.via;
                if (!e.detail.empty()) out << "  " << e.detail.dump();
                out << "\n";
            }
            return ExitCode::ok;
        }
        if (action == "reply") {
            nlohmann::json request = {{"text", args.get("text")}};
            if (!args.get("staff").empty()) request["author"] = args.get("staff");
            ReplyAnswer answer = send_reply(*store, id, request, now_ms());
            if (answer.status != 202) {
                err << "leadhub leads: " << answer.body["error"].get<std::string>() << "\n";
                return ExitCode::failure;
            }
            out << "lead " << id << ": reply queued for " << answer.body["channel"].get<std::string>() << " ("
                << answer.body["source"].get<std::string>() << "), job " << answer.body["job_id"].get<int64_t>() << "\n";
            return ExitCode::ok;
        }
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
