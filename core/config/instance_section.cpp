// The tenant's plugin instances: `sources`, `sinks`, `notifiers` and `processors`.
#include "config/options_yaml.hpp"
#include "config/sections.hpp"

#include <cmath>

namespace leadhub::config {

namespace {

const std::vector<std::string>& source_keys() {
    static const std::vector<std::string> keys = {"name", "plugin", "options", "enabled", "isolation"};
    return keys;
}

// Sinks, notifiers and processors also take delivery limits and overrides of the dispatch section.
const std::vector<std::string>& delivery_keys() {
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> k = source_keys();
        k.insert(k.end(), {"rate", "concurrency"});
        k.insert(k.end(), dispatch_keys().begin(), dispatch_keys().end());
        return k;
    }();
    return keys;
}

std::string list_phrase(InstanceKind kind) {
    switch (kind) {
        case InstanceKind::source: return "sources";
        case InstanceKind::sink: return "sinks";
        case InstanceKind::notifier: return "notifiers";
        case InstanceKind::processor: return "processors";
    }
    return "instances";
}

void read_rate(YamlReader& reader, const YAML::Node& node, InstanceConfig& instance) {
    YAML::Node rate = reader.get(node, "rate");
    if (!present(rate) || !reader.expect_map(rate, "rate as a mapping, e.g. {per_second: 2, burst: 50}")) return;
    reader.check_keys(rate, {"per_second", "burst", "bucket"}, "rate");
    if (YAML::Node bucket = reader.get(rate, "bucket"); present(bucket)) {
        auto name = reader.text(bucket, "rate.bucket as a name shared by the instances of one API account");
        if (name) instance.rate_bucket = *name;
        if (!present(reader.get(rate, "per_second"))) return;  // the manifest's limit, shared
    }
    auto per_second = reader.number(reader.require(rate, "per_second", "rate"), "rate.per_second as a number",
                                    0.001, 1e6);
    auto burst = reader.number(reader.get(rate, "burst"), "rate.burst as a number", 1, 1e6);
    if (!per_second) return;
    instance.rate = RateLimit{*per_second, burst ? *burst : std::max(1.0, std::ceil(*per_second))};
}

void read_isolation(YamlReader& reader, const YAML::Node& node, InstanceConfig& instance) {
    YAML::Node isolation = reader.get(node, "isolation");
    if (!present(isolation)) return;
    auto mode = reader.text(isolation, "isolation: in_process or process");
    if (!mode) return;
    if (*mode == "process") instance.isolation = Isolation::process;
    else if (*mode == "in_process") instance.isolation = Isolation::in_process;
    else reader.error(isolation.Mark(), "isolation must be in_process or process, got '" + *mode + "'");
}

std::optional<InstanceConfig> read_instance(YamlReader& reader, const YAML::Node& node, InstanceKind kind,
                                            const ManifestLookup& manifests, const InstanceDefaults& defaults) {
    const std::string section = std::string("a ") + to_string(kind);
    if (!reader.expect_map(node, section + " mapping with name, plugin, options")) return std::nullopt;
    const bool delivers = kind != InstanceKind::source;
    reader.check_keys(node, delivers ? delivery_keys() : source_keys(), section);

    InstanceConfig instance;
    instance.kind = kind;
    instance.location = reader.location(node);
    instance.dispatch = defaults.dispatch;
    YAML::Node name_node = reader.require(node, "name", section);
    auto name = reader.text(name_node, "an instance name such as 'site'");
    if (name && !is_identifier(*name)) {
        reader.error(name_node.Mark(), "instance name '" + *name + "' may contain only a-z, 0-9, '_' and '-'");
        name.reset();
    }
    auto plugin = reader.text(reader.require(node, "plugin", section), "a plugin name such as 'webform'");
    if (auto enabled = reader.boolean(reader.get(node, "enabled"), "enabled")) instance.enabled = *enabled;
    read_isolation(reader, node, instance);

    WrittenOverrides written;
    if (delivers) {
        written.concurrency = present(reader.get(node, "concurrency"));
        read_rate(reader, node, instance);
        if (auto c = reader.integer(reader.get(node, "concurrency"), "concurrency as a whole number", 1, 256))
            instance.concurrency = static_cast<int>(*c);
        read_dispatch_fields(reader, node, instance.dispatch, &written.timeout);
    }
    if (name) instance.name = *name;  // option errors name the instance
    if (plugin) instance.plugin = *plugin;
    if (plugin && manifests) {
        apply_manifest(reader, node, manifests, defaults, written, instance);
    } else {
        instance.options = options_to_json(reader, reader.get(node, "options"), nullptr).values;
    }
    if (!name || !plugin) return std::nullopt;
    return instance;
}

}  // namespace

const char* to_string(InstanceKind kind) {
    switch (kind) {
        case InstanceKind::source: return "source";
        case InstanceKind::sink: return "sink";
        case InstanceKind::notifier: return "notifier";
        case InstanceKind::processor: return "processor";
    }
    return "instance";
}

std::vector<InstanceConfig> read_instances(YamlReader& reader, const YAML::Node& list, InstanceKind kind,
                                           const ManifestLookup& manifests, const InstanceDefaults& defaults) {
    std::vector<InstanceConfig> instances;
    if (!present(list) || !reader.expect_list(list, "a list of " + list_phrase(kind))) return instances;
    for (const auto& node : list)
        if (auto instance = read_instance(reader, node, kind, manifests, defaults))
            instances.push_back(std::move(*instance));
    return instances;
}

}  // namespace leadhub::config
