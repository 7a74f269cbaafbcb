#include "kit/plugin_name.hpp"

namespace leadhub::kit {

namespace {
constexpr std::size_t kMaxNameLength = 64;

bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
}  // namespace

std::string check_plugin_name(const std::string& name) {
    if (name.empty()) return "the plugin name is empty";
    if (name.size() > kMaxNameLength)
        return "the plugin name '" + name + "' is longer than " + std::to_string(kMaxNameLength) + " characters";
    if (!is_lower(name.front()))
        return "the plugin name '" + name + "' must start with a lowercase latin letter (a-z)";
    for (char c : name) {
        if (!is_lower(c) && !is_digit(c) && c != '-' && c != '_')
            return "the plugin name '" + name + "' may only contain a-z, 0-9, '-' and '_'";
    }
    return "";
}

PluginName derive_plugin_name(const std::string& name) {
    PluginName out;
    out.name = name;
    bool upper_next = true;
    for (char c : name) {
        const bool separator = c == '-' || c == '_';
        out.identifier += separator ? '_' : c;
        if (separator) {
            upper_next = true;
            continue;
        }
        out.class_name += upper_next && is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c;
        upper_next = false;
    }
    return out;
}

}  // namespace leadhub::kit
