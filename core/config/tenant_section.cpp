// One tenant: identity, time zone, service catalog, staff, and (via the other readers) its
// instances and routes.
#include "config/sections.hpp"

#include "base/time_zone.hpp"

#include <leadhub/sdk/suggest.hpp>

#include <algorithm>
#include <cctype>
#include <map>

namespace leadhub::config {

namespace {

// Reads `id` (required, an identifier) and reports a repeat within `seen`.
std::optional<std::string> read_id(YamlReader& reader, const YAML::Node& map, std::string_view section,
                                   std::map<std::string, int>& seen) {
    YAML::Node node = reader.require(map, "id", section);
    auto id = reader.text(node, "an id such as 'manicure'");
    if (!id) return std::nullopt;
    if (!is_identifier(*id)) {
        reader.error(node.Mark(), "id '" + *id + "' may contain only a-z, 0-9, '_' and '-'");
        return std::nullopt;
    }
    auto [it, fresh] = seen.emplace(*id, node.Mark().line + 1);
    if (!fresh) {
        reader.error(node.Mark(), "duplicate id '" + *id + "' in " + std::string(section) + " (first defined at line " +
                                      std::to_string(it->second) + ")");
        return std::nullopt;
    }
    return id;
}

std::vector<ServiceConfig> read_services(YamlReader& reader, const YAML::Node& list) {
    std::vector<ServiceConfig> services;
    if (!present(list) || !reader.expect_list(list, "a list of services")) return services;
    std::map<std::string, int> seen;
    for (const auto& node : list) {
        if (!reader.expect_map(node, "a service mapping, e.g. {id: manicure, name: Маникюр, keywords: [маникюр]}"))
            continue;
        reader.check_keys(node, {"id", "name", "keywords"}, "a service");
        ServiceConfig service;
        auto id = read_id(reader, node, "a service", seen);
        if (auto name = reader.text(reader.get(node, "name"), "the service's name")) service.name = *name;
        if (auto words = reader.text_list(reader.get(node, "keywords"), "a list of keywords")) service.keywords = *words;
        if (!id) continue;
        service.id = *id;
        if (service.name.empty()) service.name = service.id;
        services.push_back(std::move(service));
    }
    return services;
}

std::vector<std::string> service_ids(const std::vector<ServiceConfig>& services) {
    std::vector<std::string> ids;
    for (const auto& s : services) ids.push_back(s.id);
    return ids;
}

StaffConfig read_one_staff(YamlReader& reader, const YAML::Node& node, const std::vector<std::string>& catalog) {
    StaffConfig staff;
    if (auto name = reader.text(reader.get(node, "name"), "the person's name")) staff.name = *name;
    if (auto role = reader.text(reader.get(node, "role"), "a role such as master or admin")) staff.role = *role;
    if (auto services = reader.marked_list(reader.get(node, "services"), "a list of service ids")) {
        for (const auto& service : *services) {
            if (std::find(catalog.begin(), catalog.end(), service.text) == catalog.end())
                reader.error(service.mark, "unknown service '" + service.text + "'" +
                                               sdk::suggestion_suffix(service.text, catalog));
            else
                staff.services.push_back(service.text);
        }
    }
    YAML::Node contacts = reader.get(node, "contacts");
    if (present(contacts) && reader.expect_map(contacts, "contacts as a mapping, e.g. {telegram: \"123\"}")) {
        reader.check_keys(contacts, {"telegram", "phone", "email", "whatsapp", "vk", "max"}, "contacts");
        for (const auto& entry : contacts)
            if (auto value = reader.text(entry.second, "a contact as text"))
                staff.contacts.emplace_back(entry.first.Scalar(), *value);
    }
    staff.shifts = read_shifts(reader, reader.get(node, "shifts"));
    staff.absences = read_absences(reader, reader.get(node, "absences"));
    if (auto cap = reader.integer(reader.get(node, "max_open"), "max_open as a whole number", 1, 10000))
        staff.max_open = static_cast<int>(*cap);
    return staff;
}

std::vector<StaffConfig> read_staff(YamlReader& reader, const YAML::Node& list, const std::vector<std::string>& catalog) {
    std::vector<StaffConfig> people;
    if (!present(list) || !reader.expect_list(list, "a list of staff")) return people;
    std::map<std::string, int> seen;
    for (const auto& node : list) {
        if (!reader.expect_map(node, "a staff mapping, e.g. {id: olga, name: Ольга, services: [manicure]}")) continue;
        reader.check_keys(node, {"id", "name", "role", "services", "contacts", "shifts", "absences", "max_open"},
                         "a staff member");
        auto id = read_id(reader, node, "staff", seen);
        StaffConfig staff = read_one_staff(reader, node, catalog);
        if (!id) continue;
        staff.id = *id;
        if (staff.name.empty()) staff.name = staff.id;
        people.push_back(std::move(staff));
    }
    return people;
}

void read_locale(YamlReader& reader, const YAML::Node& node, TenantConfig& tenant) {
    YAML::Node tz = reader.get(node, "timezone");
    if (auto zone = reader.text(tz, "an IANA time zone such as Europe/Moscow")) {
        // Any zone of the system's time-zone database; shifts and every other clock use it.
        if (base::TimeZone::find(*zone)) tenant.timezone = *zone;
        else reader.error(tz.Mark(), "unknown timezone '" + *zone + "': use an IANA name such as Europe/Moscow or "
                                                                     "Asia/Krasnoyarsk" +
                                         sdk::suggestion_suffix(*zone, base::zone_names()));
    }
    YAML::Node country = reader.get(node, "country");
    if (auto code = reader.text(country, "a two-letter country code such as RU")) {
        bool ok = code->size() == 2 && std::isupper(static_cast<unsigned char>((*code)[0])) &&
                  std::isupper(static_cast<unsigned char>((*code)[1]));
        if (ok) tenant.country = *code;
        else reader.error(country.Mark(), "country '" + *code + "' is not an ISO 3166 alpha-2 code such as RU or KZ");
    }
}

// Instance names are unique across all instances: routes, webhook URLs and jobs use them.
void check_unique_names(YamlReader& reader, const TenantConfig& tenant) {
    std::map<std::string, const InstanceConfig*> seen;
    for (const auto* list : {&tenant.sources, &tenant.sinks, &tenant.notifiers, &tenant.processors}) {
        for (const auto& instance : *list) {
            auto [it, fresh] = seen.emplace(instance.name, &instance);
            if (fresh) continue;
            const InstanceConfig& first = *it->second;
            reader.error(instance.location, "duplicate instance name '" + instance.name + "': already used by the " +
                                            to_string(first.kind) + " at line " + std::to_string(first.location.line));
        }
    }
}

}  // namespace

const std::vector<std::string>& tenant_keys() {
    static const std::vector<std::string> keys = {"id",        "name",   "timezone",     "country",
                                                  "services",  "staff",  "sources",      "sinks",
                                                  "notifiers", "routes", "conversation", "scoring",
                                                  "assignment", "processors", "understanding", "sla", "reminders", "follow_ups",
                                                  "working_hours", "quiet_hours", "replies"};
    return keys;
}

bool is_identifier(const std::string& text) {
    if (text.empty()) return false;
    for (char c : text) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

std::optional<TenantConfig> read_tenant(YamlReader& reader, const YAML::Node& node, const ManifestLookup& manifests,
                                        const InstanceDefaults& defaults) {
    if (!reader.expect_map(node, "a tenant mapping with id, name, timezone, sources, sinks, routes")) return std::nullopt;
    reader.check_keys(node, tenant_keys(), "a tenant");
    TenantConfig tenant;
    tenant.location = reader.location(node);
    YAML::Node id_node = reader.require(node, "id", "a tenant");
    auto id = reader.text(id_node, "the tenant id such as 'lilia'");
    if (id && !is_identifier(*id)) {
        reader.error(id_node.Mark(), "tenant id '" + *id + "' may contain only a-z, 0-9, '_' and '-'");
        id.reset();
    }
    if (id) tenant.id = *id;
    if (auto name = reader.text(reader.get(node, "name"), "the business's name")) tenant.name = *name;
    if (tenant.name.empty()) tenant.name = tenant.id;
    read_locale(reader, node, tenant);
    read_hours_sections(reader, node, tenant);
    tenant.services = read_services(reader, reader.get(node, "services"));
    tenant.staff = read_staff(reader, reader.get(node, "staff"), service_ids(tenant.services));
    tenant.sources = read_instances(reader, reader.get(node, "sources"), InstanceKind::source, manifests, defaults);
    tenant.sinks = read_instances(reader, reader.get(node, "sinks"), InstanceKind::sink, manifests, defaults);
    tenant.notifiers = read_instances(reader, reader.get(node, "notifiers"), InstanceKind::notifier, manifests, defaults);
    tenant.processors = read_instances(reader, reader.get(node, "processors"), InstanceKind::processor, manifests, defaults);
    check_unique_names(reader, tenant);
    tenant.routes = read_routes(reader, reader.get(node, "routes"), tenant);
    read_lead_sections(reader, node, tenant);
    read_understanding(reader, reader.get(node, "understanding"), tenant);
    read_sla(reader, reader.get(node, "sla"), tenant);
    read_reminders(reader, node, tenant);
    read_replies(reader, reader.get(node, "replies"), tenant);
    if (!id) return std::nullopt;
    return tenant;
}

}  // namespace leadhub::config
