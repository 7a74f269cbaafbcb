#include "host/manifest_check.hpp"

#include <catch2/catch.hpp>

using leadhub::host::check_manifest;
using nlohmann::json;

namespace {

json valid() {
    return json::parse(R"({"name": "crm", "version": "1.0.0", "kinds": ["sink"],
        "options": [{"name": "url", "type": "string", "help": "where", "required": false, "secret": false,
                     "default": "https://x", "choices": ["https://x", "https://y"]},
                    {"name": "limit", "type": "integer", "min": 1, "max": 10, "default": 5}]})");
}

bool mentions(const std::string& text, const std::string& fragment) { return text.find(fragment) != std::string::npos; }

}  // namespace

TEST_CASE("a complete manifest passes", "[manifest]") { CHECK(check_manifest(valid()).empty()); }

TEST_CASE("missing or empty identity fields are named", "[manifest]") {
    for (const char* key : {"name", "version", "kinds", "options"}) {
        json m = valid();
        m.erase(key);
        INFO(key);
        CHECK(mentions(check_manifest(m), std::string("'") + key + "'"));
    }
    json m = valid();
    m["name"] = "";
    CHECK(mentions(check_manifest(m), "non-empty string"));
    m = valid();
    m["version"] = 3;
    CHECK(mentions(check_manifest(m), "'version' must be a non-empty string, got 3"));
}

TEST_CASE("kinds must be a non-empty list of known kinds", "[manifest]") {
    json m = valid();
    m["kinds"] = json::array();
    CHECK(mentions(check_manifest(m), "non-empty list"));
    m["kinds"] = {"sink", "crm"};
    CHECK(mentions(check_manifest(m), "\"crm\" is not one of source, sink, notifier, processor"));
    m["kinds"] = {"source", "sink", "notifier", "processor"};
    CHECK(check_manifest(m).empty());
}

TEST_CASE("an error key from the SDK is a refusal", "[manifest]") {
    json m = valid();
    m["error"] = "options() threw";
    CHECK(mentions(check_manifest(m), "could not build its manifest: options() threw"));
}

TEST_CASE("options must be a valid schema", "[manifest]") {
    auto with_option = [](json option) {
        json m = valid();
        m["options"].push_back(std::move(option));
        return check_manifest(m);
    };
    CHECK(mentions(with_option("token"), "option 3 must be an object"));
    CHECK(mentions(with_option({{"type", "string"}}), "option 3 has no name"));
    CHECK(mentions(with_option({{"name", "x"}}), "option 3 ('x') has no type"));
    CHECK(mentions(with_option({{"name", "x"}, {"type", "int"}}), "unknown type 'int'"));
    CHECK(mentions(with_option({{"name", "x"}, {"type", "string"}, {"required", "yes"}}), "'required' must be true or false"));
    CHECK(mentions(with_option({{"name", "x"}, {"type", "integer"}, {"choices", {"a"}}}), "only string options may have choices"));
    CHECK(mentions(with_option({{"name", "x"}, {"type", "string"}, {"min", 1}}), "only numeric options may have 'min'"));
    CHECK(mentions(with_option({{"name", "x"}, {"type", "number"}, {"min", 5}, {"max", 1}}), "'min' is greater than 'max'"));
    CHECK(mentions(with_option({{"name", "x"}, {"type", "integer"}, {"default", "five"}}), "default \"five\" is not of type integer"));
    CHECK(mentions(with_option({{"name", "url"}, {"type", "string"}}), "declares option 'url' twice"));
    CHECK(with_option({{"name", "tags"}, {"type", "string_list"}, {"default", {"a", "b"}}}).empty());

    json m = valid();
    m["options"] = json::object();
    CHECK(mentions(check_manifest(m), "'options' must be a list"));
}

TEST_CASE("a manifest that is not an object is refused", "[manifest]") {
    CHECK(mentions(check_manifest(json::array()), "must be a JSON object"));
    CHECK(mentions(check_manifest(json("text")), "must be a JSON object"));
}
