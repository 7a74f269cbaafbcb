// The tenant's `understanding` section: which processor instance gives each new lead a second
// reading after the built-in one, e.g. `understanding: {processor: llm-main}`.
#include "config/sections.hpp"

#include <leadhub/sdk/suggest.hpp>

namespace leadhub::config {

void read_understanding(YamlReader& reader, const YAML::Node& node, TenantConfig& tenant) {
    if (!present(node) || !reader.expect_map(node, "understanding as a mapping, e.g. {processor: llm-main}")) return;
    reader.check_keys(node, {"processor"}, "understanding");
    tenant.understanding.location = reader.location(node);
    YAML::Node processor_node = reader.require(node, "processor", "understanding");
    auto name = reader.text(processor_node, "the name of one of the tenant's processors");
    if (!name) return;
    std::vector<std::string> processors;
    for (const auto& p : tenant.processors) processors.push_back(p.name);
    const InstanceConfig* instance = tenant.find_instance(*name);
    if (!instance) {
        std::string hint = sdk::suggestion_suffix(*name, processors);
        if (hint.empty() && processors.empty()) hint = " (the tenant has no processors: add one under 'processors')";
        reader.error(processor_node.Mark(), "unknown processor '" + *name + "'" + hint);
        return;
    }
    if (instance->kind != InstanceKind::processor) {
        reader.error(processor_node.Mark(), "'" + *name + "' is a " + to_string(instance->kind) +
                                                ", not a processor: understanding needs a processor instance");
        return;
    }
    if (!instance->enabled) {
        // Not an error: an owner switches the second reading off by disabling the instance.
        return;
    }
    tenant.understanding.processor = *name;
}

}  // namespace leadhub::config
