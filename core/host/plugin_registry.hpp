// The plugin libraries the hub knows, by plugin name.
//
// scan() loads every *.so in the given directories (not their subdirectories), in the order the
// directories are given and by file name within one, keeping every library that loads and returning
// one error per library that does not. When two files declare the same plugin name the first one
// found wins and the other is reported, naming both files. Files already registered are skipped, so
// scanning again only picks up new files; a changed library comes in through replace().
//
// resolve() finds one plugin by name without opening the libraries nobody asked for: it loads
// `leadhub-<name>.so` (the file name every plugin built with leadhub_add_plugin has) from the first
// directory that has one, and only when no such file declares the plugin does it fall back to a
// scan() of every directory, so a library named otherwise is still found. `leadhub run` and
// `leadhub validate` resolve the plugins their config names; `leadhub plugins` scans.
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

    struct Resolved {
        std::shared_ptr<PluginLibrary> library;  // nullptr: no library in `dirs` declares the plugin
        std::vector<std::string> errors;         // libraries that were opened and refused
        bool scanned = false;                    // the fallback scan ran (every library is now known)
    };
    Resolved resolve(const std::string& name, const std::vector<std::filesystem::path>& dirs);
    // "leadhub-<name>.so", or "" for a name that cannot be a file name (a '/', "..", empty).
    static std::string conventional_file_name(const std::string& name);

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
    // Loads and registers one file unless known; false (with the reason in `errors`) if refused.
    bool add_file(const std::filesystem::path& file, std::vector<std::string>& errors);
    std::shared_ptr<PluginLibrary> find_locked(const std::string& name) const;
    bool knows_file(const std::filesystem::path& file) const;

    std::filesystem::path shadow_dir_;
    mutable std::mutex mutex_;
    std::vector<std::shared_ptr<PluginLibrary>> libraries_;
};

}  // namespace leadhub::host
