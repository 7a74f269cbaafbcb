// The readers of each part of the config file. Internal to the config module: each fills typed
// values and reports problems through the YamlReader, never stopping at the first.
#pragma once

#include "config/config.hpp"
#include "config/yaml_reader.hpp"

#include <optional>
#include <string>
#include <vector>

namespace leadhub::config {

// What every instance inherits from the top of the file.
struct InstanceDefaults {
    DispatchPolicy dispatch;
    bool dispatch_timeout_written = false;  // else a manifest's defaults.timeout_ms wins over 30s
};

// The keys of the top-level mapping, and of one tenant mapping.
const std::vector<std::string>& top_level_keys();
const std::vector<std::string>& tenant_keys();
// The keys shared by the top-level dispatch section and each sink/notifier's overrides.
const std::vector<std::string>& dispatch_keys();

// version, listen, admin, storage, http, plugins, dispatch, logging.
void read_server_sections(YamlReader& reader, const YAML::Node& root, Config& config, InstanceDefaults& defaults);

// Reads dispatch_keys() present in `map` over `policy`; `timeout_written` (if given) tells whether
// `timeout` was set.
void read_dispatch_fields(YamlReader& reader, const YAML::Node& map, DispatchPolicy& policy,
                          bool* timeout_written = nullptr);

// "host:port" (IPv6 as "[::1]:8080"); nullopt when malformed.
std::optional<ListenAddress> parse_listen_address(const std::string& text);

// One tenant mapping (from `tenants:` or a file under tenants_dir).
std::optional<TenantConfig> read_tenant(YamlReader& reader, const YAML::Node& node, const ManifestLookup& manifests,
                                        const InstanceDefaults& defaults);

// The tenant's `sources`, `sinks`, `notifiers` or `processors` list.
std::vector<InstanceConfig> read_instances(YamlReader& reader, const YAML::Node& list, InstanceKind kind,
                                           const ManifestLookup& manifests, const InstanceDefaults& defaults);

// Which delivery settings the instance wrote itself (those beat the manifest's defaults).
struct WrittenOverrides {
    bool timeout = false;
    bool concurrency = false;
};

// Checks `instance` against its plugin's manifest: installed, provides the kind, options valid.
// Fills option defaults, secret option names, and rate/concurrency/timeout defaults.
void apply_manifest(YamlReader& reader, const YAML::Node& instance_node, const ManifestLookup& manifests,
                    const InstanceDefaults& defaults, const WrittenOverrides& written, InstanceConfig& instance);

// The tenant's routes; names are checked against the tenant's instances and services.
std::vector<RouteConfig> read_routes(YamlReader& reader, const YAML::Node& list, const TenantConfig& tenant);

// "HH:MM" as minutes after local midnight (0..1439); "24:00" (1440) only when `end_of_day_ok`.
// nullopt when not such a time. Shifts, working hours and quiet hours share it.
std::optional<int> parse_clock(const std::string& text, bool end_of_day_ok);

// A staff member's `shifts` and `absences` lists.
std::vector<ShiftConfig> read_shifts(YamlReader& reader, const YAML::Node& list);
std::vector<AbsenceConfig> read_absences(YamlReader& reader, const YAML::Node& list);

// The tenant's `conversation`, `scoring` and `assignment` sections (after staff and sources).
void read_lead_sections(YamlReader& reader, const YAML::Node& tenant_node, TenantConfig& tenant);

// The tenant's `understanding` section (after its processors).
void read_understanding(YamlReader& reader, const YAML::Node& node, TenantConfig& tenant);

// The tenant's `sla` section (after staff and instances).
void read_sla(YamlReader& reader, const YAML::Node& node, TenantConfig& tenant);

// The tenant's `working_hours` and `quiet_hours` (working_hours_section.cpp).
void read_hours_sections(YamlReader& reader, const YAML::Node& tenant_node, TenantConfig& tenant);

// The tenant's `replies` section: automatic answers to customers and their templates.
void read_replies(YamlReader& reader, const YAML::Node& node, TenantConfig& tenant);

// The tenant's `reminders` and `follow_ups` sections (after its instances).
void read_reminders(YamlReader& reader, const YAML::Node& tenant_node, TenantConfig& tenant);

// [a-z0-9_-]+
bool is_identifier(const std::string& text);

}  // namespace leadhub::config
