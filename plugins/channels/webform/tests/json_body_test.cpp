// JSON bodies a stranger can shape: nested far deeper than any form (once a stack overflow in the
// plugin), and keys given twice (once silently dropped text).
#include <catch2/catch.hpp>

#include "webform_body.hpp"

#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;
using leadhub::webform::parse_body;
using leadhub::webform::ParsedBody;

namespace {

HttpRequest json_post(std::string body) {
    HttpRequest r;
    r.method = "POST";
    r.target = "/";
    r.body = std::move(body);
    r.headers["Content-Type"] = "application/json";
    return r;
}

// A form whose `message` is `depth` arrays inside one another.
std::string nested_message(std::size_t depth) {
    return R"({"name": "Анна", "message": )" + std::string(depth, '[') + std::string(depth, ']') + "}";
}

std::vector<std::string> values_of(const ParsedBody& p, const std::string& name) {
    std::vector<std::string> out;
    for (const auto& f : p.data->fields)
        if (f.name == name) out.push_back(f.value);
    return out;
}

}  // namespace

TEST_CASE("a JSON post nested 100,000 deep is refused 400, stores nothing, and the next post is served") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("site").empty());
    const std::string body = nested_message(100000);
    REQUIRE(body.size() > 200000);

    auto refused = plugin.webhook(json_post(body));
    CHECK(refused.status == 400);
    CHECK(refused.body == "JSON nested deeper than 64 levels");
    CHECK(refused.messages.empty());
    CHECK(host.submitted.empty());
    CHECK(host.metrics["webform_refused"] == 1);

    auto next = plugin.webhook(json_post(R"({"name": "Анна", "phone": "89031112233"})"));
    CHECK(next.status == 200);
    REQUIRE(next.messages.size() == 1);
    CHECK(next.messages[0].name == std::optional<std::string>("Анна"));
}

TEST_CASE("JSON nesting is allowed up to 64 levels, the object itself counting one") {
    ParsedBody ok = parse_body("application/json", nested_message(63));
    REQUIRE(ok.data);
    CHECK(values_of(ok, "message") == std::vector<std::string>{std::string(63, '[') + std::string(63, ']')});

    for (std::size_t depth : {64, 65, 1000}) {
        INFO(depth);
        ParsedBody deep = parse_body("application/json", nested_message(depth));
        CHECK_FALSE(deep.data);
        CHECK(deep.status == 400);
        CHECK(deep.error == "JSON nested deeper than 64 levels");
    }
    // Objects count as arrays do.
    std::string objects = "{";
    for (int i = 0; i < 64; ++i) objects += R"("a": {)";
    objects += std::string(65, '}');
    CHECK(parse_body("application/json", objects).error == "JSON nested deeper than 64 levels");
}

TEST_CASE("a JSON key given twice keeps every value, in order, as a repeated form field") {
    ParsedBody p = parse_body("application/json",
                              R"({"message": "первый", "name": "Анна", "message": "второй", "message": ["третий", "четвёртый"]})");
    REQUIRE(p.data);
    CHECK(values_of(p, "message") == std::vector<std::string>{"первый", "второй", "третий", "четвёртый"});
    CHECK(values_of(p, "name") == std::vector<std::string>{"Анна"});
    CHECK(p.data->fields[0].name == "message");
    CHECK(p.data->fields[1].name == "name");
}

TEST_CASE("a repeated message reaches the lead joined by line breaks, a repeated phone is kept beside the first") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("site").empty());
    auto r = plugin.webhook(json_post(
        R"({"message": "Хочу на маникюр", "phone": "89031112233", "message": "в субботу", "phone": "89161234567"})"));
    REQUIRE(r.status == 200);
    REQUIRE(r.messages.size() == 1);
    CHECK(r.messages[0].text == std::optional<std::string>("Хочу на маникюр\nв субботу"));
    CHECK(r.messages[0].phone == std::optional<std::string>("+79031112233"));
    CHECK(r.messages[0].extra["fields"]["phone"] == "89161234567");
}

TEST_CASE("a key given twice inside a nested JSON value is refused, naming the key") {
    ParsedBody p = parse_body("application/json", R"({"name": "Анна", "utm": {"source": "vk", "source": "yandex"}})");
    CHECK_FALSE(p.data);
    CHECK(p.status == 400);
    CHECK(p.error == "JSON repeats the key 'source' in one object");

    // The key is quoted with its control characters escaped: one line whatever it holds.
    p = parse_body("application/json", R"({"details": {"a\nb": 1, "a\nb": 2}})");
    CHECK(p.error == "JSON repeats the key 'a\\nb' in one object");
}

TEST_CASE("repeated fields give the same lead whether the form was url-encoded, multipart or JSON") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("site").empty());
    HttpRequest urlencoded = json_post("message=a&phone=89031112233&days=sat&message=b&phone=89161234567&days=sun"
                                       "&utm_source=vk&utm_source=ya&name=Anna&name=Ann");
    urlencoded.headers["Content-Type"] = "application/x-www-form-urlencoded";
    std::string multipart;
    for (auto [name, value] : std::vector<std::pair<std::string, std::string>>{
             {"message", "a"}, {"phone", "89031112233"}, {"days", "sat"}, {"message", "b"}, {"phone", "89161234567"},
             {"days", "sun"}, {"utm_source", "vk"}, {"utm_source", "ya"}, {"name", "Anna"}, {"name", "Ann"}})
        multipart += "--b\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    HttpRequest multipart_post = json_post(multipart + "--b--\r\n");
    multipart_post.headers["Content-Type"] = "multipart/form-data; boundary=b";
    HttpRequest json = json_post(R"({"message": "a", "phone": "89031112233", "days": "sat", "message": "b",
        "phone": "89161234567", "days": "sun", "utm": {"source": "vk"}, "utm_source": "ya", "name": ["Anna", "Ann"]})");

    for (const HttpRequest& request : {urlencoded, multipart_post, json}) {
        INFO(request.body);
        auto r = plugin.webhook(request);
        REQUIRE(r.status == 200);
        REQUIRE(r.messages.size() == 1);
        const Message& m = r.messages[0];
        CHECK(m.text == std::optional<std::string>("a\nb"));
        CHECK(m.phone == std::optional<std::string>("+79031112233"));
        CHECK(m.name == std::optional<std::string>("Anna"));
        CHECK(m.utm == Utm{{"utm_source", "vk"}});
        CHECK(m.extra["fields"] ==
              Json{{"phone", "89161234567"}, {"days", {"sat", "sun"}}, {"utm_source", "ya"}, {"name", "Ann"}});
    }
}
