// Plugin names for new-plugin: what is accepted, what is refused and why, and the derived spellings.
#include <catch2/catch.hpp>

#include "kit/plugin_name.hpp"

using namespace leadhub::kit;

TEST_CASE("good plugin names pass") {
    for (const char* name : {"a", "my-crm", "bitrix24", "sms_ru", "x-1_2"}) {
        INFO(name);
        CHECK(check_plugin_name(name) == "");
    }
}

TEST_CASE("bad plugin names are refused with the reason") {
    CHECK_THAT(check_plugin_name(""), Catch::Contains("empty"));
    CHECK_THAT(check_plugin_name("1crm"), Catch::Contains("must start with a lowercase latin letter"));
    CHECK_THAT(check_plugin_name("-crm"), Catch::Contains("must start with a lowercase latin letter"));
    CHECK_THAT(check_plugin_name("MyCrm"), Catch::Contains("must start with a lowercase latin letter"));
    CHECK_THAT(check_plugin_name("my crm"), Catch::Contains("may only contain a-z, 0-9, '-' and '_'"));
    CHECK_THAT(check_plugin_name("my.crm"), Catch::Contains("may only contain"));
    CHECK_THAT(check_plugin_name("../evil"), Catch::Contains("must start with"));
    CHECK_THAT(check_plugin_name("crm/../../x"), Catch::Contains("may only contain"));
    CHECK_THAT(check_plugin_name("срм"), Catch::Contains("must start with"));
    CHECK_THAT(check_plugin_name(std::string(65, 'a')), Catch::Contains("longer than 64"));
    CHECK(check_plugin_name(std::string(64, 'a')) == "");
}

TEST_CASE("the derived spellings suit C++ and file names") {
    PluginName n = derive_plugin_name("my-crm_v2");
    CHECK(n.name == "my-crm_v2");
    CHECK(n.identifier == "my_crm_v2");
    CHECK(n.class_name == "MyCrmV2");
    CHECK(derive_plugin_name("a--b").class_name == "AB");
    CHECK(derive_plugin_name("sms").identifier == "sms");
}
