#include "sla/sla_steps.hpp"

#include "assignment/reassign.hpp"
#include "sla/sla_timers.hpp"
#include "sla/staff_alerts.hpp"

#include <leadhub/sdk/text_template.hpp>

#include <map>
#include <stdexcept>

namespace leadhub::sla {

namespace {

using Json = nlohmann::json;

const std::map<std::string, std::string>& defaults() {
    static const std::map<std::string, std::string> texts = {
        {"reminder",
         "⏰ Заявка №{{lead_id}}{{#name}}, {{name}}{{/name}}{{#service_names}} ({{service_names}}){{/service_names}}"
         " ждёт ответа уже {{waited}}. Возьмите её в работу."},
        {"escalation",
         "🔔 Заявка №{{lead_id}}{{#name}}, {{name}}{{/name}}{{#service_names}} ({{service_names}}){{/service_names}},"
         " {{channel_title}}: без ответа уже {{waited}}"
         "{{#assignee_name}}, ответственный: {{assignee_name}}{{/assignee_name}}{{^assignee_name}}, её никто не взял{{/assignee_name}}."},
        {"reassigned",
         "👉 Вам передана заявка №{{lead_id}}{{#name}}, {{name}}{{/name}}{{#service_names}} ({{service_names}}){{/service_names}}:"
         " {{#previous_assignee_name}}{{previous_assignee_name}} не ответил(а){{/previous_assignee_name}}"
         "{{^previous_assignee_name}}её никто не взял{{/previous_assignee_name}} за {{waited}}. Ответьте клиенту."},
    };
    return texts;
}

std::string text_of(const config::TenantConfig& tenant, const std::string& name, const Json& context) {
    auto it = tenant.sla.texts.find(name);
    return sdk::render_template(it != tenant.sla.texts.end() ? it->second : default_sla_text(name), context);
}

std::string string_of(const Json& lead, const char* key) {
    auto it = lead.find(key);
    return it != lead.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// What an SLA text is rendered with (config/sla_section.cpp checks templates against these names).
Json text_context(const config::TenantConfig& tenant, const Json& lead, const std::string& tier, int64_t waited_ms) {
    Json c = {{"lead_id", lead.value("id", Json(0))},
              {"name", lead.value("name", Json())},
              {"phone", lead.value("phone", Json())},
              {"service_names", lead.value("service_names", Json::array())},
              {"channel_title", lead.value("channel_title", Json())},
              {"text", lead.value("display_text", Json())},
              {"waited", spoken_duration(waited_ms)},
              {"tier", tier},
              {"assignee_name", lead.value("assignee_name", Json())}};
    if (const config::SlaTier* t = tenant.sla.tier(tier); t && t->target) c["target"] = spoken_duration(t->target->count());
    return c;
}

std::vector<std::string> string_list(const Json& lead, const char* key) {
    std::vector<std::string> out;
    if (auto it = lead.find(key); it != lead.end() && it->is_array())
        for (const auto& v : *it)
            if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

std::vector<std::string> names_of(const std::vector<const config::StaffConfig*>& people) {
    std::vector<std::string> out;
    for (const auto* p : people) out.push_back(p->id);
    return out;
}

void plan_step(const config::TenantConfig& tenant, const Json& lead, const std::string& tier_name, int step_number,
               int64_t now_ms, store::TimerFiring& firing) {
    const config::SlaTier* tier = tenant.sla.tier(tier_name);
    if (!tier || step_number < 1 || static_cast<std::size_t>(step_number) > tier->ladder.size()) {
        // The config changed since the lead arrived: the step is gone.
        firing.notes.push_back({"sla_step", {{"tier", tier_name}, {"step", step_number}, {"skipped", "the step is no longer in the config"}}});
        return;
    }
    const config::SlaStep& step = tier->ladder[static_cast<std::size_t>(step_number) - 1];
    const int64_t waited = step_offset_ms(*tier, step);
    const Json context = text_context(tenant, lead, tier_name, waited);
    const std::string assignee = string_of(lead, "assignee");
    Json note = {{"tier", tier_name}, {"step", step_number}, {"after_ms", waited}};
    switch (step.action) {
        case config::SlaStep::Action::remind: {
            auto people = responsible_staff(tenant, lead, now_ms);
            note["action"] = "remind";
            note["to"] = names_of(people);
            auto jobs = alert_jobs(tenant, "sla_reminder", text_of(tenant, "reminder", context), people, true);
            firing.jobs.insert(firing.jobs.end(), jobs.begin(), jobs.end());
            break;
        }
        case config::SlaStep::Action::notify: {
            auto people = people_named(tenant, step.to, assignee);
            note["action"] = "notify";
            note["to"] = names_of(people);
            auto jobs = alert_jobs(tenant, "sla_escalation", text_of(tenant, "escalation", context), people, true);
            firing.jobs.insert(firing.jobs.end(), jobs.begin(), jobs.end());
            break;
        }
        case config::SlaStep::Action::reassign: {
            note["action"] = "reassign";
            assignment::LeadFacts facts{string_of(lead, "channel"), string_of(lead, "source"), string_list(lead, "services"), now_ms};
            const config::TenantConfig* t = &tenant;  // the caller keeps the config alive until the firing commits
            firing.reassign = store::Reassignment{
                [t, facts, now_ms](store::AssignmentState& state, const std::string& current) {
                    return assignment::reassign(*t, facts, current, now_ms, state);
                },
                [t, context, assignee](const store::Assignment& decided) {
                    Json c = context;
                    const auto* before = t->find_staff(assignee);
                    c["previous_assignee_name"] = before ? Json(before->name) : Json(nullptr);
                    std::vector<const config::StaffConfig*> to;
                    if (const auto* person = t->find_staff(decided.assignee)) to.push_back(person);
                    return alert_jobs(*t, "reassigned", text_of(*t, "reassigned", c), to, true);
                }};
            break;
        }
    }
    firing.notes.push_back({"sla_step", note});
}

}  // namespace

const std::string& default_sla_text(const std::string& name) {
    static const std::string none;
    auto it = defaults().find(name);
    return it == defaults().end() ? none : it->second;
}

store::TimerFiring plan_sla_timer(const config::TenantConfig& tenant, const Json& lead, const store::Timer& timer,
                                  int64_t now_ms) {
    store::TimerFiring firing;
    const std::string tier = timer.payload.value("tier", std::string());
    if (timer.purpose == "sla:breach") {
        firing.notes.push_back({"sla_breach", {{"tier", tier}, {"target_ms", timer.payload.value("after_ms", int64_t{0})}}});
        return firing;
    }
    if (timer.purpose.rfind("sla:", 0) == 0) {
        plan_step(tenant, lead, tier, timer.payload.value("step", 0), now_ms, firing);
        return firing;
    }
    throw std::runtime_error("no SLA rule for a timer of purpose '" + timer.purpose + "'");
}

}  // namespace leadhub::sla
