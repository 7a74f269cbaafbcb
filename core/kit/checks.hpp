// The conformance suite's checks, by area. Each list holds only the checks that apply to the
// plugin (a sink gets no webhook checks). Names say what is expected of a conforming plugin.
#pragma once

#include "kit/check_context.hpp"

#include <vector>

namespace leadhub::kit {

// Manifest and ABI: name, version, kinds and their functions, options schema, help texts.
std::vector<Check> manifest_checks(const PluginUnderTest& plugin);
// Options: defaults validate; wrong types, unknown and missing required options are refused
// before the plugin's create runs.
std::vector<Check> option_checks(const PluginUnderTest& plugin);
// Lifecycle: create, start, stop, destroy; a second start refused; stop without start harmless.
std::vector<Check> lifecycle_checks(const PluginUnderTest& plugin);
// Behaviour per kind: malformed webhooks answered 4xx, odd deliveries classified, processors
// answering JSON, calls after stop refused by the host.
std::vector<Check> behaviour_checks(const PluginUnderTest& plugin);

}  // namespace leadhub::kit
