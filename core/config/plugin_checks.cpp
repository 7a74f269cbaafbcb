// An instance against its plugin's manifest: installed, right kind, options valid, defaults.
#include "config/options_yaml.hpp"
#include "config/sections.hpp"

#include <leadhub/sdk/options.hpp>
#include <leadhub/sdk/suggest.hpp>

#include <algorithm>
#include <cmath>

namespace leadhub::config {

namespace {

std::string not_installed_message(const std::string& plugin, const std::vector<std::string>& installed) {
    std::string message = "plugin '" + plugin + "' is not installed";
    std::string suggestion = sdk::suggestion_suffix(plugin, installed);
    if (!suggestion.empty()) return message + suggestion;
    if (installed.empty()) return message;
    std::string list;
    for (const auto& name : installed) list += (list.empty() ? "" : ", ") + name;
    return message + " (installed: " + list + ")";
}

bool provides_kind(const Json& manifest, const std::string& kind) {
    auto kinds = manifest.find("kinds");
    if (kinds == manifest.end() || !kinds->is_array()) return false;
    return std::find(kinds->begin(), kinds->end(), Json(kind)) != kinds->end();
}

std::string kinds_text(const Json& manifest) {
    std::string list;
    if (auto kinds = manifest.find("kinds"); kinds != manifest.end() && kinds->is_array())
        for (const auto& k : *kinds)
            if (k.is_string()) list += (list.empty() ? "" : ", ") + k.get<std::string>();
    return list.empty() ? "nothing" : list;
}

// Every string inside `value` is a secret (a secret option may be a list or a map of strings).
void collect_strings(const Json& value, std::vector<std::string>& out) {
    if (value.is_string()) out.push_back(value.get<std::string>());
    else if (value.is_structured())
        for (const auto& item : value) collect_strings(item, out);
}

// Points an option error at the offending key (unknown option) or value, else at the options
// mapping, else at the instance.
YAML::Mark option_error_mark(YamlReader& reader, const YAML::Node& instance_node, const YAML::Node& options,
                             const sdk::OptionError& error) {
    if (!present(options)) return instance_node.Mark();
    YAML::Node value = reader.get(options, error.option);
    if (error.option.empty() || !value.IsDefined()) return options.Mark();
    if (error.message.starts_with("unknown option") || !present(value)) return reader.key_mark(options, error.option);
    return value.Mark();
}

void apply_manifest_defaults(const Json& manifest, const InstanceDefaults& defaults, const WrittenOverrides& written,
                             InstanceConfig& instance) {
    const Json plugin_defaults = manifest.value("defaults", Json::object());
    if (!plugin_defaults.is_object()) return;
    auto number = [&](const char* key) -> std::optional<double> {
        auto it = plugin_defaults.find(key);
        return it != plugin_defaults.end() && it->is_number() ? std::optional<double>(it->get<double>()) : std::nullopt;
    };
    // A source delivers nothing, unless it is a channel that also sends replies (kinds source and
    // sink): its replies keep the API's documented limits.
    if (instance.kind == InstanceKind::source && !provides_kind(manifest, "sink")) return;
    if (!instance.rate) {
        if (auto rate = number("rate_per_second"); rate && *rate > 0)
            instance.rate = RateLimit{*rate, std::max(1.0, number("burst").value_or(std::ceil(*rate)))};
    }
    if (auto it = plugin_defaults.find("lead_updates"); it != plugin_defaults.end() && it->is_boolean() &&
                                                        instance.kind == InstanceKind::sink)
        instance.lead_updates = it->get<bool>();
    if (auto c = number("concurrency"); c && *c >= 1 && !written.concurrency)
        instance.concurrency = static_cast<int>(*c);
    if (auto t = number("timeout_ms"); t && *t > 0 && !written.timeout && !defaults.dispatch_timeout_written)
        instance.dispatch.timeout = Duration(static_cast<std::int64_t>(*t));
}

}  // namespace

void apply_manifest(YamlReader& reader, const YAML::Node& instance_node, const ManifestLookup& manifests,
                    const InstanceDefaults& defaults, const WrittenOverrides& written, InstanceConfig& instance) {
    YAML::Node options = reader.get(instance_node, "options");
    YAML::Node plugin_node = reader.get(instance_node, "plugin");
    std::optional<Json> manifest = manifests(instance.plugin);
    if (!manifest || !manifest->is_object()) {
        reader.error(plugin_node.Mark(), not_installed_message(instance.plugin, manifests.installed_names()));
        instance.options = options_to_json(reader, options, nullptr).values;
        return;
    }
    const std::string kind = to_string(instance.kind);
    instance.notifies = instance.kind == InstanceKind::source && provides_kind(*manifest, "notifier");
    instance.reports = instance.kind == InstanceKind::sink && provides_kind(*manifest, "source");
    if (!provides_kind(*manifest, kind))
        reader.error(plugin_node.Mark(), "plugin '" + instance.plugin + "' cannot be used as a " + kind +
                                             ": it provides " + kinds_text(*manifest));

    const Json schema = manifest->value("options", Json::array());
    OptionsJson given = options_to_json(reader, options, schema);
    if (!given.readable) return;
    Json normalized;
    for (const auto& error : sdk::validate_options(schema, given.values, normalized)) {
        if (given.failed.count(error.option)) continue;  // its reference error is already reported
        reader.error(option_error_mark(reader, instance_node, options, error),
                     kind + " '" + instance.name + "': " + error.message);
    }
    instance.options = normalized;
    for (const auto& spec : schema) {
        if (!spec.is_object() || !spec.value("secret", false)) continue;
        const std::string name = spec.value("name", std::string());
        instance.secret_options.push_back(name);
        if (normalized.is_object() && normalized.contains(name)) collect_strings(normalized.at(name), reader.secrets());
        // Also the value as written: one that failed validation is quoted by its error message.
        if (given.values.is_object() && given.values.contains(name)) collect_strings(given.values.at(name), reader.secrets());
    }
    apply_manifest_defaults(*manifest, defaults, written, instance);
}

}  // namespace leadhub::config
