#include "sla/staff_alerts.hpp"

#include "assignment/schedule.hpp"

#include <leadhub/sdk/json.hpp>

#include <algorithm>

namespace leadhub::sla {

namespace {

bool carries_alerts(const config::InstanceConfig& instance) {
    if (!instance.enabled) return false;
    return instance.kind == config::InstanceKind::notifier ||
           (instance.kind == config::InstanceKind::source && instance.notifies);
}

Json person_json(const config::StaffConfig& person) {
    Json contacts = Json::object();
    for (const auto& [kind, value] : person.contacts) contacts[kind] = value;
    return {{"id", person.id}, {"name", person.name}, {"contacts", contacts}};
}

// 1 минуту, 2 минуты, 5 минут: the Russian plural by the number's last digits.
const std::string& plural(int64_t n, const std::string& one, const std::string& few, const std::string& many) {
    const int64_t tens = n % 100, units = n % 10;
    if (tens >= 11 && tens <= 14) return many;
    if (units == 1) return one;
    if (units >= 2 && units <= 4) return few;
    return many;
}

}  // namespace

std::vector<std::string> alert_instances(const config::TenantConfig& tenant) {
    if (!tenant.sla.alerts_via.empty()) return tenant.sla.alerts_via;
    std::vector<std::string> out;
    for (const auto* list : {&tenant.notifiers, &tenant.sources})
        for (const auto& instance : *list)
            if (carries_alerts(instance)) out.push_back(instance.name);
    return out;
}

std::vector<const config::StaffConfig*> people_named(const config::TenantConfig& tenant, const std::vector<std::string>& names,
                                                     const std::string& assignee) {
    std::vector<const config::StaffConfig*> out;
    for (const auto& person : tenant.staff) {
        bool named = std::any_of(names.begin(), names.end(), [&](const std::string& name) {
            return name == person.id || name == person.role || (name == "assignee" && person.id == assignee);
        });
        if (named) out.push_back(&person);
    }
    return out;
}

std::vector<const config::StaffConfig*> responsible_staff(const config::TenantConfig& tenant, const Json& lead, int64_t now_ms) {
    const std::string assignee = lead.value("assignee", Json()).is_string() ? lead["assignee"].get<std::string>() : "";
    if (!assignee.empty())
        if (const auto* person = tenant.find_staff(assignee)) return {person};
    std::vector<std::string> offered;
    if (auto it = lead.find("offered_to"); it != lead.end() && it->is_array())
        for (const auto& id : *it)
            if (id.is_string()) offered.push_back(id.get<std::string>());
    if (!offered.empty()) {
        auto people = people_named(tenant, offered, "");
        if (!people.empty()) return people;
    }
    const assignment::Moment now = assignment::local_moment(now_ms, tenant.timezone);
    std::vector<const config::StaffConfig*> on_shift, everyone;
    for (const auto& person : tenant.staff) {
        everyone.push_back(&person);
        if (assignment::on_shift(person, now) && !assignment::absent(person, now)) on_shift.push_back(&person);
    }
    return on_shift.empty() ? everyone : on_shift;
}

std::vector<store::JobSpec> alert_jobs(const config::TenantConfig& tenant, const std::string& alert, const std::string& text,
                                       const std::vector<const config::StaffConfig*>& to, bool card) {
    Json people = Json::array();
    for (const auto* person : to) people.push_back(person_json(*person));
    std::vector<store::JobSpec> jobs;
    for (const auto& instance : alert_instances(tenant)) {
        store::JobSpec job;
        job.sink = instance;
        job.kind = "notice";
        job.payload = {{"event", "alert"}, {"alert", alert}, {"text", text}, {"to", people}, {"card", card}};
        jobs.push_back(std::move(job));
    }
    return jobs;
}

std::string spoken_duration(int64_t ms) {
    const int64_t minutes_total = ms / 60'000;
    if (minutes_total < 1) return "меньше минуты";
    const int64_t days = minutes_total / (24 * 60), hours = minutes_total / 60 % 24, minutes = minutes_total % 60;
    std::string out;
    auto add = [&](int64_t n, const std::string& one, const std::string& few, const std::string& many) {
        if (n == 0) return;
        if (!out.empty()) out += ' ';
        out += std::to_string(n) + ' ' + plural(n, one, few, many);
    };
    add(days, "день", "дня", "дней");
    add(hours, "час", "часа", "часов");
    if (days == 0) add(minutes, "минуту", "минуты", "минут");
    return out;
}

}  // namespace leadhub::sla
