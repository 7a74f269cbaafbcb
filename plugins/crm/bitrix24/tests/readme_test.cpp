// The README's options table is the declared options, row for row.
#include <catch2/catch.hpp>

#include <leadhub/sdk/testing.hpp>

#include <string>

LEADHUB_README_OPTIONS_TEST(std::string(LEADHUB_TEST_DATA) + "/../../README.md")
