// The test every plugin has: the README's "## Options" table is the declared options, row for
// row, so a changed option without a changed README (or the reverse) fails. Put the macro at
// namespace scope of a Catch2 test file of a plugin built with leadhub_add_plugin:
//
//   #include <catch2/catch.hpp>
//   #include <leadhub/sdk/testing.hpp>
//   LEADHUB_README_OPTIONS_TEST(std::string(LEADHUB_TEST_DATA) + "/../README.md")
#pragma once

#include <leadhub/sdk/readme_table.hpp>

#define LEADHUB_README_OPTIONS_TEST(readme_path)                                                          \
    TEST_CASE("the README's options table matches the declared options") {                                \
        ::leadhub::sdk::testing::FakeHost readme_host;                                                    \
        const ::leadhub::sdk::Json options =                                                              \
            ::leadhub::sdk::testing::Harness::linked(readme_host).manifest().at("options");               \
        const auto rows = ::leadhub::sdk::readme_option_rows(readme_path);                                \
        REQUIRE(rows.size() == options.size());                                                           \
        for (std::size_t i = 0; i < rows.size(); ++i) CHECK(rows[i] == ::leadhub::sdk::options_table_row(options[i])); \
    }
