// The {{name}} source through its real C exports on the SDK's fake host: options, the token check,
// a good enquiry, and a precise 4xx for every kind of bad request.
#include <catch2/catch.hpp>

#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

namespace {
const Json good_options = {{"token", "s3cr3t"}};

HttpRequest post(std::string body, std::string token = "s3cr3t") {
    HttpRequest r;
    r.method = "POST";
    r.target = "/";
    r.headers["Content-Type"] = "application/json";
    if (!token.empty()) r.headers["X-Token"] = token;
    r.body = std::move(body);
    return r;
}
}  // namespace

TEST_CASE("options: the token is required and not empty; bounds and types are checked") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    CHECK_THAT(plugin.create("site"), Catch::Contains("option 'token' is required"));
    CHECK_THAT(plugin.create("site", {{"token", ""}}), Catch::Contains("must not be empty"));
    CHECK_THAT(plugin.create("site", {{"token", "x"}, {"max_body_bytes", 10}}), Catch::Contains("at least 256"));
    CHECK_THAT(plugin.create("site", {{"token", true}}), Catch::Contains("must be a string"));
    CHECK(plugin.create("site", good_options) == "");
}

TEST_CASE("a good enquiry becomes one message with its utm, and the route is registered") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("site", {{"token", "s3cr3t"}, {"channel", "landing"}}) == "");
    REQUIRE(plugin.start() == "");
    REQUIRE(host.routes.size() == 1);
    CHECK(host.routes[0] == std::pair<std::string, std::string>("POST", "/"));

    WebhookResult r = plugin.webhook(post(
        R"({"id": "f-17", "name": "Анна", "phone": "+79161234567", "text": "Запишите на стрижку", "utm": {"utm_source": "vk"}})"));
    CHECK(r.status == 200);
    REQUIRE(r.messages.size() == 1);
    const Message& m = r.messages[0];
    CHECK(m.channel == "landing");
    CHECK(m.external_message_id == "f-17");
    CHECK(m.name == "Анна");
    CHECK(m.phone == "+79161234567");
    CHECK(m.text == "Запишите на стрижку");
    CHECK(m.utm.at("utm_source") == "vk");
    CHECK_FALSE(m.email.has_value());
    CHECK(host.metrics["{{identifier}}_received"] == 1);
}

TEST_CASE("the token may come in the query instead of the header") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("site", good_options) == "");
    HttpRequest r = post(R"({"phone": "+79161234567"})", "");
    r.query = "token=s3cr3t";
    CHECK(plugin.webhook(r).status == 200);
    r.query = "token=s3cr3";
    CHECK(plugin.webhook(r).status == 403);
}

TEST_CASE("every bad request gets a precise 4xx and no message") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("site", {{"token", "s3cr3t"}, {"max_body_bytes", 1024}}) == "");
    struct Case {
        HttpRequest request;
        int status;
        std::string reason;
    };
    HttpRequest get = post("{}");
    get.method = "GET";
    const Case cases[] = {
        {post(R"({"phone": "+7"})", ""), 403, "wrong or missing token"},
        {post(R"({"phone": "+7"})", "s3cr3tX"), 403, "wrong or missing token"},
        {get, 405, "method not allowed"},
        {post(std::string(2000, 'a')), 413, "larger than 1024 bytes"},
        {post(""), 400, "not valid JSON"},
        {post("{\"phone\": \"+7"), 400, "not valid JSON"},
        {post(std::string("\x00\xff\xfe garbage", 12)), 400, "not valid JSON"},
        {post("[1, 2]"), 400, "must be a JSON object"},
        {post(R"({"phone": 79161234567})"), 400, "field 'phone' must be a string"},
        {post(R"({"phone": "+7", "utm": "vk"})"), 400, "field 'utm' must be an object"},
        {post(R"({"name": "Анна"})"), 422, "give phone, email or text"},
    };
    for (const auto& c : cases) {
        WebhookResult r = plugin.webhook(c.request);
        INFO(c.request.body);
        CHECK(r.status == c.status);
        CHECK_THAT(r.body, Catch::Contains(c.reason));
        CHECK(r.messages.empty());
    }
    CHECK(host.metrics["{{identifier}}_refused"] == 11);
    CHECK_FALSE(host.logged("s3cr3t"));  // refusals are logged without the secret
}

TEST_CASE("a body nested deeper than 64 levels, or a key with a line break, gets a one-line 400") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("site", good_options) == "");
    WebhookResult deep = plugin.webhook(post(R"({"phone": "+7", "x": )" + std::string(1000, '[') + std::string(1000, ']') + "}"));
    CHECK(deep.status == 400);
    CHECK(deep.body == "the body is JSON nested deeper than 64 levels");
    WebhookResult key = plugin.webhook(post(R"({"phone": "+7", "utm": {"source\nerror [leadhub] forged": 1}})"));
    CHECK(key.status == 400);
    CHECK(key.body == "utm 'source\\nerror [leadhub] forged' must be a string");
    for (const auto& [level, text] : host.logs) CHECK(text.find('\n') == std::string::npos);
}
