// Replies through messages.send: the request VK documents, and every documented answer classified.
#include "vk_api.hpp"
#include "vk_test_support.hpp"

#include <leadhub/sdk/form.hpp>

#include <catch2/catch.hpp>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;
using leadhub::sdk::testing::make_reply_delivery;

namespace {

struct Channel {
    FakeHost host;
    Harness plugin = Harness::linked(host);
    Channel() { REQUIRE(plugin.create("vk", vk_test::callback_options()) == ""); }
    Outcome reply(HttpResponse answer, const std::string& text = "Здравствуйте!") {
        host.on_http = [answer](const HttpRequest&) { return answer; };
        return plugin.deliver(make_reply_delivery(text, {{"peer_id", 743784474}}, 7));
    }
};

std::string param(const HttpRequest& request, const std::string& name) {
    return form_value(parse_form(request.body), name);
}

}  // namespace

TEST_CASE("a reply is messages.send, form-encoded, with a random_id fixed by the job") {
    Channel c;
    Outcome o = c.reply(vk_test::answer_from("messages.send.json"));
    CHECK(o.kind == Outcome::Kind::ok);
    CHECK(o.external_id == "3081");
    REQUIRE(c.host.http_calls.size() == 1);
    const HttpRequest sent = c.host.http_calls[0];  // a copy: more calls follow
    CHECK(sent.method == "POST");
    CHECK(sent.target == "https://vk.test/method/messages.send");
    CHECK(sent.header("Content-Type") == "application/x-www-form-urlencoded");
    CHECK(param(sent, "peer_id") == "743784474");
    CHECK(param(sent, "message") == "Здравствуйте!");
    CHECK(param(sent, "access_token") == "vk1.a.token");
    CHECK(param(sent, "v") == "5.199");
    CHECK(sent.body.find("message=%D0%97%D0%B4%D1%80%D0%B0%D0%B2%D1%81%D1%82%D0%B2%D1%83%D0%B9%D1%82%D0%B5%21") !=
          std::string::npos);  // byte for byte as the sample
    CHECK_FALSE(sent.body.find("keyboard") != std::string::npos);

    // The same job again (a retry after a lost answer) carries the same random_id; another job not.
    c.plugin.deliver(make_reply_delivery("Здравствуйте!", {{"peer_id", 743784474}}, 7, 0, 2));
    c.plugin.deliver(make_reply_delivery("Здравствуйте!", {{"peer_id", 743784474}}, 8));
    REQUIRE(c.host.http_calls.size() == 3);
    CHECK(param(c.host.http_calls[1], "random_id") == param(sent, "random_id"));
    CHECK(param(c.host.http_calls[2], "random_id") != param(sent, "random_id"));
}

TEST_CASE("random_id is 31 bits, never 0, stable") {
    for (const char* key : {"", "reply-1", "reply-2", "a much longer idempotency key of some job 123456"}) {
        int32_t id = leadhub::vk::random_id_for(key);
        CHECK(id > 0);
        CHECK(id == leadhub::vk::random_id_for(key));
    }
    CHECK(leadhub::vk::random_id_for("reply-1") != leadhub::vk::random_id_for("reply-2"));
}

TEST_CASE("buttons become an inline keyboard of text buttons carrying their ids") {
    Channel c;
    c.host.on_http = [](const HttpRequest&) { return vk_test::answer_from("messages.send.json"); };
    Delivery d = make_reply_delivery("Когда удобно?", {{"peer_id", 743784474}}, 3);
    d.reply->buttons = {{"sat", "Суббота"}, {"sun", std::string(60, 'x')}};
    REQUIRE(c.plugin.deliver(d).kind == Outcome::Kind::ok);
    Json keyboard = Json::parse(param(c.host.http_calls.at(0), "keyboard"));
    CHECK(keyboard.at("inline") == true);
    REQUIRE(keyboard.at("buttons").size() == 2);
    const Json& first = keyboard.at("buttons")[0][0].at("action");
    CHECK(first.at("type") == "text");
    CHECK(first.at("label") == "Суббота");
    CHECK(Json::parse(first.at("payload").get<std::string>()) == Json{{"button", "sat"}});
    CHECK(keyboard.at("buttons")[1][0].at("action").at("label").get<std::string>().size() == 40);
    std::vector<ReplyButton> eight(8, ReplyButton{"id", "t"});
    CHECK(leadhub::vk::keyboard_for(eight).at("buttons").size() == 6);
}

TEST_CASE("VK's documented errors are classified") {
    Channel c;
    Outcome too_many = c.reply(vk_test::answer_from("error.too-many-requests.json"));
    CHECK(too_many.kind == Outcome::Kind::retry);
    CHECK(too_many.retry_after_ms == 1000);
    CHECK_THAT(too_many.reason, Catch::Contains("Too many requests per second"));

    Outcome no_permission = c.reply(vk_test::answer_from("error.901.json"));
    CHECK(no_permission.kind == Outcome::Kind::permanent);
    CHECK_THAT(no_permission.reason, Catch::Contains("901") && Catch::Contains("without permission"));

    Outcome auth = c.reply(vk_test::vk_error(5, "User authorization failed: invalid access_token (4)."));
    CHECK(auth.kind == Outcome::Kind::permanent);
    CHECK_THAT(auth.reason, Catch::Contains("access_token is invalid (option access_token)"));

    Outcome flood = c.reply(vk_test::vk_error(9, "Flood control"));
    CHECK(flood.kind == Outcome::Kind::retry);
    CHECK(flood.retry_after_ms == 60000);
    CHECK(c.reply(vk_test::vk_error(10, "Internal server error")).kind == Outcome::Kind::retry);
    CHECK(c.reply(vk_test::vk_error(1, "Unknown error occurred")).kind == Outcome::Kind::retry);
    CHECK(c.reply(vk_test::vk_error(29, "Rate limit reached")).retry_after_ms == 3600000);
    for (int code : {7, 14, 15, 27, 100, 900, 902, 914, 950}) {
        INFO(code);
        Outcome o = c.reply(vk_test::vk_error(code, "reason " + std::to_string(code)));
        CHECK(o.kind == Outcome::Kind::permanent);
        CHECK_THAT(o.reason, Catch::Contains("reason " + std::to_string(code)));
    }
    CHECK_THAT(c.reply(vk_test::vk_error(27, "Group authorization failed")).reason, Catch::Contains("option access_token"));
}

TEST_CASE("HTTP failures: network and 5xx retry, 429 with its Retry-After, other 4xx permanent") {
    Channel c;
    HttpResponse network;
    network.error = "connection refused";
    Outcome o = c.reply(network);
    CHECK(o.kind == Outcome::Kind::retry);
    CHECK_THAT(o.reason, Catch::Contains("connection refused"));
    CHECK(c.reply(HttpResponse{502, {}, "<html>bad gateway</html>", ""}).kind == Outcome::Kind::retry);
    HttpResponse limited{429, {}, "", ""};
    limited.headers["Retry-After"] = "7";
    CHECK(c.reply(limited).retry_after_ms == 7000);
    CHECK(c.reply(HttpResponse{404, {}, "", ""}).kind == Outcome::Kind::permanent);
    CHECK(c.reply(HttpResponse{200, {}, "<html>proxy</html>", ""}).kind == Outcome::Kind::retry);
    CHECK(c.reply(HttpResponse{200, {}, R"({"something": 1})", ""}).kind == Outcome::Kind::retry);
}

TEST_CASE("the peer_ids form of the answer, per-peer errors") {
    Channel c;
    CHECK(c.reply(HttpResponse{200, {}, R"({"response": [{"peer_id": 1, "message_id": 55}]})", ""}).external_id == "55");
    Outcome failed = c.reply(HttpResponse{200, {}, R"({"response": [{"peer_id": 1, "error": {"code": 901, "description": "no"}}]})", ""});
    CHECK(failed.kind == Outcome::Kind::permanent);
}

TEST_CASE("only replies, only to an address with a peer_id") {
    Channel c;
    c.host.on_http = [](const HttpRequest&) { return vk_test::answer_from("messages.send.json"); };
    Outcome lead = c.plugin.deliver(leadhub::sdk::testing::make_delivery({{"id", 1}}));
    CHECK(lead.kind == Outcome::Kind::permanent);
    CHECK(lead.reason == "vk only delivers replies");
    Outcome nowhere = c.plugin.deliver(make_reply_delivery("hi", {{"chat_id", 1}}));
    CHECK(nowhere.kind == Outcome::Kind::permanent);
    CHECK_THAT(nowhere.reason, Catch::Contains("peer_id"));
    CHECK(c.host.http_calls.empty());
}
