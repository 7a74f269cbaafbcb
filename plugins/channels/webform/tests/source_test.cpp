// The webform source's behaviour through its real C exports, on the SDK's fake host: the order
// of checks and every refusal.
#include <catch2/catch.hpp>

#include "webform_source.hpp"

#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

namespace {
// A post to the form; by default its query carries the token TokenForm asks for.
HttpRequest post_with_token(std::string body, std::string content_type = "application/x-www-form-urlencoded",
                            std::string query = "token=secret") {
    HttpRequest r;
    r.method = "POST";
    r.target = "/";
    r.query = std::move(query);
    r.body = std::move(body);
    if (!content_type.empty()) r.headers["Content-Type"] = content_type;
    return r;
}

struct TokenForm {
    FakeHost host;
    Harness plugin = Harness::linked(host);
    explicit TokenForm(Json options = {{"token", "secret"}}) { REQUIRE(plugin.create("site", options) == ""); }
};
}  // namespace

TEST_CASE("a good post is answered 200 ok with one message") {
    TokenForm f;
    auto r = f.plugin.webhook(post_with_token("name=%D0%90%D0%BD%D0%BD%D0%B0&phone=89031112233"));
    CHECK(r.status == 200);
    CHECK(r.body == "ok");
    REQUIRE(r.messages.size() == 1);
    CHECK(r.messages[0].name == std::optional<std::string>("Анна"));
    CHECK(r.messages[0].extra["provider"] == "html");
    CHECK(f.host.metrics["webform_leads"] == 1);
}

TEST_CASE("a post from an old windows-1251 page keeps the customer's words") {
    TokenForm f;
    // The bytes such a page sends, with no charset in the Content-Type.
    auto r = f.plugin.webhook(post_with_token("name=%C8%E2%E0%ED&phone=89031112233&message=%CF%F0%E8%E2%E5%F2"));
    CHECK(r.status == 200);
    REQUIRE(r.messages.size() == 1);
    CHECK(r.messages[0].name == std::optional<std::string>("Иван"));
    CHECK(r.messages[0].text == std::optional<std::string>("Привет"));
    CHECK(r.messages[0].extra["charset"] == "windows-1251");
    // A UTF-8 post says nothing of charsets.
    r = f.plugin.webhook(post_with_token("name=%D0%90%D0%BD%D0%BD%D0%B0&phone=89031112233"));
    REQUIRE(r.messages.size() == 1);
    CHECK_FALSE(r.messages[0].extra.contains("charset"));
}

TEST_CASE("the token is required when configured, and compared exactly") {
    TokenForm f;
    for (std::string query : {"", "token=", "token=secre", "token=secret2", "token=SECRET", "tok=secret", "x=1&token=wrong"}) {
        INFO("query " << query);
        auto r = f.plugin.webhook(post_with_token("name=A", "application/x-www-form-urlencoded", query));
        CHECK(r.status == 403);
        CHECK(r.messages.empty());
    }
    CHECK(f.plugin.webhook(post_with_token("name=A", "application/x-www-form-urlencoded", "utm=1&token=secret")).status == 200);
    CHECK(f.host.logged("refused POST"));
    CHECK_FALSE(f.host.logged("secret"));  // the token never reaches the log
}

TEST_CASE("the token check comes before anything about the body") {
    TokenForm f;
    CHECK(f.plugin.webhook(post_with_token("{bad", "application/json", "token=nope")).status == 403);
    HttpRequest get = post_with_token("", "", "token=nope");
    get.method = "GET";
    CHECK(f.plugin.webhook(get).status == 403);
}

TEST_CASE("without a token option any post is taken") {
    TokenForm f(Json::object());
    CHECK(f.plugin.webhook(post_with_token("name=A", "application/x-www-form-urlencoded", "")).status == 200);
}

TEST_CASE("methods other than POST get 405") {
    TokenForm f;
    for (std::string method : {"GET", "PUT", "DELETE", "OPTIONS", "HEAD"}) {
        HttpRequest r = post_with_token("name=A");
        r.method = method;
        auto result = f.plugin.webhook(r);
        CHECK(result.status == 405);
        CHECK(result.headers["Allow"] == "POST");
        CHECK(result.messages.empty());
    }
}

TEST_CASE("bad bodies get 415 or 400 with the reason, and no message") {
    TokenForm f;
    struct Case {
        std::string body, content_type;
        int status;
        std::string reason;
    };
    for (const auto& c : std::vector<Case>{{"name=A", "", 415, "missing Content-Type"},
                                           {"name=A", "text/plain", 415, "unsupported Content-Type"},
                                           {"<xml/>", "application/xml", 415, "unsupported Content-Type"},
                                           {"{\"name\":", "application/json", 400, "not valid JSON"},
                                           {"[\"Анна\"]", "application/json", 400, "must be an object"},
                                           {"--b\r\n", "multipart/form-data", 400, "boundary"}}) {
        INFO(c.content_type << " " << c.body);
        auto r = f.plugin.webhook(post_with_token(c.body, c.content_type));
        CHECK(r.status == c.status);
        CHECK_THAT(r.body, Catch::Contains(c.reason));
        CHECK(r.messages.empty());
    }
    CHECK(f.host.metrics["webform_refused"] == 6);
}

TEST_CASE("an empty submission gets 422") {
    TokenForm f;
    for (std::string body : {"", "name=&phone=", "name=+++&utm_source=vk", "formid=f1&tranid=1%3A2", "test=yes"}) {
        INFO("body " << body);
        auto r = f.plugin.webhook(post_with_token(body));
        CHECK(r.status == 422);
        CHECK(r.body == "empty submission: no name, phone, email or message");
        CHECK(r.messages.empty());
    }
    CHECK(f.plugin.webhook(post_with_token("{}", "application/json")).status == 422);
}

TEST_CASE("Tilda's test=test is answered 200 with no message, whatever the provider mode") {
    for (std::string provider : {"auto", "tilda"}) {
        TokenForm f({{"token", "secret"}, {"provider", provider}});
        auto r = f.plugin.webhook(post_with_token("test=test"));
        CHECK(r.status == 200);
        CHECK(r.messages.empty());
        CHECK(f.host.logged("Tilda webhook verification"));
    }
    TokenForm html({{"token", "secret"}, {"provider", "html"}});
    CHECK(html.plugin.webhook(post_with_token("test=test")).status == 422);  // a plain form has no such probe
}

TEST_CASE("a fixed provider refuses the other kind of body") {
    TokenForm json(Json{{"provider", "json"}});
    auto form_body = json.plugin.webhook(post_with_token("name=A", "application/x-www-form-urlencoded", ""));
    CHECK(form_body.status == 415);
    CHECK_THAT(form_body.body, Catch::Contains("expects a JSON body"));
    auto ok = json.plugin.webhook(post_with_token(R"({"name":"A"})", "application/json", ""));
    CHECK(ok.status == 200);
    REQUIRE(ok.messages.size() == 1);
    CHECK(ok.messages[0].extra["provider"] == "json");

    TokenForm tilda(Json{{"provider", "tilda"}});
    CHECK(tilda.plugin.webhook(post_with_token(R"({"name":"A"})", "application/json", "")).status == 415);
    auto forced = tilda.plugin.webhook(post_with_token("name=A", "application/x-www-form-urlencoded", ""));
    REQUIRE(forced.messages.size() == 1);
    CHECK(forced.messages[0].extra["provider"] == "tilda");
}

TEST_CASE("allowed_origins answers browsers and refuses other sites") {
    TokenForm f({{"token", "secret"}, {"allowed_origins", {"https://salon.ru"}}});
    HttpRequest ok = post_with_token(R"({"phone":"89031112233"})", "application/json");
    ok.headers["Origin"] = "https://salon.ru";
    auto r = f.plugin.webhook(ok);
    CHECK(r.status == 200);
    CHECK(r.headers["Access-Control-Allow-Origin"] == "https://salon.ru");
    CHECK(r.headers["Vary"] == "Origin");

    HttpRequest preflight = ok;
    preflight.method = "OPTIONS";
    preflight.body.clear();
    auto p = f.plugin.webhook(preflight);
    CHECK(p.status == 204);
    CHECK(p.headers["Access-Control-Allow-Methods"] == "POST, OPTIONS");
    CHECK(p.headers["Access-Control-Allow-Headers"] == "Content-Type");
    CHECK(p.messages.empty());

    HttpRequest other = ok;
    other.headers["Origin"] = "https://evil.example";
    auto refused = f.plugin.webhook(other);
    CHECK(refused.status == 403);
    CHECK(refused.messages.empty());
    other.method = "OPTIONS";
    CHECK(f.plugin.webhook(other).status == 403);

    HttpRequest server_to_server = post_with_token("Name=A&tranid=1%3A2");  // Tilda posts without Origin
    CHECK(f.plugin.webhook(server_to_server).status == 200);

    TokenForm any(Json{{"allowed_origins", {"*"}}});
    HttpRequest anywhere = post_with_token("name=A", "application/x-www-form-urlencoded", "");
    anywhere.headers["Origin"] = "https://whatever.ru";
    CHECK(any.plugin.webhook(anywhere).headers["Access-Control-Allow-Origin"] == "https://whatever.ru");
}

TEST_CASE("without allowed_origins no CORS headers are sent") {
    TokenForm f;
    HttpRequest r = post_with_token("name=A");
    r.headers["Origin"] = "https://salon.ru";
    auto result = f.plugin.webhook(r);
    CHECK(result.status == 200);
    CHECK_FALSE(result.headers.count("Access-Control-Allow-Origin"));
}

TEST_CASE("odd but valid input never crashes") {
    TokenForm f;
    std::string binary("name=\xff\xfe\x00\x01&phone=%00%FF", 25);
    auto r = f.plugin.webhook(post_with_token(binary));
    CHECK(r.status == 200);  // invalid UTF-8 is replaced at the boundary, not fatal
    std::string huge_name(100000, 'a');
    CHECK(f.plugin.webhook(post_with_token("name=" + huge_name)).status == 200);
    CHECK(f.plugin.webhook(post_with_token("&&&=&=&name=B&%")).status == 200);
}

TEST_CASE("the source declares the one address it serves, so a sub-path is not taken as the form") {
    TokenForm f;
    CHECK(f.host.routes.empty());
    REQUIRE(f.plugin.start() == "");
    REQUIRE(f.host.routes.size() == 1);
    CHECK(f.host.routes[0] == std::make_pair(std::string("*"), std::string("/")));
}
