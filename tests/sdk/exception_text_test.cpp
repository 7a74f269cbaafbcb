// exception_text.hpp: the text of a caught exception.
#include <catch2/catch.hpp>

#include <leadhub/sdk/exception_text.hpp>

#include <stdexcept>

using namespace leadhub::sdk;

TEST_CASE("an exception's text is its what(), anything else thrown is named unknown") {
    CHECK(exception_text(std::make_exception_ptr(std::runtime_error("disk full"))) == "disk full");
    CHECK(exception_text(std::make_exception_ptr(42)) == "unknown exception");
}
