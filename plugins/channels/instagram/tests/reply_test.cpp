// Replies through the plugin's real exports, against answers built from the outbound samples.
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace leadhub::instagram::test;
using Kind = sdk::Outcome::Kind;

namespace {

struct IgReplyInstance {
    sdk::testing::FakeHost host;
    sdk::testing::Harness plugin = sdk::testing::Harness::linked(host);
    explicit IgReplyInstance(Json overrides = Json::object()) {
        REQUIRE(plugin.create("ig", options(std::move(overrides))) == "");
        REQUIRE(plugin.start() == "");
    }
    sdk::Outcome reply(const std::string& text, std::vector<sdk::ReplyButton> buttons = {}) {
        auto d = sdk::testing::make_reply_delivery(text, {{"recipient_id", "1254459154682919"}}, 1, host.now - 60'000);
        d.reply->buttons = std::move(buttons);
        d.payload["reply"] = sdk::to_json(*d.reply);
        return plugin.deliver(d);
    }
    Json sent_body(std::size_t i = 0) { return Json::parse(host.http_calls.at(i).body); }
};

sdk::HttpResponse ig_error(int status, int64_t code, const std::string& message, int64_t subcode = 0) {
    Json e = {{"message", message}, {"type", "OAuthException"}, {"code", code}, {"fbtrace_id", "A"}};
    if (subcode) e["error_subcode"] = subcode;
    return {status, {}, Json({{"error", e}}).dump(), ""};
}

}  // namespace

TEST_CASE("a reply is the sample's Send API call, and ok carries the message id") {
    IgReplyInstance ig;
    ig.host.on_http = [](const sdk::HttpRequest&) { return sample_response("outbound-send-text.json"); };
    const Json sample = load_json("outbound-send-text.json")["request"];
    auto outcome = ig.reply(sample["body"]["message"]["text"]);
    CHECK(outcome.kind == Kind::ok);
    CHECK(outcome.external_id.rfind("aWdfZAG1faXRlbToxOklHTWVzc2FnZA", 0) == 0);
    REQUIRE(ig.host.http_calls.size() == 1);
    CHECK(ig.host.http_calls[0].target == kApiUrl + "/v21.0/me/messages");
    CHECK(ig.host.http_calls[0].headers.at("Authorization") == "Bearer IGtoken");
    CHECK(ig.sent_body() == sample["body"]);
}

TEST_CASE("the account id, when configured, is the sender in the path") {
    IgReplyInstance ig(Json{{"account_id", "17841400000000000"}, {"api_url", "http://graph.instagram.test/"}});
    ig.host.on_http = [](const sdk::HttpRequest&) { return sample_response("outbound-send-text.json"); };
    CHECK(ig.reply("Здравствуйте").kind == Kind::ok);
    CHECK(ig.host.http_calls[0].target == "http://graph.instagram.test/v21.0/17841400000000000/messages");
}

TEST_CASE("buttons become quick replies; long texts go in pieces of at most 1000 bytes") {
    IgReplyInstance ig;
    ig.host.on_http = [](const sdk::HttpRequest&) { return sample_response("outbound-send-text.json"); };
    CHECK(ig.reply(std::string(1500, 'a'), {{"book", "Записаться на маникюр"}, {"", "Цены"}}).kind == Kind::ok);
    REQUIRE(ig.host.http_calls.size() == 2);
    CHECK(ig.sent_body(0)["message"]["text"].get<std::string>().size() == 1000);
    CHECK_FALSE(ig.sent_body(0)["message"].contains("quick_replies"));
    const Json quick = ig.sent_body(1)["message"]["quick_replies"];
    REQUIRE(quick.size() == 2);
    CHECK(quick[0] == Json({{"content_type", "text"}, {"title", "Записаться на маникю"}, {"payload", "book"}}));
    CHECK(quick[1]["payload"] == "Цены");

    CHECK(ig.reply("Здравствуйте", {{"x", ""}}).kind == Kind::ok);  // an untitled button is left out
    CHECK_FALSE(ig.sent_body(2)["message"].contains("quick_replies"));
}

TEST_CASE("outside the messaging window: a clear permanent outcome") {
    IgReplyInstance ig;
    ig.host.on_http = [](const sdk::HttpRequest&) { return sample_response("outbound-error.outside-window.json"); };
    auto outcome = ig.reply("Здравствуйте");
    CHECK(outcome.kind == Kind::permanent);
    CHECK(outcome.reason.rfind("outside Instagram's 24-hour messaging window: answer in the Instagram app", 0) == 0);
    CHECK(ig.plugin.control({{"action", "status"}})["last_reply_error"] == outcome.reason);
    // Messenger's subcode for the same refusal.
    ig.host.on_http = [](const sdk::HttpRequest&) { return ig_error(400, 10, "(#10) outside of allowed window", 2018278); };
    CHECK(ig.reply("Здравствуйте").reason.find("outside Instagram's 24-hour") != std::string::npos);
}

TEST_CASE("every documented error is classified") {
    struct Case {
        sdk::HttpResponse answer;
        Kind kind;
        std::string in_reason;
    };
    sdk::HttpResponse network;
    network.error = "connection reset";
    const std::vector<Case> cases = {
        {ig_error(401, 190, "Invalid OAuth access token"), Kind::permanent, "access_token"},
        {ig_error(400, 100, "(#100) No matching user found", 2018001), Kind::permanent, "No matching user"},
        {ig_error(400, 10, "(#10) Application does not have permission"), Kind::permanent, "permission"},
        {ig_error(403, 200, "Permissions error"), Kind::permanent, "permission"},
        {ig_error(400, 551, "This person isn't available right now"), Kind::permanent, "551"},
        {ig_error(429, 4, "Application request limit reached"), Kind::retry, "rate limit"},
        {ig_error(400, 613, "Calls to this api have exceeded the rate limit"), Kind::retry, "rate limit"},
        {ig_error(500, 2, "Service temporarily unavailable"), Kind::retry, "(#2)"},
        {ig_error(500, 1, "An unknown error has occurred"), Kind::retry, "(#1)"},
        {{503, {}, "", ""}, Kind::retry, "503"},
        {{200, {}, "{}", ""}, Kind::retry, "unreadable"},
        {network, Kind::retry, "connection reset"},
    };
    for (const auto& c : cases) {
        INFO(c.answer.status << " " << c.answer.body);
        IgReplyInstance ig;
        ig.host.on_http = [&](const sdk::HttpRequest&) { return c.answer; };
        auto outcome = ig.reply("Здравствуйте");
        CHECK(outcome.kind == c.kind);
        CHECK(outcome.reason.find(c.in_reason) != std::string::npos);
    }
}

TEST_CASE("only replies are delivered, and only to an Instagram address") {
    IgReplyInstance ig;
    CHECK(ig.plugin.deliver(sdk::testing::make_delivery({{"id", 1}})).reason == "instagram only delivers replies");
    auto nowhere = ig.plugin.deliver(sdk::testing::make_reply_delivery("Здравствуйте", {{"chat_id", 1}}));
    CHECK(nowhere.kind == Kind::permanent);
    CHECK(nowhere.reason.find("recipient_id") != std::string::npos);
    CHECK(ig.host.http_calls.empty());
}
