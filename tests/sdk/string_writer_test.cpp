// string_writer.hpp: the lh_write_fn that collects a text into a std::string.
#include <catch2/catch.hpp>

#include <leadhub/sdk/string_writer.hpp>

using namespace leadhub::sdk;

TEST_CASE("the string writer appends what it is given, and nothing for a null or empty chunk") {
    std::string out = "a";
    append_to_string(&out, "bc", 2);
    append_to_string(&out, nullptr, 3);
    append_to_string(&out, "zz", 0);
    CHECK(out == "abc");
}
