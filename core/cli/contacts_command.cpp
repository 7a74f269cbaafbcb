#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "runtime/logger.hpp"
#include "config/config.hpp"
#include "contacts/contact_report.hpp"
#include "contacts/identities.hpp"
#include "store/store.hpp"

#include <Poco/Util/Option.h>

#include <charconv>
#include <ostream>

namespace leadhub::app::cli {

namespace {

struct Target {
    std::unique_ptr<store::Store> store;
    std::string region = "RU";  // for --phone: the tenant's country when -c and --tenant say it
};

bool open_target(const Args& args, Target& target, std::ostream& err) {
    std::string path = args.get("db");
    if (path.empty()) {
        auto loaded = config::load_config(args.get("config"), nullptr);
        if (!loaded.ok()) {
            err << loaded.error_text() << "\n";
            return false;
        }
        path = loaded.config->storage.path;
        if (const auto* tenant = loaded.config->find_tenant(args.get("tenant"))) target.region = tenant->country;
    }
    try {
        store::StoreOptions options;
        options.path = path;
        target.store = store::Store::open(options);
        return true;
    } catch (const std::exception& e) {
        err << "leadhub contacts: " << e.what() << "\n";
        return false;
    }
}

std::optional<int64_t> positive_id(const std::string& text) {
    int64_t id = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
    return id;
}

// The contacts --phone or --id name; an empty list (with the reason on `err`) when none.
std::vector<store::Contact> find(const Args& args, Target& target, std::ostream& err) {
    if (args.has("id")) {
        auto contact = target.store->contact(*positive_id(args.get("id")));
        if (!contact) err << "no contact with id " << args.get("id") << "\n";
        return contact ? std::vector<store::Contact>{*contact} : std::vector<store::Contact>{};
    }
    auto identity = contacts::phone_identity(args.get("phone"), target.region);
    if (!identity) {
        err << "'" << args.get("phone") << "' is not a phone number\n";
        return {};
    }
    auto found = target.store->find_contacts(args.get("tenant"), *identity);
    if (found.empty()) err << "no contact with phone " << identity->value << "\n";
    return found;
}

}  // namespace

int contacts_command(const Argv& argv, std::ostream& out, std::ostream& err) {
    CommandSpec spec{"contacts",
                     "contacts (show (--phone P | --id N) | erase --phone P | unmerge MERGE_ID) (-c FILE | --db PATH)",
                     "One customer, one contact. show: a contact with its identities, merges and leads. erase: "
                     "removes a person's data (name, identities, the text, phone, e-mail and user id of their "
                     "messages and leads) and cancels their undelivered jobs; rows and ids stay, so delivery "
                     "keys stay unique. unmerge: undoes a merge of two contacts (show lists the merges).",
                     {}};
    spec.options.addOption(Poco::Util::Option("config", "c", "the deployment config (for storage.path)").argument("FILE"));
    spec.options.addOption(Poco::Util::Option("db", "", "the store file, instead of -c").argument("PATH"));
    spec.options.addOption(Poco::Util::Option("tenant", "t", "only this tenant").argument("ID"));
    spec.options.addOption(Poco::Util::Option("phone", "p", "the person's phone, as written anywhere").argument("P"));
    spec.options.addOption(Poco::Util::Option("id", "", "the contact's id").argument("N"));
    Args args;
    int code = 0;
    if (!parse(spec, argv, args, out, err, code)) return code;
    auto usage = [&](const std::string& why) {
        err << "leadhub contacts: " << why << "\nusage: leadhub " << spec.usage << "\n";
        return ExitCode::usage;
    };
    if (args.positional.empty()) return usage("say show, erase or unmerge");
    const std::string action = args.positional[0];
    if (action != "show" && action != "erase" && action != "unmerge")
        return usage("unknown action '" + action + "': use show, erase or unmerge");
    if (!args.has("config") && !args.has("db")) return usage("give -c FILE or --db PATH");
    std::optional<int64_t> merge_id;
    if (action == "unmerge") {
        if (args.positional.size() != 2 || !(merge_id = positive_id(args.positional[1])))
            return usage("unmerge needs one merge id");
    } else {
        if (args.positional.size() > 1) return usage("unexpected argument '" + args.positional[1] + "'");
        if (action == "erase" && !args.has("phone")) return usage("erase needs --phone");
        if (args.has("phone") == args.has("id")) return usage("give either --phone or --id");
        if (args.has("id") && !positive_id(args.get("id"))) return usage("'" + args.get("id") + "' is not a contact id");
    }

    Target target;
    if (!open_target(args, target, err)) return ExitCode::failure;
    try {
        if (action == "unmerge") {
            out << contacts::describe_unmerge(target.store->unmerge(*merge_id, now_ms()));
            return ExitCode::ok;
        }
        auto found = find(args, target, err);
        if (found.empty()) return ExitCode::failure;
        for (const auto& contact : found) {
            if (action == "erase") {
                out << contacts::describe_erasure(target.store->erase_contact(contact.id, now_ms()));
                continue;
            }
            std::vector<store::Lead> leads;
            for (int64_t id : contact.lead_ids)
                if (auto lead = target.store->lead(id)) leads.push_back(std::move(*lead));
            out << contacts::describe_contact(contact, leads);
        }
        return ExitCode::ok;
    } catch (const std::exception& e) {
        err << "leadhub contacts: " << e.what() << "\n";
        return ExitCode::failure;
    }
}

}  // namespace leadhub::app::cli
