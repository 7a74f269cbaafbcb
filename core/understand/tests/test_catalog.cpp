#include <catch2/catch.hpp>

#include "understand/understand.hpp"

using namespace leadhub::understand;

TEST_CASE("the project's catalog file loads") {
    auto catalogs = load_catalogs(std::string(LEADHUB_SOURCE_DIR) + "/core/understand/data/catalog.yaml");
    REQUIRE(catalogs.size() == 3);
    const Catalog& salon = catalogs.at("salon");
    CHECK(salon.timezone == "Asia/Krasnoyarsk");
    CHECK(salon.country == "RU");
    REQUIRE(salon.services.size() == 7);
    CHECK(salon.services[2].id == "manicure");
    CHECK(salon.services[2].keywords == std::vector<std::string>{"маникюр", "ногти", "гель-лак"});
}

TEST_CASE("bad catalogs are refused with the place and the reason") {
    CHECK_THROWS_WITH(parse_catalogs("services: []", "c.yaml"), Catch::Contains("c.yaml") && Catch::Contains("businesses"));
    CHECK_THROWS_WITH(parse_catalogs("businesses:\n  a:\n    title: x\n", "c.yaml"),
                      Catch::Contains("needs a list of services"));
    CHECK_THROWS_WITH(parse_catalogs("businesses:\n  a:\n    services:\n      - id: x\n      - id: x\n", "c.yaml"),
                      Catch::Contains("c.yaml:5") && Catch::Contains("repeated"));
    CHECK_THROWS_WITH(parse_catalogs("businesses: [\n", "c.yaml"), Catch::Contains("c.yaml:"));
    CHECK_THROWS_WITH(parse_catalogs("businesses:\n  a:\n    services:\n      - name: no id\n", "c.yaml"),
                      Catch::Contains("service id"));
    CHECK_THROWS_AS(load_catalogs("no/such/catalog.yaml"), CatalogError);
}
