// The README's options table is the declared options, row for row: a changed option without a
// changed README (or the reverse) fails here.
#include <catch2/catch.hpp>

#include <leadhub/sdk/testing.hpp>

#include <fstream>
#include <sstream>

using namespace leadhub::sdk;

namespace {
std::string readme_text() {
    std::ifstream in(std::string(LEADHUB_TEST_DATA) + "/../../README.md");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string expected_row(const Json& option) {
    std::string fallback = option.contains("default") ? "`" + option["default"].dump() + "`" : "—";
    return "| `" + option["name"].get<std::string>() + "` | " + option["type"].get<std::string>() + " | " + fallback +
           " | " + (option["required"].get<bool>() ? "yes" : "no") + " | " + (option["secret"].get<bool>() ? "yes" : "no") +
           " | " + option["help"].get<std::string>() + " |";
}
}  // namespace

TEST_CASE("the README's options table matches the declared options") {
    testing::FakeHost host;
    const Json options = testing::Harness::linked(host).manifest().at("options");
    const std::string readme = readme_text();
    REQUIRE_FALSE(readme.empty());
    std::size_t table = readme.find("## Options");
    REQUIRE(table != std::string::npos);
    std::size_t end = readme.find("\n## ", table + 1);
    std::istringstream section(readme.substr(table, end == std::string::npos ? std::string::npos : end - table));
    std::vector<std::string> rows;
    for (std::string line; std::getline(section, line);)
        if (line.rfind("| `", 0) == 0) rows.push_back(line);
    REQUIRE(rows.size() == options.size());
    for (std::size_t i = 0; i < rows.size(); ++i) CHECK(rows[i] == expected_row(options[i]));
}
