#include "host/plugin_library.hpp"

#include "host/manifest_check.hpp"
#include "host/shadow_copy.hpp"

#include <boost/dll/shared_library.hpp>
#include <leadhub/sdk/exception_text.hpp>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <exception>
#include <system_error>

namespace leadhub::host {
namespace {

// Bytes of the plugin table that must exist for `field` to be readable.
#define LEADHUB_TABLE_END(field) (offsetof(lh_plugin_api, field) + sizeof(lh_plugin_api::field))

struct KindNeed {
    const char* kind;
    std::size_t table_end;   // the table must reach this far
    const char* function;    // and this entry must be set
};

const KindNeed kKindNeeds[] = {
    {"source", LEADHUB_TABLE_END(handle_http), "handle_http"},
    {"sink", LEADHUB_TABLE_END(deliver), "deliver"},
    {"notifier", LEADHUB_TABLE_END(deliver), "deliver"},
    {"processor", LEADHUB_TABLE_END(process), "process"},
};

bool has_function(const lh_plugin_api& api, const std::string& function) {
    if (function == "handle_http") return api.handle_http != nullptr;
    if (function == "deliver") return api.deliver != nullptr;
    if (function == "process") return api.process != nullptr;
    return false;
}

LoadResult refuse(const std::filesystem::path& file, const std::string& reason) {
    return {nullptr, file.filename().string() + ": " + reason};
}

std::string missing_export(const char* symbol) {
    return std::string("missing export '") + symbol + "' (did the plugin use LEADHUB_PLUGIN?)";
}

}  // namespace

LoadResult PluginLibrary::load(const std::filesystem::path& file, const std::filesystem::path& shadow_dir) {
    std::string error;
    std::filesystem::path shadow = make_shadow_copy(file, shadow_dir, error);
    if (shadow.empty()) return refuse(file, error);

    // From here on the object owns the shadow copy: any refusal below unloads and removes it.
    std::shared_ptr<PluginLibrary> self(new PluginLibrary());
    self->source_path_ = file;
    self->shadow_path_ = shadow;
    try {
        self->library_ = std::make_unique<boost::dll::shared_library>(
            boost::dll::fs::path(shadow.string()), boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
    } catch (...) {
        return refuse(file, "cannot be loaded: " + sdk::exception_text(std::current_exception()));
    }
    boost::dll::shared_library& lib = *self->library_;

    // 1. The version, before any other plugin function runs.
    if (!lib.has(LEADHUB_SYMBOL_ABI_VERSION)) return refuse(file, missing_export(LEADHUB_SYMBOL_ABI_VERSION));
    std::uint32_t abi = 0;
    try {
        abi = lib.get<std::uint32_t()>(LEADHUB_SYMBOL_ABI_VERSION)();
    } catch (...) {
        return refuse(file, "leadhub_abi_version failed: " + sdk::exception_text(std::current_exception()));
    }
    if (abi != LEADHUB_ABI_VERSION)
        return refuse(file, "ABI version " + std::to_string(abi) + ", this leadhub speaks version " +
                                std::to_string(LEADHUB_ABI_VERSION) + ": rebuild the plugin against the current SDK");

    // 2. The manifest.
    if (!lib.has(LEADHUB_SYMBOL_MANIFEST)) return refuse(file, missing_export(LEADHUB_SYMBOL_MANIFEST));
    const char* manifest_text = nullptr;
    try {
        manifest_text = lib.get<const char*()>(LEADHUB_SYMBOL_MANIFEST)();
    } catch (...) {
        return refuse(file, "leadhub_manifest failed: " + sdk::exception_text(std::current_exception()));
    }
    if (!manifest_text) return refuse(file, "leadhub_manifest returned NULL");
    try {
        self->manifest_ = nlohmann::json::parse(manifest_text);
    } catch (const std::exception& e) {
        return refuse(file, std::string("manifest is not JSON: ") + e.what());
    }
    if (std::string problem = check_manifest(self->manifest_); !problem.empty()) return refuse(file, problem);
    self->name_ = self->manifest_.at("name").get<std::string>();
    self->version_ = self->manifest_.at("version").get<std::string>();
    self->kinds_ = self->manifest_.at("kinds").get<std::vector<std::string>>();

    // 3. The function table.
    if (!lib.has(LEADHUB_SYMBOL_PLUGIN)) return refuse(file, missing_export(LEADHUB_SYMBOL_PLUGIN));
    const lh_plugin_api* table = nullptr;
    try {
        table = lib.get<const lh_plugin_api*()>(LEADHUB_SYMBOL_PLUGIN)();
    } catch (...) {
        return refuse(file, "leadhub_plugin failed: " + sdk::exception_text(std::current_exception()));
    }
    if (!table) return refuse(file, "leadhub_plugin returned no function table");
    std::size_t needed = LEADHUB_TABLE_END(destroy);
    for (const KindNeed& need : kKindNeeds)
        if (self->has_kind(need.kind)) needed = std::max(needed, need.table_end);
    if (table->size < needed)
        return refuse(file, "function table is " + std::to_string(table->size) + " bytes, this leadhub needs at least " +
                                std::to_string(needed) + " for its kinds: rebuild the plugin against the current SDK");
    // Copy what the plugin has; newer host fields stay NULL.
    std::memcpy(&self->api_, table, std::min<std::size_t>(table->size, sizeof(lh_plugin_api)));
    self->api_.size = static_cast<std::uint32_t>(std::min<std::size_t>(table->size, sizeof(lh_plugin_api)));
    if (!self->api_.create || !self->api_.destroy) return refuse(file, "function table lacks create or destroy");
    for (const KindNeed& need : kKindNeeds)
        if (self->has_kind(need.kind) && !has_function(self->api_, need.function))
            return refuse(file, std::string("declares kind '") + need.kind + "' but its table has no " + need.function);
    return {self, ""};
}

#undef LEADHUB_TABLE_END

PluginLibrary::~PluginLibrary() {
    // Unload first, then remove the copy: the file must outlive the mapping only on systems that care.
    library_.reset();
    if (!shadow_path_.empty()) {
        std::error_code ignored;
        std::filesystem::remove(shadow_path_, ignored);
    }
}

bool PluginLibrary::has_kind(std::string_view kind) const {
    return std::find(kinds_.begin(), kinds_.end(), kind) != kinds_.end();
}

}  // namespace leadhub::host
