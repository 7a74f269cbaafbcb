// The name a plugin author picks for `leadhub new-plugin`, and the spellings derived from it for
// code and files.
#pragma once

#include <string>

namespace leadhub::kit {

struct PluginName {
    std::string name;        // as the manifest and configs spell it: "my-crm"
    std::string identifier;  // for C++ namespaces and file names: "my_crm"
    std::string class_name;  // for C++ class names: "MyCrm"
};

// "" when `name` is a usable plugin name ([a-z][a-z0-9_-]*, at most 64 characters), otherwise the
// reason in words.
std::string check_plugin_name(const std::string& name);

// Derives the spellings; `name` must have passed check_plugin_name.
PluginName derive_plugin_name(const std::string& name);

}  // namespace leadhub::kit
