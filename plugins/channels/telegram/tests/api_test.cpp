// The Bot API envelope without I/O: requests, answers, the classification of every documented
// sendMessage error (answers from the outbound samples), text splitting, the sendMessage body.
#include "telegram_api.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace telegram_test;
using namespace leadhub::telegram;
using leadhub::sdk::Outcome;

namespace {
Outcome classify(const HttpResponse& response) { return classify_send(read_answer(response), response); }

TelegramOptions test_options() {
    TelegramOptions o = telegram_options().defaults();
    o.bot_token = kToken;
    o.api_url = "http://fake";
    return o;
}

std::size_t utf16_units(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) n += (c >= 0xF0) ? 2 : 1;
    return n;
}
}  // namespace

TEST_CASE("api: a method call is a JSON POST to <api_url>/bot<token>/<method>") {
    auto r = api_request(test_options(), "sendMessage", {{"chat_id", 1}}, 1234);
    CHECK(r.method == "POST");
    CHECK(r.target == std::string("http://fake/bot") + kToken + "/sendMessage");
    CHECK(r.headers["Content-Type"] == "application/json");
    CHECK(r.timeout_ms == 1234);
    CHECK(Json::parse(r.body) == Json{{"chat_id", 1}});
}

TEST_CASE("api: the sendMessage sample's answer is ok with its message id") {
    auto outcome = classify(outbound_response("sendMessage"));
    CHECK(outcome.kind == Outcome::Kind::ok);
    CHECK(outcome.external_id == "156");
}

TEST_CASE("api: 429 is retried after parameters.retry_after") {
    auto outcome = classify(outbound_response("error.429"));
    CHECK(outcome.kind == Outcome::Kind::retry);
    CHECK(outcome.retry_after_ms == 5000);
    CHECK(outcome.reason.find("Too Many Requests") != std::string::npos);
    // Without parameters, the Retry-After header.
    HttpResponse header_only{429, {{"Retry-After", "7"}}, R"({"ok":false,"error_code":429,"description":"Too Many Requests"})", {}};
    CHECK(classify(header_only).retry_after_ms == 7000);
    CHECK_FALSE(classify(api_error(429, "Too Many Requests")).retry_after_ms);
}

TEST_CASE("api: 403 blocked by the user is permanent with Telegram's words") {
    auto outcome = classify(outbound_response("error.403-bot-blocked"));
    CHECK(outcome.kind == Outcome::Kind::permanent);
    CHECK(outcome.reason == "Telegram: HTTP 403: Forbidden: bot was blocked by the user");
    CHECK(classify(api_error(403, "Forbidden: user is deactivated")).kind == Outcome::Kind::permanent);
}

TEST_CASE("api: 400s are permanent with the description") {
    for (const std::string text : {"Bad Request: chat not found", "Bad Request: message is too long",
                                   "Bad Request: can't parse entities: x", "Bad Request: message text is empty"}) {
        auto outcome = classify(api_error(400, text));
        CHECK(outcome.kind == Outcome::Kind::permanent);
        CHECK(outcome.reason.find(text) != std::string::npos);
    }
    CHECK(classify(outbound_response("error.400-query-too-old")).kind == Outcome::Kind::permanent);
    auto migrated = classify(api_error(400, "Bad Request: group chat was upgraded to a supergroup chat", {{"migrate_to_chat_id", -1009}}));
    CHECK(migrated.reason.find("-1009") != std::string::npos);
}

TEST_CASE("api: 401 and 404 name the bot_token option") {
    for (int code : {401, 404}) {
        auto outcome = classify(api_error(code, code == 401 ? "Unauthorized" : "Not Found"));
        CHECK(outcome.kind == Outcome::Kind::permanent);
        CHECK(outcome.reason.find("bot_token is invalid (option bot_token)") == 0);
    }
}

TEST_CASE("api: 5xx, no response and unreadable answers are retried") {
    CHECK(classify(api_error(500, "Internal Server Error")).kind == Outcome::Kind::retry);
    CHECK(classify(HttpResponse{502, {}, "<html>Bad Gateway</html>", {}}).kind == Outcome::Kind::retry);
    auto network = classify(HttpResponse{0, {}, "", "connection refused"});
    CHECK(network.kind == Outcome::Kind::retry);
    CHECK(network.reason.find("connection refused") != std::string::npos);
    CHECK(classify(HttpResponse{200, {}, "not json", {}}).kind == Outcome::Kind::retry);
    CHECK(classify(HttpResponse{200, {}, R"({"ok": false})", {}}).kind == Outcome::Kind::retry);
}

TEST_CASE("api: a description with line breaks stays one line") {
    auto outcome = classify(api_error(400, "Bad Request:\nforged line"));
    CHECK(outcome.reason.find('\n') == std::string::npos);
}

TEST_CASE("api: the 409 sample reads as a conflict") {
    auto answer = read_answer(outbound_response("error.409-conflict-webhook-active"));
    CHECK(answer.status == 409);
    CHECK_FALSE(answer.ok);
    CHECK(answer.description.find("webhook is active") != std::string::npos);
}

TEST_CASE("api: split_text keeps short texts whole and cuts long ones at a break") {
    CHECK(split_text("Привет") == std::vector<std::string>{"Привет"});
    CHECK(split_text("").empty());
    CHECK(split_text(std::string(4096, 'a')).size() == 1);
    CHECK(split_text(std::string(4097, 'a')).size() == 2);

    const std::string paragraph(3000, 'x');
    auto parts = split_text(paragraph + "\n" + paragraph);
    REQUIRE(parts.size() == 2);
    CHECK(parts[0] == paragraph);
    CHECK(parts[1] == paragraph);

    std::string cyrillic;
    for (int i = 0; i < 5000; ++i) cyrillic += "я";
    parts = split_text(cyrillic);
    REQUIRE(parts.size() == 2);
    CHECK(utf16_units(parts[0]) == 4096);
    CHECK(parts[0] + parts[1] == cyrillic);

    std::string emoji;
    for (int i = 0; i < 3000; ++i) emoji += "😀";  // two UTF-16 units each
    parts = split_text(emoji);
    REQUIRE(parts.size() == 2);
    CHECK(utf16_units(parts[0]) == 4096);
    CHECK(parts[0] + parts[1] == emoji);
}

TEST_CASE("api: the sendMessage body: chat, text, business connection, buttons one per row") {
    auto plain = send_message_body({{"chat_id", 111}}, "Ждём вас", {});
    CHECK(plain == Json{{"chat_id", 111}, {"text", "Ждём вас"}});
    auto business = send_message_body({{"chat_id", 111}, {"business_connection_id", "bc1"}}, "x", {});
    CHECK(business["business_connection_id"] == "bc1");
    auto buttons = send_message_body({{"chat_id", 111}}, "Записать?", {{"yes", "Да"}, {"no", "Нет"}});
    CHECK(buttons["reply_markup"] == Json::parse(R"({"inline_keyboard": [[{"text": "Да", "callback_data": "yes"}],
                                                                          [{"text": "Нет", "callback_data": "no"}]]})"));
    CHECK_THROWS_AS(send_message_body(Json::object(), "x", {}), std::invalid_argument);
    CHECK_THROWS_AS(send_message_body({{"chat_id", true}}, "x", {}), std::invalid_argument);
    CHECK_THROWS_AS(send_message_body({{"chat_id", 1}}, "x", {{"", "Да"}}), std::invalid_argument);
    CHECK_THROWS_AS(send_message_body({{"chat_id", 1}}, "x", {{std::string(65, 'a'), "Да"}}), std::invalid_argument);
    CHECK_THROWS_AS(send_message_body({{"chat_id", 1}}, "x", {{"id", ""}}), std::invalid_argument);
}
