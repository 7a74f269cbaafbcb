#include <catch2/catch.hpp>

#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/suggest.hpp>
#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

TEST_CASE("manifest and ABI version come from the export macro") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    CHECK(plugin.abi_version() == LEADHUB_ABI_VERSION);
    Json m = plugin.manifest();
    CHECK(m["name"] == "echo");
    CHECK(m["version"] == "1.2.3");
    CHECK(m["options"].size() == 3);
    CHECK(m["defaults"]["rate_per_second"] == 5);
}

TEST_CASE("options are validated before create, with every error and a suggestion") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    std::string err = plugin.create("e", {{"urll", "x"}, {"mode", "explod"}, {"limit", 11}});
    CHECK_THAT(err, Catch::Contains("unknown option 'urll' (did you mean 'url'?)"));
    CHECK_THAT(err, Catch::Contains("must be one of normal, explode, got 'explod' (did you mean 'explode'?)"));
    CHECK_THAT(err, Catch::Contains("must be at most 10"));
    CHECK_THAT(plugin.create("e", {{"limit", "five"}}), Catch::Contains("must be a whole number"));
}

TEST_CASE("an exception in the factory is an error, not a crash") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    CHECK(plugin.create("e", {{"mode", "explode"}}) == "refusing to be created");
}

TEST_CASE("webhook messages and errors cross as JSON") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("e").empty());
    REQUIRE(plugin.start().empty());
    CHECK(host.logged("echo started as e"));
    HttpRequest req;
    req.method = "POST";
    req.body = "привет";
    req.headers["x-id"] = "42";
    auto r = plugin.webhook(req);
    REQUIRE(r.messages.size() == 1);
    CHECK(r.messages[0].text == std::optional<std::string>("привет"));
    CHECK(r.messages[0].external_message_id == std::optional<std::string>("42"));
    req.body = "throw";
    auto bad = plugin.webhook(req);
    CHECK(bad.status == 500);
    CHECK(bad.messages.empty());
}

TEST_CASE("deliver outcomes are classified, exceptions become retries") {
    FakeHost host;
    host.on_http = [](const HttpRequest& r) {
        HttpResponse resp;
        if (r.body == "down") resp.error = "connection refused";
        else resp.status = 200;
        return resp;
    };
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("e").empty());
    auto ok = plugin.deliver(testing::make_delivery({{"text", "hi"}}, 7));
    CHECK(ok.kind == Outcome::Kind::ok);
    CHECK(ok.external_id == "ext-7");
    CHECK(host.http_calls.at(0).target == "http://127.0.0.1:9/");
    auto retry = plugin.deliver(testing::make_delivery({{"text", "retry"}}));
    CHECK(retry.kind == Outcome::Kind::retry);
    CHECK(retry.retry_after_ms == std::optional<int64_t>(1500));
    auto thrown = plugin.deliver(testing::make_delivery({{"text", "throw"}}));
    CHECK(thrown.kind == Outcome::Kind::retry);
    CHECK_THAT(thrown.reason, Catch::Contains("boom"));
    auto down = plugin.deliver(testing::make_delivery({{"text", "down"}}));
    CHECK(down.kind == Outcome::Kind::retry);
    CHECK(down.reason == "connection refused");
}

TEST_CASE("outcome parsing never loses a job to a malformed answer") {
    CHECK(outcome_from_json(Json("nonsense")).kind == Outcome::Kind::retry);
    CHECK(outcome_from_json({{"status", "weird"}}).kind == Outcome::Kind::retry);
    CHECK(outcome_from_json({{"status", "permanent"}, {"reason", "bad phone"}}).reason == "bad phone");
}

TEST_CASE("form decoding follows the browser encoding") {
    auto f = parse_form("name=%D0%90%D0%BD%D0%BD%D0%B0&Phone=%2B7+%28916%29&empty=&flag&bad=%G1%");
    CHECK(form_value(f, "name") == "Анна");
    CHECK(form_value(f, "Phone") == "+7 (916)");
    CHECK(form_value(f, "empty").empty());
    CHECK(f.size() == 5);
    CHECK(form_value(f, "bad") == "%G1%");
}

TEST_CASE("suggestions catch typos but not unrelated names") {
    CHECK(nearest_name("tenats", {"tenants", "storage", "listen"}) == "tenants");
    CHECK(nearest_name("zzzzzz", {"tenants", "storage"}).empty());
}

TEST_CASE("escape_control makes outside text safe to quote in a log line or an answer") {
    using leadhub::sdk::escape_control;
    using leadhub::sdk::is_safe_text;
    CHECK(escape_control("Анна, маникюр 10:00 \\ ok") == "Анна, маникюр 10:00 \\ ok");
    CHECK(is_safe_text("Анна, маникюр 10:00"));
    // A field name that tries to start a forged log record stays on one line.
    std::string forged = "x\n2026-01-01T00:00:00.000Z error [leadhub] forged";
    CHECK(escape_control(forged) == "x\\n2026-01-01T00:00:00.000Z error [leadhub] forged");
    CHECK_FALSE(is_safe_text(forged));
    CHECK(escape_control(std::string("a\r\tb\0c\x1b[31m\x7f", 12)) == "a\\r\\tb\\x00c\\x1b[31m\\x7f");
    CHECK(escape_control("next\xc2\x85line") == "next\\u0085line");          // NEL
    CHECK(escape_control("a\xe2\x80\xa8" "b\xe2\x80\xa9") == "a\\u2028b\\u2029");  // LS, PS
    CHECK(escape_control("\xc2\xa0") == "\xc2\xa0");                         // NBSP is text
    CHECK(escape_control("\xff\xfe") == "\xff\xfe");                          // not UTF-8: no line break
    CHECK(escape_control("\xe2\x80") == "\xe2\x80");                          // truncated sequence
    CHECK_FALSE(is_safe_text(std::string_view("\0", 1)));
}
