#include "host/plugin_registry.hpp"

#include <algorithm>
#include <system_error>

namespace leadhub::host {

namespace fs = std::filesystem;

PluginRegistry::PluginRegistry(fs::path shadow_dir) : shadow_dir_(std::move(shadow_dir)) {}

std::vector<std::string> PluginRegistry::scan(const std::vector<fs::path>& dirs) {
    std::vector<std::string> errors;
    std::lock_guard lock(mutex_);
    for (const auto& dir : dirs) scan_directory(dir, errors);
    return errors;
}

void PluginRegistry::scan_directory(const fs::path& dir, std::vector<std::string>& errors) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        errors.push_back(dir.string() + ": plugin directory does not exist or is not a directory");
        return;
    }
    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code type_ec;
        if (it->path().extension() == ".so" && it->is_regular_file(type_ec)) files.push_back(it->path());
    }
    if (ec) errors.push_back(dir.string() + ": cannot list the plugin directory: " + ec.message());
    std::sort(files.begin(), files.end());

    for (const auto& file : files)
        if (!knows_file(file)) add_file(file, errors);
}

bool PluginRegistry::add_file(const fs::path& file, std::vector<std::string>& errors) {
    LoadResult loaded = PluginLibrary::load(file, shadow_dir_);
    if (!loaded) {
        errors.push_back(loaded.error);
        return false;
    }
    if (auto same_name = find_locked(loaded.library->name())) {
        errors.push_back(file.string() + ": plugin '" + loaded.library->name() + "' is already loaded from " +
                         same_name->source_path().string() + "; this file is ignored");
        return false;
    }
    libraries_.push_back(std::move(loaded.library));
    return true;
}

std::string PluginRegistry::conventional_file_name(const std::string& name) {
    if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos ||
        name.find('\0') != std::string::npos)
        return "";
    return "leadhub-" + name + ".so";
}

PluginRegistry::Resolved PluginRegistry::resolve(const std::string& name, const std::vector<fs::path>& dirs) {
    Resolved out;
    std::lock_guard lock(mutex_);
    if ((out.library = find_locked(name))) return out;
    // By the naming convention: the first directory holding the file wins, as in a scan.
    if (const std::string file_name = conventional_file_name(name); !file_name.empty()) {
        for (const auto& dir : dirs) {
            std::error_code ec;
            const fs::path file = dir / file_name;
            if (!fs::is_regular_file(file, ec) || knows_file(file)) continue;
            add_file(file, out.errors);
            if ((out.library = find_locked(name))) return out;
        }
    }
    // A library named otherwise (or a file that declares another name): open everything.
    for (const auto& dir : dirs) scan_directory(dir, out.errors);
    out.scanned = true;
    out.library = find_locked(name);
    return out;
}

bool PluginRegistry::knows_file(const fs::path& file) const {
    return std::any_of(libraries_.begin(), libraries_.end(), [&](const auto& l) { return l->source_path() == file; });
}

std::shared_ptr<PluginLibrary> PluginRegistry::find(const std::string& name) const {
    std::lock_guard lock(mutex_);
    return find_locked(name);
}

std::shared_ptr<PluginLibrary> PluginRegistry::find_locked(const std::string& name) const {
    for (const auto& library : libraries_)
        if (library->name() == name) return library;
    return nullptr;
}

std::vector<std::shared_ptr<PluginLibrary>> PluginRegistry::all() const {
    std::lock_guard lock(mutex_);
    auto out = libraries_;
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a->name() < b->name(); });
    return out;
}

std::optional<nlohmann::json> PluginRegistry::manifest(const std::string& name) const {
    auto library = find(name);
    if (!library) return std::nullopt;
    return library->manifest();
}

std::shared_ptr<PluginLibrary> PluginRegistry::replace(std::shared_ptr<PluginLibrary> library) {
    if (!library) return nullptr;
    std::lock_guard lock(mutex_);
    for (auto& existing : libraries_) {
        if (existing->name() == library->name()) {
            std::swap(existing, library);
            return library;
        }
    }
    libraries_.push_back(std::move(library));
    return nullptr;
}

bool PluginRegistry::remove(const std::string& name) {
    std::lock_guard lock(mutex_);
    auto it = std::find_if(libraries_.begin(), libraries_.end(), [&](const auto& l) { return l->name() == name; });
    if (it == libraries_.end()) return false;
    libraries_.erase(it);
    return true;
}

}  // namespace leadhub::host
