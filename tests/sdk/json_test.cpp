// Reading JSON from outside (json.hpp): the depth bound, repeated keys, and the boundary's readers
// refusing values too deep to copy or write safely.
#include <catch2/catch.hpp>

#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;

namespace {

std::string arrays(std::size_t depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// A value `depth` arrays deep, built without recursion (an initializer list would copy, and a
// copy recurses).
Json deep_value(std::size_t depth) {
    Json root = Json::array();
    Json* innermost = &root;
    for (std::size_t i = 1; i < depth; ++i) {
        innermost->push_back(Json::array());
        innermost = &innermost->back();
    }
    return root;
}

// {"channel": "webform", "extra": <deep_value(depth)>}, the deep part moved in, never copied.
Json deep_message(std::size_t depth) {
    Json message = {{"channel", "webform"}};
    message["extra"] = deep_value(depth);
    return message;
}

// {key: value}, `value` moved in.
Json wrap(const char* key, Json value) {
    Json out = Json::object();
    out[key] = std::move(value);
    return out;
}

}  // namespace

TEST_CASE("parse_json reads JSON nested up to the limit and refuses deeper while parsing") {
    JsonError error;
    Json ok = parse_json(arrays(kMaxJsonDepth), &error);
    CHECK_FALSE(error);
    CHECK(ok.is_array());
    CHECK(within_depth(ok, kMaxJsonDepth));
    CHECK_FALSE(within_depth(ok, kMaxJsonDepth - 1));

    Json deep = parse_json(arrays(kMaxJsonDepth + 1), &error);
    CHECK(deep.is_discarded());
    CHECK(error.kind == JsonError::Kind::too_deep);
    CHECK(error.message == "JSON nested deeper than 64 levels");

    // 100,000 levels (200 KB) are refused as soon as level 65 opens: nothing deep is ever built.
    CHECK(parse_json(R"({"a": )" + arrays(100000) + "}", &error).is_discarded());
    CHECK(error.message == "JSON nested deeper than 64 levels");

    CHECK(parse_json(R"({"a": {"b": 1}})", &error, {2}).is_object());
    CHECK(parse_json(R"({"a": {"b": []}})", &error, {2}).is_discarded());
    CHECK(error.message == "JSON nested deeper than 2 levels");
    CHECK(parse_json("7", &error, {0}) == 7);
}

TEST_CASE("parse_json refuses what is not JSON, with nlohmann's reason and no control character") {
    JsonError error;
    for (std::string text : {"", "{\"a\": ", "[1,]", "{} x", "\"\x01\""}) {
        INFO(text);
        CHECK(parse_json(text, &error).is_discarded());
        CHECK(error.kind == JsonError::Kind::syntax);
        CHECK_THAT(error.message, Catch::StartsWith("not valid JSON: "));
        CHECK(is_safe_text(error.message));
    }
    CHECK(parse_json("not json").is_discarded());  // no error wanted: none written
}

TEST_CASE("parse_json keeps the last of a repeated key, or refuses it naming the key") {
    JsonError error;
    CHECK(parse_json(R"({"a": 1, "a": 2})", &error) == Json{{"a", 2}});
    CHECK_FALSE(error);

    const JsonLimits strict{kMaxJsonDepth, RepeatedKeys::refuse};
    CHECK(parse_json(R"({"a": 1, "b": {"c": 1, "c\n": 2, "c\n": 3}})", &error, strict).is_discarded());
    CHECK(error.kind == JsonError::Kind::repeated_key);
    CHECK(error.message == "JSON repeats the key 'c\\n' in one object");
    CHECK(parse_json(R"([{"a": 1}, {"a": 2}])", &error, strict).is_array());  // one key per object
}

TEST_CASE("parse_json_members keeps every top-level member in order, repeats included") {
    JsonError error;
    auto members = parse_json_members(R"({"b": 1, "a": [2], "b": {"x": 3}})", &error);
    REQUIRE(members);
    REQUIRE(members->size() == 3);
    CHECK((*members)[0] == std::pair<std::string, Json>{"b", 1});
    CHECK((*members)[1] == std::pair<std::string, Json>{"a", Json::array({2})});
    CHECK((*members)[2] == std::pair<std::string, Json>{"b", Json{{"x", 3}}});

    CHECK(parse_json_members("{}", &error)->empty());
    CHECK_FALSE(parse_json_members("[1]", &error));
    CHECK(error.kind == JsonError::Kind::not_an_object);
    CHECK_FALSE(parse_json_members(R"({"a": )" + arrays(kMaxJsonDepth) + "}", &error));
    CHECK(error.kind == JsonError::Kind::too_deep);
    CHECK_FALSE(parse_json_members(R"({"a": {"k": 1, "k": 2}})", &error, {kMaxJsonDepth, RepeatedKeys::refuse}));
    CHECK(error.kind == JsonError::Kind::repeated_key);
}

TEST_CASE("the boundary's readers refuse a value too deep to copy, instead of overflowing the stack") {
    const Json message = deep_message(100000);
    CHECK_THROWS_WITH(message_from_json(message), "a message nested deeper than 64 levels");
    CHECK_THROWS_WITH(lead_from_json(message), "a lead nested deeper than 64 levels");
    CHECK_THROWS_WITH(delivery_from_json(wrap("lead", deep_message(100000))), "a delivery nested deeper than 72 levels");
    Json messages = Json::array();
    messages.push_back(deep_message(100000));
    CHECK_THROWS_WITH(webhook_result_from_json(wrap("messages", std::move(messages))),
                      "a webhook result nested deeper than 72 levels");
    CHECK_THROWS_WITH(message_from_json(deep_message(kMaxJsonDepth)), "a message nested deeper than 64 levels");
    CHECK_NOTHROW(message_from_json(deep_message(kMaxJsonDepth - 1)));

    // Within the bound they read as before.
    Json shallow = {{"channel", "webform"}, {"extra", {{"fields", {{"days", {"sat", "sun"}}}}}}};
    CHECK(message_from_json(shallow).extra["fields"]["days"][1] == "sun");
}

TEST_CASE("a delivery or input the hub sends too deep is refused by the SDK before the plugin sees it") {
    FakeHost host;
    const lh_plugin_api* api = leadhub_plugin();
    void* instance = nullptr;
    std::string error;
    REQUIRE(api->create(host.api(), "e", "{}", &instance, &append_to_string, &error) == LH_OK);

    const std::string delivery = R"({"job_id": 1, "lead": {"text": "hi", "extra": )" + arrays(100000) + "}}";
    std::string out;
    api->deliver(instance, delivery.data(), delivery.size(), &append_to_string, &out);
    Outcome outcome = outcome_from_json(parse_json(out));
    CHECK(outcome.kind == Outcome::Kind::retry);
    CHECK(outcome.reason == "plugin threw: the hub sent JSON nested deeper than 72 levels");

    out.clear();
    const std::string input = R"({"task": )" + arrays(100000) + "}";
    api->process(instance, input.data(), input.size(), &append_to_string, &out);
    CHECK(parse_json(out) == Json{{"error", "the hub sent JSON nested deeper than 72 levels"}});
    api->destroy(instance);
}

// Found by the sdk_json fuzz target (sdk/fuzz/corpus/sdk_json/regression-*).
TEST_CASE("an outcome with members of the wrong type is a retry, never an exception") {
    CHECK(outcome_from_json(parse_json(R"({"status": 200})")).kind == Outcome::Kind::retry);
    CHECK(outcome_from_json(parse_json(R"({"status": 200})")).reason == "plugin returned an outcome whose status is not a string");
    CHECK(outcome_from_json(parse_json(R"({"status": "ok", "external_id": 5})")).kind == Outcome::Kind::ok);
    CHECK(outcome_from_json(parse_json(R"({"status": "permanent", "reason": [1]})")).reason == "permanent failure");
    Outcome huge = outcome_from_json(parse_json(R"({"status": "retry", "retry_after_ms": 1e300})"));
    CHECK(huge.kind == Outcome::Kind::retry);
    CHECK_FALSE(huge.retry_after_ms.has_value());
    CHECK(outcome_from_json(parse_json(R"({"status": "retry", "retry_after_ms": 1.5e3})")).retry_after_ms == 1500);
}

TEST_CASE("integers the readers cannot hold are refused, not cast (a cast out of range is undefined)") {
    CHECK_THROWS_WITH(delivery_from_json(parse_json(R"({"job_id": 1e300})")), "'job_id' is not an integer within range");
    CHECK_THROWS_WITH(delivery_from_json(parse_json(R"({"attempt": 4294967296})")), "'attempt' is not an integer within range");
    CHECK_THROWS_WITH(delivery_from_json(parse_json(R"({"lead": {"id": -1e19}})")), "'id' is not an integer within range");
    CHECK_THROWS_WITH(webhook_result_from_json(parse_json(R"({"status": "200"})")), "'status' is not an integer within range");
    Delivery d = delivery_from_json(parse_json(R"({"job_id": 9223372036854775807, "attempt": 2.0, "lead": {"id": null}})"));
    CHECK(d.job_id == 9223372036854775807);
    CHECK(d.attempt == 2);
    CHECK(d.lead.id == 0);
    CHECK(integer_value<int64_t>(Json(9223372036854775808.0)) == std::nullopt);
    CHECK(integer_value<int64_t>(Json(-9223372036854775808.0)) == INT64_MIN);
    CHECK(integer_value<int>(Json(18446744073709551615u)) == std::nullopt);
}
