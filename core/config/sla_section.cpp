// The tenant's `sla` section: response-time targets per score tier and their escalation ladders
// (docs/conversations.md).
#include "config/duration.hpp"
#include "config/sections.hpp"

#include <leadhub/sdk/suggest.hpp>
#include <leadhub/sdk/text_template.hpp>

#include <algorithm>

namespace leadhub::config {

namespace {

const std::vector<std::string> kTiers = {"hot", "warm", "cold"};
const std::vector<std::string> kTexts = {"reminder", "escalation", "reassigned"};
// What an SLA text is rendered with (conversation/sla_alerts.cpp builds it).
const std::vector<std::string> kTextFields = {"lead_id",       "name",          "phone",  "service_names",
                                              "channel_title", "text",          "waited", "target",
                                              "tier",          "assignee_name", "previous_assignee_name"};

SlaStep remind_at_target() {
    SlaStep step;
    step.action = SlaStep::Action::remind;
    step.percent = 100;
    step.to = {"assignee"};
    return step;
}

std::vector<std::string> roles_and_ids(const TenantConfig& tenant) {
    std::vector<std::string> out = {"assignee"};
    for (const auto& person : tenant.staff) {
        out.push_back(person.id);
        if (std::find(out.begin(), out.end(), person.role) == out.end()) out.push_back(person.role);
    }
    return out;
}

// "100%" or "30m".
void read_at(YamlReader& reader, const YAML::Node& node, SlaStep& step) {
    auto text = reader.text(node, "when the step comes: a share of the target such as 100% or a working time such as 30m");
    if (!text) return;
    if (!text->empty() && text->back() == '%') {
        const std::string digits = text->substr(0, text->size() - 1);
        if (!digits.empty() && digits.size() <= 4 && std::all_of(digits.begin(), digits.end(), ::isdigit) && std::stoi(digits) >= 1 &&
            std::stoi(digits) <= 1000) {
            step.percent = std::stoi(digits);
            return;
        }
        reader.error(node.Mark(), "'" + *text + "' is not a share of the target: write 1% to 1000%, e.g. 100%");
        return;
    }
    if (auto d = parse_duration(*text); d && d->count() > 0) {
        step.after = *d;
        return;
    }
    reader.error(node.Mark(), "'" + *text + "' is neither a share of the target (100%) nor a working time (30m, 1h)");
}

SlaStep read_step(YamlReader& reader, const YAML::Node& node, const TenantConfig& tenant) {
    SlaStep step;
    step.location = reader.location(node);
    if (!reader.expect_map(node, "a ladder step such as {at: 30m, notify: [senior]}")) return step;
    reader.check_keys(node, {"at", "remind", "notify", "reassign"}, "a ladder step");
    read_at(reader, reader.require(node, "at", "a ladder step"), step);
    int actions = 0;
    const std::vector<std::string> known = roles_and_ids(tenant);
    auto read_people = [&](const YAML::Node& value) {
        if (auto names = reader.marked_list(value, "staff ids or roles, e.g. [senior] or [marina]", true)) {
            for (const auto& name : *names) {
                if (std::find(known.begin(), known.end(), name.text) == known.end())
                    reader.error(name.mark, "nobody on the staff has the id or role '" + name.text + "'" +
                                                sdk::suggestion_suffix(name.text, known));
                step.to.push_back(name.text);
            }
        }
    };
    if (YAML::Node v = reader.get(node, "remind"); present(v)) {
        actions++;
        step.action = SlaStep::Action::remind;
        auto who = reader.text(v, "whom to remind: assignee");
        if (who && *who != "assignee") reader.error(v.Mark(), "remind takes 'assignee'; to tell others use notify: [role or id]");
        step.to = {"assignee"};
    }
    if (YAML::Node v = reader.get(node, "notify"); present(v)) {
        actions++;
        step.action = SlaStep::Action::notify;
        read_people(v);
    }
    if (YAML::Node v = reader.get(node, "reassign"); present(v)) {
        actions++;
        step.action = SlaStep::Action::reassign;
        auto on = reader.boolean(v, "reassign: true");
        if (on && !*on) reader.error(v.Mark(), "reassign: false is no step; remove the step instead");
    }
    if (actions != 1)
        reader.error(step.location, "a ladder step does exactly one of remind, notify, reassign (found " +
                                        std::to_string(actions) + ")");
    return step;
}

void read_tier(YamlReader& reader, const YAML::Node& node, const std::string& name, const TenantConfig& tenant, SlaTier& tier) {
    if (!present(node)) return;
    if (node.IsScalar()) {
        // Shorthand: "15m" (the default ladder) or "none".
        const std::string text = node.Scalar();
        if (text == "none" || text == "off") {
            tier = SlaTier{};
            return;
        }
        if (auto d = parse_duration(text); d && d->count() > 0) {
            tier.target = *d;
            if (tier.ladder.empty()) tier.ladder = {remind_at_target()};
            return;
        }
        reader.error(node.Mark(), "sla." + name + ": '" + text + "' is neither a duration such as 15m nor none");
        return;
    }
    if (!reader.expect_map(node, "a tier such as {target: 15m, ladder: [{at: 100%, remind: assignee}]} or 15m or none")) return;
    reader.check_keys(node, {"target", "ladder"}, "sla." + name);
    YAML::Node target = reader.require(node, "target", "sla." + name);
    if (present(target)) {
        if (auto d = reader.duration(target)) {
            if (d->count() > 0) tier.target = *d;
            else reader.error(target.Mark(), "sla." + name + ".target must be longer than 0");
        }
    }
    if (YAML::Node ladder = reader.get(node, "ladder"); present(ladder)) {
        tier.ladder.clear();
        if (reader.expect_list(ladder, "a list of steps such as [{at: 100%, remind: assignee}, {at: 30m, notify: [senior]}]"))
            for (const auto& step : ladder) tier.ladder.push_back(read_step(reader, step, tenant));
    }
}

bool carries_alerts(const InstanceConfig& instance) {
    return instance.kind == InstanceKind::notifier || (instance.kind == InstanceKind::source && instance.notifies);
}

}  // namespace

SlaConfig default_sla() {
    SlaConfig sla;
    sla.hot.target = std::chrono::minutes(15);
    sla.hot.ladder = {remind_at_target()};
    sla.warm.target = std::chrono::minutes(60);
    sla.warm.ladder = {remind_at_target()};
    return sla;
}

const SlaTier* SlaConfig::tier(const std::string& score) const {
    if (score == "hot") return &hot;
    if (score == "warm") return &warm;
    if (score == "cold") return &cold;
    return nullptr;
}

void read_sla(YamlReader& reader, const YAML::Node& node, TenantConfig& tenant) {
    SlaConfig& sla = tenant.sla;
    if (!present(node)) return;
    sla.location = reader.location(node);
    if (node.IsScalar() && (node.Scalar() == "off" || node.Scalar() == "none")) {
        sla.enabled = false;
        return;
    }
    if (!reader.expect_map(node, "an sla mapping with hot, warm, cold, alerts_via, texts (or off)")) return;
    reader.check_keys(node, {"enabled", "hot", "warm", "cold", "alerts_via", "texts"}, "sla");
    if (auto enabled = reader.boolean(reader.get(node, "enabled"), "enabled as true or false")) sla.enabled = *enabled;
    read_tier(reader, reader.get(node, "hot"), "hot", tenant, sla.hot);
    read_tier(reader, reader.get(node, "warm"), "warm", tenant, sla.warm);
    read_tier(reader, reader.get(node, "cold"), "cold", tenant, sla.cold);
    for (const SlaTier* tier : {&sla.hot, &sla.warm, &sla.cold})
        for (const SlaStep& step : tier->ladder)
            if (step.percent > 0 && !tier->target)
                reader.error(step.location, "a step at a share of the target needs the tier's target");
    if (auto names = reader.marked_list(reader.get(node, "alerts_via"), "instance names, e.g. [staff_bot, sms]", true)) {
        for (const auto& name : *names) {
            const InstanceConfig* instance = tenant.find_instance(name.text);
            if (!instance || !carries_alerts(*instance)) {
                std::vector<std::string> usable;
                for (const auto* list : {&tenant.notifiers, &tenant.sources})
                    for (const auto& i : *list)
                        if (carries_alerts(i)) usable.push_back(i.name);
                reader.error(name.mark, "'" + name.text + "' is not a notifier of this tenant (nor a source whose plugin also notifies)" +
                                            sdk::suggestion_suffix(name.text, usable));
                continue;
            }
            sla.alerts_via.push_back(name.text);
        }
    }
    if (YAML::Node texts = reader.get(node, "texts"); present(texts) && reader.expect_map(texts, "texts by name: reminder, escalation, reassigned")) {
        reader.check_keys(texts, kTexts, "sla.texts");
        for (const auto& name : kTexts) {
            YAML::Node value = reader.get(texts, name);
            if (!present(value)) continue;
            auto text = reader.text(value, "a template");
            if (!text) continue;
            if (auto problem = sdk::check_template(*text)) {
                reader.error(value.Mark(), "sla.texts." + name + ": " + *problem);
                continue;
            }
            bool known = true;
            for (const auto& field : sdk::template_fields(*text)) {
                const std::string head = field.substr(0, field.find('.'));
                if (std::find(kTextFields.begin(), kTextFields.end(), head) != kTextFields.end()) continue;
                reader.error(value.Mark(), "sla.texts." + name + ": unknown field '" + field + "'" +
                                               sdk::suggestion_suffix(head, kTextFields));
                known = false;
            }
            if (known) sla.texts[name] = *text;
        }
    }
}

}  // namespace leadhub::config
