// The README's options table is the declared options, row for row: a changed option without a
// changed README (or the reverse) fails here.
#include <catch2/catch.hpp>

#include <leadhub/sdk/readme_table.hpp>
#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sdk;

TEST_CASE("the README's options table matches the declared options") {
    testing::FakeHost host;
    const Json options = testing::Harness::linked(host).manifest().at("options");
    const auto rows = readme_option_rows(std::string(LEADHUB_TEST_DATA) + "/../../README.md");
    REQUIRE(rows.size() == options.size());
    for (std::size_t i = 0; i < rows.size(); ++i) CHECK(rows[i] == options_table_row(options[i]));
}
