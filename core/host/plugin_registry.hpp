// The plugin libraries the hub knows, by plugin name.
//
// scan() loads every *.so in the given directories (not their subdirectories), in the order the
// directories are given and by file name within one, keeping every library that loads and returning
// one error per library that does not. When two files declare the same plugin name the first one
// found wins and the other is reported, naming both files. Files already registered are skipped, so
// scanning again only picks up new files; a changed library comes in through replace().
//
// Instances hold their own shared_ptr to their library, so replacing or removing a library here
// never unloads code that an instance still runs. All methods are safe to call from any thread.
#pragma once

#include "host/plugin_library.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace leadhub::host {

class PluginRegistry {
public:
    // Shadow copies of loaded libraries go under `shadow_dir` (see PluginLibrary::load).
    explicit PluginRegistry(std::filesystem::path shadow_dir);

    std::vector<std::string> scan(const std::vector<std::filesystem::path>& dirs);

    std::shared_ptr<PluginLibrary> find(const std::string& name) const;
    // Every library, ordered by plugin name.
    std::vector<std::shared_ptr<PluginLibrary>> all() const;
    // The manifest of the plugin `name`, for config validation and `leadhub plugins`.
    std::optional<nlohmann::json> manifest(const std::string& name) const;

    // Puts `library` in place of the one with the same plugin name (or adds it) and returns the
    // previous one, or nullptr. For hot reload: the caller moves instances over, then drops the old.
    std::shared_ptr<PluginLibrary> replace(std::shared_ptr<PluginLibrary> library);
    // Forgets the plugin `name`; false if there was none.
    bool remove(const std::string& name);

    const std::filesystem::path& shadow_dir() const { return shadow_dir_; }

private:
    // Scans one directory; the caller holds the lock.
    void scan_directory(const std::filesystem::path& dir, std::vector<std::string>& errors);
    bool knows_file(const std::filesystem::path& file) const;

    std::filesystem::path shadow_dir_;
    mutable std::mutex mutex_;
    std::vector<std::shared_ptr<PluginLibrary>> libraries_;
};

}  // namespace leadhub::host
