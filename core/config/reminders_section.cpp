// The tenant's `reminders` and `follow_ups` sections: when customers are reminded of a visit and
// nudged about an enquiry that did not become a booking, and with which texts.
#include "config/duration.hpp"
#include "config/sections.hpp"

#include <leadhub/sdk/suggest.hpp>
#include <leadhub/sdk/text_template.hpp>

#include <algorithm>

namespace leadhub::config {

namespace {

const std::vector<std::string> kReminderTexts = {"reminder",        "confirmed",     "cancelled",     "moved",
                                                 "rebook",          "cancelled_alert", "moved_alert", "unclear_alert",
                                                 "unreachable_alert"};
// What reminder and follow-up texts are rendered with (conversation/reminder_texts.cpp).
const std::vector<std::string> kReminderTextFields = {"lead_id", "name", "services", "when", "business", "answer", "channel_title"};

std::optional<std::string> checked_reminder_text(YamlReader& reader, const YAML::Node& value, const std::string& where) {
    auto text = reader.text(value, "a template");
    if (!text) return std::nullopt;
    if (auto problem = sdk::check_template(*text)) {
        reader.error(value.Mark(), where + ": " + *problem);
        return std::nullopt;
    }
    for (const auto& field : sdk::template_fields(*text)) {
        const std::string head = field.substr(0, field.find('.'));
        if (std::find(kReminderTextFields.begin(), kReminderTextFields.end(), head) == kReminderTextFields.end()) {
            reader.error(value.Mark(), where + ": unknown field '" + field + "'" + sdk::suggestion_suffix(head, kReminderTextFields));
            return std::nullopt;
        }
    }
    return text;
}

std::vector<Duration> read_durations(YamlReader& reader, const YAML::Node& node, const std::string& what) {
    std::vector<Duration> out;
    if (!reader.expect_list(node, what)) return out;
    for (const auto& item : node) {
        auto d = reader.duration(item);
        if (!d) continue;
        if (d->count() <= 0) {
            reader.error(item.Mark(), "a duration longer than 0 is needed here");
            continue;
        }
        if (std::find(out.begin(), out.end(), *d) != out.end()) {
            reader.error(item.Mark(), "this duration is listed twice");
            continue;
        }
        out.push_back(*d);
    }
    return out;
}

void read_reminder_section(YamlReader& reader, const YAML::Node& node, TenantConfig& tenant) {
    RemindersConfig& r = tenant.reminders;
    r.location = reader.location(node);
    if (node.IsScalar() && (node.Scalar() == "off" || node.Scalar() == "none")) {
        r.enabled = false;
        return;
    }
    if (!reader.expect_map(node, "a reminders mapping with before, sms_via, texts (or off)")) return;
    reader.check_keys(node, {"enabled", "before", "sms_via", "texts"}, "reminders");
    if (auto enabled = reader.boolean(reader.get(node, "enabled"), "enabled as true or false")) r.enabled = *enabled;
    if (YAML::Node before = reader.get(node, "before"); present(before)) {
        r.before = read_durations(reader, before, "a list of durations before the visit, e.g. [24h, 3h, 30m]");
        std::sort(r.before.begin(), r.before.end(), std::greater<>());
    }
    if (YAML::Node via = reader.get(node, "sms_via"); present(via)) {
        if (auto name = reader.text(via, "the notifier that texts customers")) {
            const InstanceConfig* instance = tenant.find_instance(*name);
            if (!instance || instance->kind != InstanceKind::notifier) {
                std::vector<std::string> notifiers;
                for (const auto& n : tenant.notifiers) notifiers.push_back(n.name);
                reader.error(via.Mark(), "'" + *name + "' is not a notifier of this tenant" + sdk::suggestion_suffix(*name, notifiers));
            } else {
                r.sms_via = *name;
            }
        }
    }
    if (YAML::Node texts = reader.get(node, "texts"); present(texts) && reader.expect_map(texts, "texts by name")) {
        reader.check_keys(texts, kReminderTexts, "reminders.texts");
        for (const auto& name : kReminderTexts)
            if (YAML::Node value = reader.get(texts, name); present(value))
                if (auto text = checked_reminder_text(reader, value, "reminders.texts." + name)) r.texts[name] = *text;
    }
}

void read_follow_up_section(YamlReader& reader, const YAML::Node& node, TenantConfig& tenant) {
    FollowUpsConfig& f = tenant.follow_ups;
    f.location = reader.location(node);
    if (node.IsScalar() && (node.Scalar() == "off" || node.Scalar() == "none")) {
        f.enabled = false;
        return;
    }
    if (!reader.expect_map(node, "a follow_ups mapping with after and texts (or off)")) return;
    reader.check_keys(node, {"enabled", "after", "texts"}, "follow_ups");
    if (auto enabled = reader.boolean(reader.get(node, "enabled"), "enabled as true or false")) f.enabled = *enabled;
    if (YAML::Node after = reader.get(node, "after"); present(after)) {
        f.after = read_durations(reader, after, "a list of durations after the enquiry, e.g. [1d, 3d]");
        std::sort(f.after.begin(), f.after.end());
    }
    if (YAML::Node texts = reader.get(node, "texts"); present(texts)) {
        if (!reader.expect_list(texts, "a list of texts, one per entry of after")) return;
        for (std::size_t i = 0; i < texts.size(); ++i)
            if (auto text = checked_reminder_text(reader, texts[i], "follow_ups.texts[" + std::to_string(i) + "]")) f.texts.push_back(*text);
        if (texts.size() != f.after.size())
            reader.error(texts.Mark(), "follow_ups.texts has " + std::to_string(texts.size()) + " texts for " +
                                           std::to_string(f.after.size()) + " entries of after: write one text per nudge");
    }
}

}  // namespace

void read_reminders(YamlReader& reader, const YAML::Node& tenant_node, TenantConfig& tenant) {
    if (YAML::Node node = reader.get(tenant_node, "reminders"); present(node)) read_reminder_section(reader, node, tenant);
    if (YAML::Node node = reader.get(tenant_node, "follow_ups"); present(node)) read_follow_up_section(reader, node, tenant);
}

}  // namespace leadhub::config
