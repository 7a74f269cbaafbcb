// A plugin's README documents its options as a Markdown table under "## Options"; these helpers
// render the row an option should have and read the rows a README has, so a plugin's test can
// fail when the declared options and the README drift apart.
//
//   | `url` | string | `"http://…"` | yes | no | Where to POST |
#pragma once

#include <leadhub/sdk/json.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace leadhub::sdk {

// The row for one option of a manifest's options schema: name, type, default, required, secret, help.
inline std::string options_table_row(const Json& option) {
    std::string fallback = option.contains("default") ? "`" + option["default"].dump() + "`" : "—";
    return "| `" + option.value("name", std::string()) + "` | " + option.value("type", std::string()) + " | " + fallback +
           " | " + (option.value("required", false) ? "yes" : "no") + " | " + (option.value("secret", false) ? "yes" : "no") +
           " | " + option.value("help", std::string()) + " |";
}

// The option rows ("| `name` | …") of the "## Options" section of a README file; empty when the
// file or the section is missing.
inline std::vector<std::string> readme_option_rows(const std::string& readme_path) {
    std::ifstream in(readme_path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string readme = buffer.str();
    std::vector<std::string> rows;
    std::size_t table = readme.find("## Options");
    if (table == std::string::npos) return rows;
    std::size_t end = readme.find("\n## ", table + 1);
    std::istringstream section(readme.substr(table, end == std::string::npos ? std::string::npos : end - table));
    for (std::string line; std::getline(section, line);)
        if (line.starts_with("| `")) rows.push_back(line);
    return rows;
}

}  // namespace leadhub::sdk
