// The host's reader of a source plugin's webhook answer: what it keeps, what it refuses, and that
// it refuses exactly what the SDK's own reader (nlohmann + sdk::webhook_result_from_json) would.
#include "host/webhook_answer.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using leadhub::host::webhook_answer_from_text;
using leadhub::host::WebhookAnswer;
using nlohmann::json;
namespace sdk = leadhub::sdk;

namespace {

const std::string kLabel = "leadhub-webform.so, instance 'site' of tenant 'salon'";

WebhookAnswer read(const std::string& text) { return webhook_answer_from_text(text, kLabel); }

// What the hub did before this reader: nlohmann's parse and the SDK's reader; true when it
// accepted the answer (the checks of the old PluginInstance::handle_http included).
bool sdk_reader_accepts(const std::string& text) {
    json parsed = json::parse(text, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object() || !parsed.contains("status") ||
        !parsed.at("status").is_number_integer())
        return false;
    const auto status = parsed.at("status").get<int64_t>();
    if (status < 100 || status > 599) return false;
    try {
        sdk::webhook_result_from_json(parsed);
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

// An answer with one message whose `extra` is `depth` arrays deep: the message nests depth + 1.
std::string answer_with_message_of_depth(std::size_t depth) {
    return R"({"status": 200, "messages": [{"channel": "webform", "extra": )" + std::string(depth - 1, '[') +
           std::string(depth - 1, ']') + "}]}";
}

}  // namespace

TEST_CASE("a good answer keeps its status, headers and each message as checked JSON text", "[webhook_answer]") {
    sdk::WebhookResult result;
    result.status = 201;
    result.content_type = "application/json";
    result.body = R"({"ok":true})";
    result.headers["X-Request-Id"] = "r-1";
    sdk::Message first;
    first.channel = "webform";
    first.external_message_id = "tilda-42";
    first.name = "Анна";
    first.phone = "+79131234567";
    first.text = "Хочу на маникюр \"гель-лак\"\\ завтра\nв 10:00\t\x01";
    first.utm["utm_source"] = "instagram";
    first.extra = {{"fields", {{"page", "https://salon.example.ru/"}}}, {"n", 1.5}, {"list", {1, 2, 3}}};
    sdk::Message second;
    second.channel = "webform";
    second.text = "Перезвоните";
    result.messages = {first, second};
    const std::string text = sdk::dump(sdk::to_json(sdk::WebhookResult(result)));

    WebhookAnswer answer = read(text);
    CHECK(answer.status == 201);
    CHECK(answer.content_type == "application/json");
    CHECK(answer.body == R"({"ok":true})");
    CHECK(answer.headers.at("x-request-id") == "r-1");
    REQUIRE(answer.messages.size() == 2);
    CHECK(answer.messages[0].external_message_id == "tilda-42");
    CHECK_FALSE(answer.messages[1].external_message_id.has_value());

    // The stored text reads back as the message the plugin sent, field for field.
    const json sent = json::parse(text).at("messages");
    for (std::size_t i = 0; i < 2; ++i) {
        INFO("message " << i);
        CHECK(json::parse(answer.messages[i].json) == sent.at(i));
        const sdk::Message back = answer.messages[i].message();
        const sdk::Message expected = sdk::message_from_json(sent.at(i));
        CHECK(back.channel == expected.channel);
        CHECK(back.external_message_id == expected.external_message_id);
        CHECK(back.name == expected.name);
        CHECK(back.phone == expected.phone);
        CHECK(back.text == expected.text);
        CHECK(back.utm == expected.utm);
        CHECK(back.extra == expected.extra);
    }
}

TEST_CASE("fields the answer leaves out take the SDK reader's defaults", "[webhook_answer]") {
    WebhookAnswer answer = read(R"({"status": 204})");
    CHECK(answer.status == 204);
    CHECK(answer.content_type == "text/plain; charset=utf-8");
    CHECK(answer.body.empty());
    CHECK(answer.headers.empty());
    CHECK(answer.messages.empty());

    // Header values that are not strings are dropped; headers, messages, utm and extra of another
    // type are ignored, as the SDK's reader ignores them.
    answer = read(R"({"status": 200, "headers": {"A": "1", "B": 2, "C": null}, "messages": {"x": 1}})");
    CHECK(answer.headers.size() == 1);
    CHECK(answer.headers.at("a") == "1");
    CHECK(answer.messages.empty());
    answer = read(R"({"status": 200, "headers": [1], "messages": [{"text": "hi", "utm": [1], "extra": 5, "new_field": {"a": [1]}}]})");
    REQUIRE(answer.messages.size() == 1);
    CHECK(answer.messages[0].message().text == "hi");
    CHECK(answer.messages[0].message().utm.empty());
    // An unknown field is kept in the stored text: a newer plugin's extra data is not lost.
    CHECK(json::parse(answer.messages[0].json).at("new_field") == json({{"a", {1}}}));
    // A message id of null is no id.
    answer = read(R"({"status": 200, "messages": [{"external_message_id": null, "text": "x"}]})");
    REQUIRE(answer.messages.size() == 1);
    CHECK_FALSE(answer.messages[0].external_message_id.has_value());
}

TEST_CASE("an answer the hub cannot trust becomes a 500 that names the plugin and the reason", "[webhook_answer]") {
    struct Case {
        std::string text, reason;
    };
    const std::string malformed = "the plugin returned a malformed webhook result: ";
    const std::vector<Case> cases = {
        {"", "the plugin returned a webhook result that is not JSON"},
        {"{\"status\": 200, ", "the plugin returned a webhook result that is not JSON"},
        {"{\"status\": 200, \"body\": \"\xff\xfe\"}", "the plugin returned a webhook result that is not JSON"},
        {"[200]", "the plugin returned a webhook result without a status"},
        {R"({"body": "where is my status"})", "the plugin returned a webhook result without a status"},
        {R"({"status": "200"})", "the plugin returned a webhook result without a status"},
        {R"({"status": 200.0})", "the plugin returned a webhook result without a status"},
        {R"({"status": null})", "the plugin returned a webhook result without a status"},
        {R"({"status": 999})", "the plugin returned HTTP status 999"},
        {R"({"status": 99})", "the plugin returned HTTP status 99"},
        {R"({"status": -200})", "the plugin returned HTTP status -200"},
        {R"({"status": 18446744073709551615})", "the plugin returned HTTP status 18446744073709551615"},
        {R"({"status": 200, "content_type": 5})", malformed + "'content_type' must be a string"},
        {R"({"status": 200, "body": null})", malformed + "'body' must be a string"},
        {R"({"status": 200, "messages": [42]})", malformed + "message 1: not an object"},
        {R"({"status": 200, "messages": [{"text": "ok"}, {"channel": "x", "text": 42}]})",
         malformed + "message 2: 'text' must be a string or null"},
        {R"({"status": 200, "messages": [{"channel": null}]})", malformed + "message 1: 'channel' must be a string"},
        {R"({"status": 200, "messages": [{"phone": ["+7913"]}]})", malformed + "message 1: 'phone' must be a string or null"},
        {R"({"status": 200, "messages": [{"external_message_id": 7}]})",
         malformed + "message 1: 'external_message_id' must be a string or null"},
        {R"({"status": 200, "messages": [{"utm": {"utm_source": "vk", "utm_medium": 1}}]})",
         malformed + "message 1: UTM value 'utm_medium' must be a string"},
        // Found by the webhook_answer fuzz target: an event the SDK's reader does not know.
        {R"({"status": 200, "messages": [{"channel": "webform", "event": "anna@new_fle.com"}]})",
         malformed + "message 1: unknown 'event' 'anna@new_fle.com': customer_message, business_message, customer_blocked, "
                     "staff_action or lead_status"},
        // An event on a lead without what it says (message_from_json refuses it too).
        {R"({"status": 200, "messages": [{"channel": "telegram", "event": "staff_action"}]})",
         malformed + "message 1: a 'staff_action' event without its 'staff_action'"},
        {R"({"status": 200, "messages": [{"channel": "crm", "event": "lead_status", "staff_action": {}}]})",
         malformed + "message 1: a 'lead_status' event without its 'lead_status'"},
        // A member that is there but not an object (a fuzz finding: null passed the host, and the
        // SDK's reader refused it later, after the acknowledgement).
        {R"({"status": 200, "messages": [{"channel": "x", "event": "staff_action", "staff_action": null}]})",
         malformed + "message 1: a 'staff_action' event without its 'staff_action'"},
        {R"({"status": 200, "messages": [{"channel": "x", "event": "lead_status", "lead_status": [1]}]})",
         malformed + "message 1: a 'lead_status' event without its 'lead_status'"},
        // A member the SDK reads whatever the event (a second fuzz finding: a string passed).
        {R"({"status": 200, "messages": [{"text": "a", "staff_action": "xGG"}]})",
         malformed + "message 1: 'staff_action' must be an object"},
        {R"({"status": 200, "messages": [{"text": "a", "lead_status": {"lead_id": "42"}}]})",
         malformed + "message 1: 'lead_status.lead_id' must be an integer"},
        {R"({"status": 200, "messages": [{"text": "a", "lead_status": {"lead_id": 1e300}}]})",
         malformed + "message 1: 'lead_status.lead_id' must be an integer"},
        // A message deeper than the SDK's bound would overflow the stack of whatever copies or
        // writes it later (the store, the pipeline): refused while parsing, at any depth.
        {answer_with_message_of_depth(sdk::kMaxJsonDepth + 1),
         "the plugin returned a webhook result nested deeper than 66 levels (a message may nest 64)"},
        {answer_with_message_of_depth(100000),
         "the plugin returned a webhook result nested deeper than 66 levels (a message may nest 64)"},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        WebhookAnswer answer = read(c.text);
        CHECK(answer.status == 500);
        CHECK(answer.body == kLabel + ": " + c.reason);
        CHECK(answer.messages.empty());
        // The SDK's own reader refuses each of them too: the hub got no more lenient.
        CHECK_FALSE(sdk_reader_accepts(c.text));
    }
}

TEST_CASE("the reader accepts what the SDK's reader accepts", "[webhook_answer]") {
    const std::vector<std::string> good = {
        R"({"status": 100})",
        R"({"status": 599, "body": ""})",
        R"({"status": 200, "messages": []})",
        R"({"status": 200, "messages": [{}]})",
        R"({"status": 200, "messages": [{"channel": "vk", "name": null, "utm": {}, "extra": {"a": null}}]})",
        R"({"status": 200, "messages": [{"channel": "vk", "event": "business_message", "address": {"peer_id": 5}},
                                        {"channel": "vk", "event": "customer_blocked"}, {"event": 5, "address": [1]}]})",
        answer_with_message_of_depth(sdk::kMaxJsonDepth),
        R"({"status": 200, "messages": [{"text": "\u041f\u0440\u0438\u0432\u0435\u0442 \ud83d\ude00"}]})",
    };
    for (const auto& text : good) {
        INFO(text);
        CHECK(sdk_reader_accepts(text));
        WebhookAnswer answer = read(text);
        CHECK(answer.status == json::parse(text).at("status").get<int>());
        for (const auto& m : answer.messages) CHECK_NOTHROW(m.message());
    }
    // Escapes are decoded and written back so that the stored text reads as the same string.
    WebhookAnswer answer = read(good.back());
    REQUIRE(answer.messages.size() == 1);
    CHECK(answer.messages[0].message().text == "Привет 😀");
}

TEST_CASE("a large answer is read like a small one, also after it on the same thread", "[webhook_answer]") {
    const std::string long_text(200 * 1024, 'a');
    json big = {{"status", 200}, {"messages", {{{"text", long_text}, {"external_message_id", "big"}}}}};
    WebhookAnswer answer = read(big.dump());
    REQUIRE(answer.messages.size() == 1);
    CHECK(answer.messages[0].external_message_id == "big");
    CHECK(answer.messages[0].message().text == long_text);
    answer = read(R"({"status": 200, "messages": [{"text": "small"}]})");
    REQUIRE(answer.messages.size() == 1);
    CHECK(answer.messages[0].message().text == "small");
}

TEST_CASE("the depth bound holds on a thread's parser after it grew, and a refusal leaves it usable", "[webhook_answer]") {
    const std::string long_text(200 * 1024, 'a');
    json big = {{"status", 200}, {"messages", {{{"text", long_text}}}}};
    CHECK(read(big.dump()).messages.size() == 1);
    CHECK(read(answer_with_message_of_depth(sdk::kMaxJsonDepth + 1)).status == 500);
    CHECK(read(answer_with_message_of_depth(sdk::kMaxJsonDepth)).messages.size() == 1);
}
