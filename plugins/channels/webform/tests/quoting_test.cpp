// Answers and log lines that quote the request (a field name, a header) escape its control
// characters: a line break in a field name must not write a line that reads like a genuine log
// entry.
#include <catch2/catch.hpp>

#include "test_request.hpp"

#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

namespace {

using leadhub::webform::test::post;

struct LoggingForm {
    FakeHost host;
    Harness plugin = Harness::linked(host);
    explicit LoggingForm(const Json& options = Json::object()) { REQUIRE(plugin.create("site", options).empty()); }

    bool every_log_line_is_one_line() {
        for (const auto& [level, text] : host.logs)
            if (text.find_first_of("\r\n") != std::string::npos) return false;
        return true;
    }
};

}  // namespace

TEST_CASE("a field name with a line break gives a one-line reason and a one-line log entry") {
    LoggingForm f;
    // A field name whose value is not ASCII, as the form declared: the reason quotes the name.
    auto r = f.plugin.webhook(post("a%0Aerror+%5Bleadhub%5D+forged=%C0", "application/x-www-form-urlencoded; charset=ascii"));
    CHECK(r.status == 400);
    CHECK(r.body == "field 'a\\nerror [leadhub] forged' is not valid ascii");
    CHECK(f.host.logged("field 'a\\nerror [leadhub] forged'"));
    CHECK(f.every_log_line_is_one_line());
}

TEST_CASE("every other answer that quotes the request escapes its control characters") {
    LoggingForm f;
    auto type = f.plugin.webhook(post("a=1", "text/pl\x1b[31main"));
    CHECK(type.status == 415);
    CHECK_THAT(type.body, Catch::Contains("'text/pl\\x1b[31main'"));

    auto charset = f.plugin.webhook(post("a=1", "application/x-www-form-urlencoded; charset=x\x7f"));
    CHECK(charset.status == 415);
    CHECK_THAT(charset.body, Catch::Contains("'x\\x7f'"));

    LoggingForm cors(Json{{"allowed_origins", {"https://salon.ru"}}});
    HttpRequest other = post("name=A");
    other.headers["Origin"] = "https://evil.example\r\nerror [leadhub] forged";
    auto origin = cors.plugin.webhook(other);
    CHECK(origin.status == 403);
    CHECK(origin.body == "origin not allowed: https://evil.example\\r\\nerror [leadhub] forged");

    LoggingForm any(Json{{"allowed_origins", {"*"}}});  // any origin is echoed back, but not this one
    auto star = any.plugin.webhook(other);
    CHECK(star.status == 403);
    CHECK_FALSE(star.headers.count("Access-Control-Allow-Origin"));

    HttpRequest method = post("name=A");
    method.method = "GET\nerror";
    CHECK(f.plugin.webhook(method).status == 405);
    CHECK(f.every_log_line_is_one_line());
    CHECK(cors.every_log_line_is_one_line());
}
