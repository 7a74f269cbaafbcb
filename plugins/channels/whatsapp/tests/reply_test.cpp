// Replies through the plugin's real exports, against answers built from the outbound samples:
// text, buttons, the template outside the window, 131047 at send time and later, every error.
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace leadhub::whatsapp::test;
using Kind = sdk::Outcome::Kind;

namespace {

const Json address = {{"to", "79161234567"}, {"phone_number_id", kPhoneNumberId}};

struct ReplyInstance {
    sdk::testing::FakeHost host;
    sdk::testing::Harness plugin = sdk::testing::Harness::linked(host);
    explicit ReplyInstance(Json overrides = Json::object()) {
        REQUIRE(plugin.create("wa", options(std::move(overrides))) == "");
        REQUIRE(plugin.start() == "");
    }
    // A reply to a customer who wrote `ago_ms` before now.
    sdk::Outcome reply(const std::string& text, int64_t ago_ms = 60'000, std::vector<sdk::ReplyButton> buttons = {}) {
        auto d = sdk::testing::make_reply_delivery(text, address, 1, host.now - ago_ms);
        d.reply->buttons = std::move(buttons);
        d.payload["reply"] = sdk::to_json(*d.reply);
        return plugin.deliver(d);
    }
    Json sent_body(std::size_t i = 0) { return Json::parse(host.http_calls.at(i).body); }
};

sdk::HttpResponse graph_error(int status, int64_t code, const std::string& message, int64_t subcode = 0) {
    Json e = {{"message", message}, {"type", "OAuthException"}, {"code", code},
              {"error_data", {{"messaging_product", "whatsapp"}, {"details", message}}}, {"fbtrace_id", "A"}};
    if (subcode) e["error_subcode"] = subcode;
    sdk::HttpResponse r;
    r.status = status;
    r.body = Json({{"error", e}}).dump();
    return r;
}

constexpr int64_t kDay = 24LL * 60 * 60 * 1000;

}  // namespace

TEST_CASE("inside the window a reply is the sample's text message, and ok carries the wamid") {
    ReplyInstance wa;
    wa.host.on_http = [](const sdk::HttpRequest&) { return sample_response("outbound-send-text.json"); };
    const Json sample = load_json("outbound-send-text.json")["request"];
    auto outcome = wa.reply(sample["body"]["text"]["body"]);
    CHECK(outcome.kind == Kind::ok);
    CHECK(outcome.external_id == "wamid.HBgLNzkxNjEyMzQ1NjcVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA");
    REQUIRE(wa.host.http_calls.size() == 1);
    const auto& call = wa.host.http_calls[0];
    CHECK(call.method == "POST");
    CHECK(call.target == kApiUrl + sample["path"].get<std::string>());
    CHECK(call.headers.at("Authorization") == "Bearer EAAtoken");
    CHECK(wa.sent_body() == sample["body"]);
    // Remembered for a later 131047, in one of a bounded number of slots, naming its wamid.
    REQUIRE(wa.host.state.size() == 1);
    const auto& [key, value] = *wa.host.state.begin();
    CHECK(key.starts_with("sent:"));
    CHECK(std::stoul(key.substr(5)) < 4096);
    CHECK(sdk::Json::parse(value)["wamid"] == "wamid.HBgLNzkxNjEyMzQ1NjcVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA");
}

TEST_CASE("a 131047 for a wamid whose slot another reply took since sends no template") {
    ReplyInstance wa(Json{{"template_name", "booking_followup"}});
    wa.host.on_http = [](const sdk::HttpRequest&) { return sample_response("outbound-send-text.json"); };
    REQUIRE(wa.reply("Вы записаны на субботу, 15:30.").kind == Kind::ok);
    REQUIRE(wa.host.state.size() == 1);
    // Another wamid's record in the same slot: the slot's owner changed.
    auto& stored = wa.host.state.begin()->second;
    sdk::Json record = sdk::Json::parse(stored);
    record["wamid"] = "wamid.other";
    stored = record.dump();
    const std::string status_body = load_json("outbound-webhook.status-failed-131047.json")["request"]["body"].dump();
    CHECK(wa.plugin.webhook(signed_post(status_body)).status == 200);
    CHECK(wa.host.http_calls.size() == 1);  // the reply only: no template
}

TEST_CASE("buttons become interactive reply buttons: at most 3, titles cut to 20 characters") {
    ReplyInstance wa;
    wa.host.on_http = [](const sdk::HttpRequest&) { return sample_response("outbound-send-interactive-buttons.json"); };
    auto outcome = wa.reply("Подтвердите, пожалуйста, визит.", 60'000,
                            {{"confirm:lead-7f3c2a", "Подтверждаю"}, {"reschedule:lead-7f3c2a", "Перенести"},
                             {"cancel:lead-7f3c2a", "Отменить запись, пожалуйста"}, {"x", "Четвёртая"}});
    CHECK(outcome.kind == Kind::ok);
    const Json body = wa.sent_body();
    CHECK(body["type"] == "interactive");
    CHECK(body["interactive"]["type"] == "button");
    const Json& buttons = body["interactive"]["action"]["buttons"];
    REQUIRE(buttons.size() == 3);
    CHECK(buttons[0] == Json({{"type", "reply"}, {"reply", {{"id", "confirm:lead-7f3c2a"}, {"title", "Подтверждаю"}}}}));
    CHECK(buttons[2]["reply"]["title"] == "Отменить запись, пож");
}

TEST_CASE("buttons without a title are left out; with none left the reply is plain text") {
    ReplyInstance wa;
    wa.host.on_http = [](const sdk::HttpRequest&) { return sample_response("outbound-send-interactive-buttons.json"); };
    CHECK(wa.reply("Выберите время", 60'000, {{"a", ""}, {"b", "12:00"}}).kind == sdk::Outcome::Kind::ok);
    CHECK(wa.sent_body(0)["interactive"]["action"]["buttons"].size() == 1);
    CHECK(wa.reply("Выберите время", 60'000, {{"a", ""}}).kind == sdk::Outcome::Kind::ok);
    CHECK(wa.sent_body(1)["type"] == "text");
}

TEST_CASE("a long text is sent in pieces WhatsApp accepts") {
    ReplyInstance wa;
    wa.host.on_http = [](const sdk::HttpRequest&) { return sample_response("outbound-send-text.json"); };
    CHECK(wa.reply(std::string(5000, 'a')).kind == Kind::ok);
    REQUIRE(wa.host.http_calls.size() == 2);
    CHECK(wa.sent_body(0)["text"]["body"].get<std::string>().size() == 4096);
    CHECK(wa.sent_body(1)["text"]["body"].get<std::string>().size() == 904);
}

TEST_CASE("outside the 24-hour window the reply goes as the configured template") {
    ReplyInstance wa(Json{{"template_name", "booking_followup"}});
    wa.host.on_http = [](const sdk::HttpRequest&) { return sample_response("outbound-send-template.json"); };
    auto outcome = wa.reply("Анна, ждём вас\nв субботу     в 15:30", kDay + 1);
    CHECK(outcome.kind == Kind::ok);
    CHECK(outcome.external_id == "wamid.HBgLNzkxNjEyMzQ1NjcVAgARGBIwOEZGN0EwMTI5NzFDMUVCQUEA");
    Json expected = load_json("outbound-send-template.json")["request"]["body"];
    expected["template"]["components"][0]["parameters"][0]["text"] = "Анна, ждём вас в субботу в 15:30";
    CHECK(wa.sent_body() == expected);
}

TEST_CASE("outside the window without a template: a clear permanent failure, nothing sent") {
    ReplyInstance wa;
    auto outcome = wa.reply("Здравствуйте", 2 * kDay);
    CHECK(outcome.kind == Kind::permanent);
    CHECK(outcome.reason == "outside WhatsApp's 24-hour window and no template_name configured");
    CHECK(wa.host.http_calls.empty());
    CHECK(wa.plugin.control({{"action", "status"}})["last_reply_error"] == outcome.reason);
}

TEST_CASE("a 131047 answer at send time switches to the template") {
    ReplyInstance wa(Json{{"template_name", "booking_followup"}});
    wa.host.on_http = [](const sdk::HttpRequest& r) {
        if (Json::parse(r.body)["type"] == "text") return graph_error(400, 131047, "Re-engagement message");
        return sample_response("outbound-send-template.json");
    };
    auto outcome = wa.reply("Здравствуйте", 0);  // inside the window by the hub's clock, closed by Meta's
    CHECK(outcome.kind == Kind::ok);
    REQUIRE(wa.host.http_calls.size() == 2);
    CHECK(wa.sent_body(1)["type"] == "template");

    ReplyInstance bare;
    bare.host.on_http = [](const sdk::HttpRequest&) { return graph_error(400, 131047, "Re-engagement message"); };
    auto failed = bare.reply("Здравствуйте");
    CHECK(failed.kind == Kind::permanent);
    CHECK(failed.reason.find("no template_name configured") != std::string::npos);
}

TEST_CASE("a failed status with 131047 resends the reply as the template, exactly once") {
    ReplyInstance wa(Json{{"template_name", "booking_followup"}});
    wa.host.on_http = [](const sdk::HttpRequest& r) {
        return Json::parse(r.body)["type"] == "text" ? sample_response("outbound-send-text.json")
                                                     : sample_response("outbound-send-template.json");
    };
    REQUIRE(wa.reply("Вы записаны на субботу, 15:30.").kind == Kind::ok);

    const std::string status_body = load_json("outbound-webhook.status-failed-131047.json")["request"]["body"].dump();
    for (int repeat = 0; repeat < 3; ++repeat) {  // Meta repeats webhooks
        auto r = wa.plugin.webhook(signed_post(status_body));
        CHECK(r.status == 200);
        CHECK(r.messages.empty());
    }
    REQUIRE(wa.host.http_calls.size() == 2);
    const Json resent = wa.sent_body(1);
    CHECK(resent["type"] == "template");
    CHECK(resent["to"] == "79161234567");
    CHECK(resent["template"]["components"][0]["parameters"][0]["text"] == "Вы записаны на субботу, 15:30.");
    CHECK(wa.host.http_calls[1].target == kApiUrl + "/v21.0/106540352242922/messages");
}

TEST_CASE("a failed status for a message this instance did not send sends nothing") {
    ReplyInstance wa(Json{{"template_name", "booking_followup"}});
    const std::string status_body = load_json("outbound-webhook.status-failed-131047.json")["request"]["body"].dump();
    CHECK(wa.plugin.webhook(signed_post(status_body)).status == 200);
    CHECK(wa.host.http_calls.empty());
}

TEST_CASE("every documented error is classified") {
    struct Case {
        sdk::HttpResponse answer;
        Kind kind;
        std::string in_reason;
    };
    sdk::HttpResponse network;
    network.error = "timeout";
    const std::vector<Case> cases = {
        {graph_error(401, 190, "Error validating access token"), Kind::permanent, "access_token"},
        {graph_error(400, 100, "(#100) Invalid parameter"), Kind::permanent, "Invalid parameter"},
        {graph_error(400, 131026, "Message undeliverable"), Kind::permanent, "131026"},
        {graph_error(400, 131008, "Required parameter is missing"), Kind::permanent, "131008"},
        {graph_error(400, 131009, "Parameter value is not valid"), Kind::permanent, "131009"},
        {graph_error(400, 132000, "Number of parameters does not match"), Kind::permanent, "template_name"},
        {graph_error(403, 10, "Permission denied"), Kind::permanent, "permission"},
        {graph_error(403, 200, "Permissions error"), Kind::permanent, "permission"},
        {graph_error(400, 368, "Temporarily blocked for policies violations"), Kind::permanent, "368"},
        {graph_error(429, 130429, "Rate limit hit"), Kind::retry, "rate limit"},
        {graph_error(400, 131056, "Pair rate limit hit"), Kind::retry, "131056"},
        {graph_error(400, 131057, "Account in maintenance mode"), Kind::retry, "131057"},
        {graph_error(400, 131048, "Spam rate limit hit"), Kind::retry, "131048"},
        {graph_error(500, 131000, "Something went wrong"), Kind::retry, "131000"},
        {graph_error(500, 1, "An unknown error occurred"), Kind::retry, "(#1)"},
        {graph_error(503, 2, "Service temporarily unavailable"), Kind::retry, "(#2)"},
        {graph_error(400, 4, "Application request limit reached"), Kind::retry, "rate limit"},
        {{502, {}, "<html>Bad Gateway</html>", ""}, Kind::retry, "502"},
        {{200, {}, R"({"messaging_product":"whatsapp"})", ""}, Kind::retry, "unreadable"},
        {network, Kind::retry, "timeout"},
    };
    for (const auto& c : cases) {
        INFO(c.answer.status << " " << c.answer.body);
        ReplyInstance wa;
        wa.host.on_http = [&](const sdk::HttpRequest&) { return c.answer; };
        auto outcome = wa.reply("Здравствуйте");
        CHECK(outcome.kind == c.kind);
        CHECK(outcome.reason.find(c.in_reason) != std::string::npos);
    }
}

TEST_CASE("only replies are delivered, and only to a WhatsApp address") {
    ReplyInstance wa;
    wa.host.on_http = [](const sdk::HttpRequest&) { return sample_response("outbound-send-text.json"); };
    auto lead = wa.plugin.deliver(sdk::testing::make_delivery({{"id", 1}}));
    CHECK(lead.kind == Kind::permanent);
    CHECK(lead.reason == "whatsapp only delivers replies");

    auto nowhere = wa.plugin.deliver(sdk::testing::make_reply_delivery("Здравствуйте", {{"chat_id", 111}}));
    CHECK(nowhere.kind == Kind::permanent);
    CHECK(nowhere.reason.find("WhatsApp recipient") != std::string::npos);
    CHECK(wa.host.http_calls.empty());

    auto user = wa.plugin.deliver(sdk::testing::make_reply_delivery(
        "Здравствуйте", {{"user_id", "RU.15"}, {"phone_number_id", kPhoneNumberId}}, 2, wa.host.now));
    CHECK(user.kind == Kind::ok);
    CHECK(wa.sent_body()["recipient"] == "RU.15");
}
