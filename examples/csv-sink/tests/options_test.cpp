// The options as the hub validates them (the declared schema) and as the sink reads them.
#include <catch2/catch.hpp>

#include "options.hpp"

#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sdk;
using testing::FakeHost;
using testing::Harness;

namespace {
std::string create_error(const Json& options) {
    FakeHost host;
    auto plugin = Harness::linked(host);
    return plugin.create("sheet", options);
}
}  // namespace

TEST_CASE("defaults fill in everything but the path") {
    Json normalized;
    auto errors = validate_options(options_schema(csv_sink::csv_sink_options().specs()), {{"path", "leads.csv"}}, normalized);
    REQUIRE(errors.empty());
    auto read = csv_sink::read_csv_sink_options(Options(normalized));
    CHECK(read.path == "leads.csv");
    CHECK(read.columns == std::vector<std::string>{"created_at", "name", "phone", "email", "text", "channel", "source",
                                                    "utm_source", "utm_campaign"});
    CHECK(read.delimiter == ',');
    CHECK(read.header);
    CHECK_FALSE(read.bom);
    CHECK(read.formula_guard);
    CHECK(read.utc_offset_hours == 0);
    CHECK(read.fsync);
}

TEST_CASE("delimiter names map to their characters") {
    CHECK(csv_sink::read_csv_sink_options(Options({{"path", "a.csv"}, {"columns", {"name"}}, {"delimiter", "semicolon"}})).delimiter == ';');
    CHECK(csv_sink::read_csv_sink_options(Options({{"path", "a.csv"}, {"columns", {"name"}}, {"delimiter", "tab"}})).delimiter == '\t');
}

TEST_CASE("a missing path is refused before the plugin runs") {
    CHECK(create_error(Json::object()).find("option 'path' is required") != std::string::npos);
}

TEST_CASE("wrong types and values are refused by the schema, all at once") {
    std::string error = create_error({{"path", "a.csv"}, {"delimiter", "pipe"}, {"bom", "yes"}, {"utc_offset_hours", 20}});
    CHECK(error.find("option 'delimiter' must be one of comma, semicolon, tab, got 'pipe'") != std::string::npos);
    CHECK(error.find("option 'bom' must be true or false") != std::string::npos);
    CHECK(error.find("option 'utc_offset_hours' must be at most 14") != std::string::npos);
}

TEST_CASE("an unknown column is refused with a suggestion") {
    std::string error = create_error({{"path", "a.csv"}, {"columns", {"name", "phnoe"}}});
    CHECK(error.find("unknown column 'phnoe' (did you mean 'phone'?)") != std::string::npos);
}

TEST_CASE("every problem the schema cannot see is listed") {
    try {
        csv_sink::read_csv_sink_options(Options({{"path", "out/"}, {"columns", {"utm_", "extra."}}, {"titles", {{"nmae", "Имя"}}}}));
        FAIL("bad options were accepted");
    } catch (const std::invalid_argument& e) {
        std::string text = e.what();
        CHECK(text.find("option 'path' must name a file, got the folder 'out/'") != std::string::npos);
        CHECK(text.find("'utm_' needs a tag after it") != std::string::npos);
        CHECK(text.find("'extra.' needs a key after it") != std::string::npos);
        CHECK(text.find("option 'titles' names 'nmae', which is not one of the columns") != std::string::npos);
    }
}

TEST_CASE("an empty path or an empty column list is refused") {
    CHECK(create_error({{"path", ""}}).find("option 'path' must name a file, got an empty string") != std::string::npos);
    CHECK(create_error({{"path", "a.csv"}, {"columns", Json::array()}}).find("at least one lead field") != std::string::npos);
}

TEST_CASE("the manifest declares a sink named csv with its limits") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    CHECK(plugin.abi_version() == LEADHUB_ABI_VERSION);
    Json manifest = plugin.manifest();
    CHECK(manifest["name"] == "csv");
    CHECK(manifest["kinds"] == Json::array({"sink"}));
    CHECK(manifest["defaults"]["concurrency"] == 1);
    CHECK(manifest["options"].size() == csv_sink::csv_sink_options().specs().size());
}
