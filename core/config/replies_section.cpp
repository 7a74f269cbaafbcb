// The tenant's `replies` section: whether customers get automatic answers, what they are asked
// and in which order, and the owner's own wording of any answer, per tenant and per channel.
// A template is checked here, where the owner can be shown the line, and not when a customer
// is waiting: it must parse (sdk::check_template) and name only the fields a reply fills in.
#include "config/sections.hpp"

#include <leadhub/sdk/suggest.hpp>
#include <leadhub/sdk/text_template.hpp>

#include <algorithm>

namespace leadhub::config {

namespace {

bool is_one_of(const std::string& name, const std::vector<std::string>& names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
    return out;
}

// A `templates:` mapping: known names only, each a valid template.
std::map<std::string, std::string> read_templates(YamlReader& reader, const YAML::Node& node,
                                                  const std::string& section) {
    std::map<std::string, std::string> out;
    if (!present(node) || !reader.expect_map(node, "templates as a mapping of template name to text, e.g. "
                                                   "{first_book: \"Здравствуйте! ...\"}"))
        return out;
    reader.check_duplicate_keys(node, section);
    for (const auto& entry : node) {
        if (!entry.first.IsScalar()) continue;  // reported by check_duplicate_keys
        const std::string& name = entry.first.Scalar();
        if (!is_one_of(name, reply_template_names())) {
            reader.error(entry.first.Mark(), "unknown template '" + name + "' in " + section +
                                                 sdk::suggestion_suffix(name, reply_template_names()) +
                                                 "; the templates are: " + joined(reply_template_names()));
            continue;
        }
        auto text = reader.text(entry.second, "the template's text");
        if (!text) continue;
        if (auto problem = reply_template_problem(name, *text)) reader.error(entry.second.Mark(), *problem);
        else out.emplace(name, *text);
    }
    return out;
}

std::vector<std::string> read_ask_for(YamlReader& reader, const YAML::Node& node) {
    std::vector<std::string> out;
    auto names = reader.marked_list(node, "a list of what to ask, e.g. [service, date_time, name, phone]");
    if (!names) return {"service", "date_time", "name", "phone"};
    for (const auto& name : *names) {
        if (!is_one_of(name.text, reply_ask_fields()))
            reader.error(name.mark, "unknown field '" + name.text + "' in replies.ask_for" +
                                        sdk::suggestion_suffix(name.text, reply_ask_fields()) +
                                        "; a reply may ask for: " + joined(reply_ask_fields()));
        else if (is_one_of(name.text, out))
            reader.error(name.mark, "'" + name.text + "' is named twice in replies.ask_for");
        else
            out.push_back(name.text);
    }
    return out;
}

void read_channels(YamlReader& reader, const YAML::Node& node, RepliesConfig& replies) {
    if (!present(node) || !reader.expect_map(node, "channels as a mapping, e.g. {webform: {enabled: false}}")) return;
    reader.check_duplicate_keys(node, "replies.channels");
    for (const auto& entry : node) {
        if (!entry.first.IsScalar()) continue;
        const std::string& channel = entry.first.Scalar();
        if (!is_one_of(channel, reply_channels())) {
            reader.error(entry.first.Mark(), "unknown channel '" + channel + "' in replies.channels" +
                                                 sdk::suggestion_suffix(channel, reply_channels()) +
                                                 "; the channels are: " + joined(reply_channels()));
            continue;
        }
        const YAML::Node& map = entry.second;
        if (!reader.expect_map(map, "a channel's overrides, e.g. {enabled: false} or {templates: {...}}")) continue;
        const std::string section = "replies.channels." + channel;
        reader.check_keys(map, {"enabled", "templates"}, section);
        ReplyChannelConfig config;
        config.enabled = reader.boolean(reader.get(map, "enabled"), "enabled as true or false");
        config.templates = read_templates(reader, reader.get(map, "templates"), section + ".templates");
        replies.channels[channel] = std::move(config);
    }
}

}  // namespace

const std::vector<std::string>& reply_template_names() {
    static const std::vector<std::string> names = {
        "first_book",    "first_reschedule", "first_question", "first_cancel", "first_complaint",
        "first_other",   "confirm_book",     "confirm_reschedule", "promise",  "after_hours",
        "ask_service",   "ask_date_time",    "ask_name",       "ask_phone",    "complete"};
    return names;
}

const std::vector<std::string>& reply_context_fields() {
    static const std::vector<std::string> fields = {
        "name",         "service_names", "service_names_acc", "when",     "date_text",     "time",
        "daypart_text", "business",      "answer_within",     "opens_at", "channel_title", "promise"};
    return fields;
}

const std::vector<std::string>& reply_ask_fields() {
    static const std::vector<std::string> fields = {"service", "date_time", "name", "phone"};
    return fields;
}

const std::vector<std::string>& reply_channels() {
    static const std::vector<std::string> channels = {"telegram", "whatsapp", "instagram", "vk",  "max",
                                                      "webform",  "call",     "email",     "avito"};
    return channels;
}

std::optional<std::string> reply_template_problem(const std::string& name, const std::string& text) {
    if (auto problem = sdk::check_template(text)) return "template '" + name + "': " + *problem;
    for (const auto& field : sdk::template_fields(text)) {
        // promise is rendered from these two, so they cannot contain it.
        bool self = field == "promise" && (name == "promise" || name == "after_hours");
        if (!self && is_one_of(field, reply_context_fields())) continue;
        return "template '" + name + "' names '" + field + "', which a reply does not fill in" +
               sdk::suggestion_suffix(field, reply_context_fields()) + "; the fields are: " +
               joined(reply_context_fields()) + (self ? " (promise is made from this template)" : "");
    }
    return std::nullopt;
}

bool RepliesConfig::enabled_on(const std::string& channel) const {
    auto it = channels.find(channel);
    if (it != channels.end() && it->second.enabled) return *it->second.enabled;
    return enabled;
}

const std::string* RepliesConfig::template_text(const std::string& channel, const std::string& name) const {
    if (auto it = channels.find(channel); it != channels.end())
        if (auto own = it->second.templates.find(name); own != it->second.templates.end()) return &own->second;
    auto it = templates.find(name);
    return it == templates.end() ? nullptr : &it->second;
}

void read_replies(YamlReader& reader, const YAML::Node& node, TenantConfig& tenant) {
    if (!present(node) || !reader.expect_map(node, "replies as a mapping, e.g. {enabled: true, max_questions: 3}"))
        return;
    reader.check_keys(node, {"enabled", "ask_for", "max_questions", "templates", "channels"}, "replies");
    RepliesConfig& replies = tenant.replies;
    if (auto enabled = reader.boolean(reader.get(node, "enabled"), "enabled as true or false"))
        replies.enabled = *enabled;
    if (YAML::Node ask_for = reader.get(node, "ask_for"); present(ask_for))
        replies.ask_for = read_ask_for(reader, ask_for);
    if (auto max = reader.integer(reader.get(node, "max_questions"), "max_questions as a whole number", 0, 10))
        replies.max_questions = static_cast<int>(*max);
    replies.templates = read_templates(reader, reader.get(node, "templates"), "replies.templates");
    read_channels(reader, reader.get(node, "channels"), replies);
}

}  // namespace leadhub::config
