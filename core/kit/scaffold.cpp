#include "kit/scaffold.hpp"

#include "kit/templates.hpp"

#include <algorithm>
#include <fstream>
#include <system_error>
#include <utility>

namespace leadhub::kit {

namespace fs = std::filesystem;

const std::vector<std::string>& scaffold_kinds() {
    static const std::vector<std::string> kinds = {"source", "sink", "notifier", "processor"};
    return kinds;
}

std::string render_template(std::string_view text, const PluginName& name, const std::string& kind) {
    const std::pair<std::string_view, std::string_view> placeholders[] = {
        {"{{name}}", name.name}, {"{{identifier}}", name.identifier}, {"{{class}}", name.class_name}, {"{{kind}}", kind}};
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        bool replaced = false;
        if (text[i] == '{') {
            for (const auto& [key, value] : placeholders) {
                if (text.substr(i, key.size()) == key) {
                    out += value;
                    i += key.size();
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) out += text[i++];
    }
    return out;
}

namespace {

std::string refusal_for(const fs::path& dir) {
    std::error_code ec;
    const auto status = fs::status(dir, ec);
    if (ec || !fs::exists(status)) return "";
    if (!fs::is_directory(status)) return "refusing to write into " + dir.string() + ": it exists and is not a directory";
    if (!fs::is_empty(dir, ec) || ec) return "refusing to write into " + dir.string() + ": it exists and is not empty";
    return "";
}

}  // namespace

ScaffoldResult write_plugin(const std::string& kind, const PluginName& name, const fs::path& dir) {
    ScaffoldResult result;
    const auto& kinds = scaffold_kinds();
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
        result.error = "unknown plugin kind '" + kind + "': use source, sink, notifier or processor";
        return result;
    }
    if (result.error = refusal_for(dir); !result.error.empty()) return result;

    for (const auto& file : template_files()) {
        if (file.group != "common" && file.group != kind) continue;
        const fs::path target = dir / render_template(file.path, name, kind);
        std::error_code ec;
        fs::create_directories(target.parent_path(), ec);
        if (ec) {
            result.error = "cannot create " + target.parent_path().string() + ": " + ec.message();
            return result;
        }
        std::ofstream out(target, std::ios::binary);
        out << render_template(file.text, name, kind);
        out.close();
        if (!out) {
            result.error = "cannot write " + target.string();
            return result;
        }
        result.written.push_back(target);
    }
    if (result.written.empty()) result.error = "this leadhub has no templates for the kind '" + kind + "'";
    return result;
}

}  // namespace leadhub::kit
