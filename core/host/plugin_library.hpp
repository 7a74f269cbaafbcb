// One loaded plugin library: its manifest and its function table, checked before anyone uses them.
//
// PluginLibrary::load() copies the file to a unique path under `shadow_dir` (the dynamic loader
// returns the already-open library for a known path, so hot reload needs a fresh name), opens it
// with Boost.DLL (RTLD_NOW | RTLD_LOCAL) and reads its exports strictly in this order, stopping at
// the first problem:
//   1. leadhub_abi_version — compared with LEADHUB_ABI_VERSION before any other export is touched;
//   2. leadhub_manifest    — JSON with name, version, kinds and a valid options schema;
//   3. leadhub_plugin      — the table, big enough for the functions its kinds need.
// A refusal is a value naming the library file and the reason; nothing throws.
//
// The library stays loaded for as long as any shared_ptr to it exists (every instance holds one).
// Its destructor unloads the copy and removes the shadow file.
#pragma once

#include <leadhub/sdk/abi.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace boost::dll {
class shared_library;
}

namespace leadhub::host {

class PluginLibrary;

struct LoadResult {
    std::shared_ptr<PluginLibrary> library;  // set on success
    std::string error;                       // set on failure: "<file>: <reason>"

    explicit operator bool() const { return library != nullptr; }
};

class PluginLibrary {
public:
    static LoadResult load(const std::filesystem::path& file, const std::filesystem::path& shadow_dir);

    ~PluginLibrary();
    PluginLibrary(const PluginLibrary&) = delete;
    PluginLibrary& operator=(const PluginLibrary&) = delete;

    const nlohmann::json& manifest() const { return manifest_; }
    const std::string& name() const { return name_; }
    const std::string& version() const { return version_; }
    const std::vector<std::string>& kinds() const { return kinds_; }
    bool has_kind(std::string_view kind) const;
    // The file the library was loaded from (not the shadow copy).
    const std::filesystem::path& source_path() const { return source_path_; }
    // The unique copy actually loaded; removed when this object goes.
    const std::filesystem::path& shadow_path() const { return shadow_path_; }
    // The plugin's table as the host sees it: a full-size copy in which every field the plugin's
    // (older, smaller) table did not have is NULL, so callers only check pointers for NULL.
    const lh_plugin_api& api() const { return api_; }
    // The file name used in every message about this library, e.g. "leadhub-bitrix24.so".
    std::string display_name() const { return source_path_.filename().string(); }

private:
    PluginLibrary() = default;

    std::unique_ptr<boost::dll::shared_library> library_;
    std::filesystem::path source_path_;
    std::filesystem::path shadow_path_;
    nlohmann::json manifest_;
    std::string name_;
    std::string version_;
    std::vector<std::string> kinds_;
    lh_plugin_api api_{};
};

}  // namespace leadhub::host
