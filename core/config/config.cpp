// The small methods of the public types: error text, secret masking, lookups.
#include "config/config.hpp"

#include "config/secret_mask.hpp"

#include <cstdlib>

namespace leadhub::config {

namespace {
void mask_strings(const Config& config, Json& value) {
    if (value.is_string()) value = config.mask_secrets(value.get<std::string>());
    else if (value.is_structured())
        for (auto& item : value) mask_strings(config, item);
}
}  // namespace

std::string ConfigError::to_string() const {
    if (line <= 0) return file + ": " + message;
    return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

std::string LoadResult::error_text() const {
    std::string text;
    for (const auto& error : errors) text += error.to_string() + "\n";
    return text;
}

const char* to_string(LogLevel level) {
    switch (level) {
        case LogLevel::debug: return "debug";
        case LogLevel::info: return "info";
        case LogLevel::warn: return "warn";
        case LogLevel::error: return "error";
    }
    return "info";
}

const InstanceConfig* TenantConfig::find_instance(const std::string& name) const {
    for (const auto* list : {&sources, &sinks, &notifiers, &processors})
        for (const auto& instance : *list)
            if (instance.name == name) return &instance;
    return nullptr;
}

const StaffConfig* TenantConfig::find_staff(const std::string& id) const {
    for (const auto& person : staff)
        if (person.id == id) return &person;
    return nullptr;
}

const ServiceConfig* TenantConfig::find_service(const std::string& id) const {
    for (const auto& service : services)
        if (service.id == id) return &service;
    return nullptr;
}

const TenantConfig* Config::find_tenant(const std::string& id) const {
    for (const auto& tenant : tenants)
        if (tenant.id == id) return &tenant;
    return nullptr;
}

std::string Config::mask_secrets(const std::string& text) const { return mask_secret_values(text, secrets); }

Json Config::redacted_options(const InstanceConfig& instance) const {
    Json out = instance.options;
    mask_strings(*this, out);
    for (const auto& name : instance.secret_options)
        if (out.contains(name) && !out.at(name).is_null()) out[name] = "***";
    return out;
}

Environment process_environment() {
    return [](const std::string& name) -> std::optional<std::string> {
        const char* value = std::getenv(name.c_str());
        return value ? std::optional<std::string>(value) : std::nullopt;
    };
}

ManifestLookup::ManifestLookup(const std::vector<Json>& manifests) {
    std::vector<Json> copy;
    for (const auto& manifest : manifests) {
        if (!manifest.is_object() || !manifest.contains("name") || !manifest.at("name").is_string()) continue;
        installed_names_.push_back(manifest.at("name").get<std::string>());
        copy.push_back(manifest);
    }
    find_ = [copy = std::move(copy)](const std::string& name) -> std::optional<Json> {
        for (const auto& manifest : copy)
            if (manifest.at("name") == name) return manifest;
        return std::nullopt;
    };
}

const std::vector<std::string>& ManifestLookup::installed_names() const {
    if (list_installed_) {
        installed_names_ = list_installed_();
        list_installed_ = nullptr;
    }
    return installed_names_;
}

ManifestLookup& ManifestLookup::list_installed_with(NamesFunction list) {
    list_installed_ = std::move(list);
    return *this;
}

std::optional<Json> ManifestLookup::operator()(const std::string& plugin_name) const {
    if (!find_) return std::nullopt;
    return find_(plugin_name);
}

}  // namespace leadhub::config
