// Writes a new plugin folder from the embedded templates: what `leadhub new-plugin` does.
#pragma once

#include "kit/plugin_name.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace leadhub::kit {

// The kinds new-plugin can write: "source", "sink", "notifier", "processor".
const std::vector<std::string>& scaffold_kinds();

// Replaces {{name}}, {{identifier}}, {{class}} and {{kind}} in `text`; anything else (a C++
// brace-initialiser such as {{"id", 5}}) stays as it is.
std::string render_template(std::string_view text, const PluginName& name, const std::string& kind);

struct ScaffoldResult {
    std::vector<std::filesystem::path> written;  // every file, in the order written
    std::string error;                           // "" on success

    bool ok() const { return error.empty(); }
};

// Writes the common files and those of `kind` under `dir`, creating it. Refuses, before writing
// anything, an unknown kind and a `dir` that exists and is not an empty directory.
ScaffoldResult write_plugin(const std::string& kind, const PluginName& name, const std::filesystem::path& dir);

}  // namespace leadhub::kit
