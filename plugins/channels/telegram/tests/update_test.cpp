// parse_update over every update kind of the Bot API: what becomes a message, with which ids,
// and what is ignored.
#include "telegram_update.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace telegram_test;
using leadhub::sdk::MessageEvent;
using leadhub::telegram::parse_update;
using leadhub::telegram::parse_update_body;

namespace {
leadhub::sdk::Message only_message(const Json& update) {
    auto parsed = parse_update(update);
    INFO(parsed.ignored);
    REQUIRE(parsed.messages.size() == 1);
    return parsed.messages[0];
}

void require_ignored(const Json& update, const std::string& why_fragment) {
    auto parsed = parse_update(update);
    CHECK(parsed.messages.empty());
    CHECK(parsed.update_id.has_value());
    INFO(parsed.ignored);
    CHECK(parsed.ignored.find(why_fragment) != std::string::npos);
}
}  // namespace

TEST_CASE("update: a private text message carries the hub's ids, name and reply address") {
    auto m = only_message(private_update(1, {{"text", "Можно на завтра?"}}));
    CHECK(m.channel == "telegram");
    CHECK(m.event == MessageEvent::customer_message);
    CHECK(m.external_user_id == "111");
    CHECK(m.external_message_id == "111:11");
    CHECK(m.name == "Анна Иванова");
    CHECK_FALSE(m.phone);
    CHECK(m.text == "Можно на завтра?");
    CHECK(m.address == Json{{"chat_id", 111}});
    CHECK(m.extra["username"] == "anna_i");
    CHECK_FALSE(m.extra.contains("attachments"));
}

TEST_CASE("update: a caption is the text, the attachment is described beside it") {
    auto m = only_message(private_update(2, {{"caption", "Вот такой хочу"}, {"photo", {{{"file_id", "ph1"}}}}}));
    CHECK(m.text == "Вот такой хочу");
    CHECK(m.extra["attachments_text"] == "[фото]");
    CHECK(m.extra["attachments"][0]["file_id"] == "ph1");
}

TEST_CASE("update: media without a caption has no text and is described for the staff") {
    auto m = only_message(private_update(3, {{"voice", {{"file_id", "v"}, {"duration", 12}}}}));
    CHECK_FALSE(m.text);
    CHECK(m.extra["attachments_text"] == "[голосовое сообщение 0:12]");
    auto loc = only_message(private_update(4, {{"location", {{"latitude", 55.75}, {"longitude", 37.61}}}}));
    CHECK(loc.extra["attachments_text"] == "[геопозиция: 55.75, 37.61]");
}

TEST_CASE("update: a name is first_name alone without a last name, none without either") {
    Json u = private_update(5, {{"text", "hi"}});
    u["message"]["from"].erase("last_name");
    CHECK(only_message(u).name == "Анна");
    u["message"]["from"].erase("first_name");
    CHECK_FALSE(only_message(u).name);
}

TEST_CASE("update: an empty text with no content gives no text, a new content type a label") {
    Json u = private_update(6, {{"text", ""}, {"some_future_content", {{"x", 1}}}});
    CHECK_FALSE(only_message(u).text);
    CHECK(only_message(u).extra["attachments_text"] == "[сообщение неизвестного типа]");
}

TEST_CASE("update: the shared contact of the sender is the phone, someone else's is shown") {
    auto own = only_message(private_update(7, {{"contact", {{"phone_number", "89161234567"}, {"first_name", "Анна"}, {"user_id", 111}}}}));
    CHECK(own.phone == "+79161234567");
    CHECK_FALSE(own.text);
    auto other = only_message(private_update(8, {{"contact", {{"phone_number", "79031112233"}, {"first_name", "Мама"}, {"user_id", 999}}}}));
    CHECK_FALSE(other.phone);
    CHECK_FALSE(other.text);
    CHECK(other.extra["attachments_text"] == "[контакт: Мама, +79031112233]");
}

TEST_CASE("update: a reply keeps what it answers, a story reply its story") {
    auto m = only_message(private_update(9, {{"text", "Да, подходит"},
                                             {"reply_to_message", {{"message_id", 5}, {"chat", {{"id", 111}, {"type", "private"}}},
                                                                   {"from", {{"id", 42}, {"is_bot", true}, {"first_name", "Bot"}}},
                                                                   {"text", "Завтра в 18:30?"}}},
                                             {"quote", {{"text", "18:30"}}}}));
    CHECK(m.extra["reply_to"]["external_message_id"] == "111:5");
    CHECK(m.extra["reply_to"]["message_id"] == 5);
    CHECK(m.extra["reply_to"]["text"] == "Завтра в 18:30?");
    CHECK(m.extra["reply_to"]["from_bot"] == true);
    CHECK(m.extra["reply_to"]["quote"] == "18:30");

    auto s = only_message(private_update(10, {{"text", "Хочу так же!"}, {"reply_to_story", {{"id", 33}, {"chat", {{"id", -100500}}}}}}));
    CHECK(s.extra["story"] == Json{{"story_id", 33}, {"chat_id", -100500}});

    auto e = only_message(private_update(11, {{"text", "это"}, {"external_reply", {{"origin", {{"type", "channel"}}}}}}));
    CHECK(e.extra["reply_to"]["external"] == true);
}

TEST_CASE("update: forwarded messages and albums are marked") {
    auto m = only_message(private_update(12, {{"photo", {{{"file_id", "a"}}}}, {"media_group_id", "1357"},
                                              {"forward_origin", {{"type", "user"}}}}));
    CHECK(m.extra["media_group_id"] == "1357");
    CHECK(m.extra["forwarded"]["type"] == "user");
}

TEST_CASE("update: the customer blocking the bot is recorded as customer_blocked") {
    Json u = {{"update_id", 500},
              {"my_chat_member", {{"chat", {{"id", 111}, {"type", "private"}, {"first_name", "Анна"}}},
                                  {"from", {{"id", 111}, {"is_bot", false}, {"first_name", "Анна"}, {"last_name", "Иванова"}}},
                                  {"date", 1714750300},
                                  {"old_chat_member", {{"status", "member"}, {"user", {{"id", 42}, {"is_bot", true}}}}},
                                  {"new_chat_member", {{"status", "kicked"}, {"user", {{"id", 42}, {"is_bot", true}}}, {"until_date", 0}}}}}};
    auto m = only_message(u);
    CHECK(m.event == MessageEvent::customer_blocked);
    CHECK(m.external_user_id == "111");
    CHECK(m.external_message_id == "blocked:500");
    CHECK(m.name == "Анна Иванова");
    CHECK_FALSE(m.text);
    CHECK(m.address == Json{{"chat_id", 111}});

    u["my_chat_member"]["new_chat_member"]["status"] = "member";  // unblocked: nothing to record
    require_ignored(u, "member");
    u["my_chat_member"]["new_chat_member"]["status"] = "kicked";
    u["my_chat_member"]["chat"] = {{"id", -100}, {"type", "group"}};  // removed from a group
    require_ignored(u, "not a private chat");
}

TEST_CASE("update: business messages: the customer's is theirs, the owner's is the business answering") {
    Json customer = private_update(20, {{"text", "Здравствуйте"}, {"business_connection_id", "bc1"}});
    customer["business_message"] = customer["message"];
    customer.erase("message");
    auto m = only_message(customer);
    CHECK(m.event == MessageEvent::customer_message);
    CHECK(m.address == Json{{"chat_id", 111}, {"business_connection_id", "bc1"}});

    Json owner = customer;
    owner["business_message"]["from"] = {{"id", 777}, {"is_bot", false}, {"first_name", "Салон"}};
    owner["business_message"]["text"] = "Добрый день, записали вас";
    auto echo = only_message(owner);
    CHECK(echo.event == MessageEvent::business_message);
    CHECK(echo.external_user_id == "111");  // the conversation's customer, not the owner
    CHECK(echo.external_message_id == "111:30");
    CHECK(echo.name == "Анна Иванова");
    CHECK(echo.text == "Добрый день, записали вас");
    CHECK_FALSE(echo.phone);

    Json by_bot = customer;
    by_bot["business_message"]["sender_business_bot"] = {{"id", 42}, {"is_bot", true}};
    CHECK(only_message(by_bot).event == MessageEvent::business_message);
}

TEST_CASE("update: what is not a customer's private message is ignored with a reason") {
    Json group = private_update(30, {{"text", "всем привет"}});
    group["message"]["chat"] = {{"id", -1001}, {"type", "supergroup"}, {"title", "Клиенты"}};
    require_ignored(group, "supergroup");
    group["message"]["chat"]["type"] = "group";
    require_ignored(group, "group");
    group["message"]["chat"]["type"] = "channel";
    require_ignored(group, "channel");

    Json bot = private_update(31, {{"text", "I am a bot"}});
    bot["message"]["from"]["is_bot"] = true;
    require_ignored(bot, "bot");

    require_ignored(private_update(32, {{"pinned_message", {{"message_id", 1}}}}), "service");

    for (const char* kind : {"edited_message", "channel_post", "edited_channel_post", "callback_query", "inline_query",
                             "chosen_inline_result", "shipping_query", "pre_checkout_query", "poll", "poll_answer",
                             "chat_member", "chat_join_request", "message_reaction", "message_reaction_count",
                             "chat_boost", "removed_chat_boost", "business_connection", "edited_business_message",
                             "deleted_business_messages", "purchased_paid_media"}) {
        INFO(kind);
        require_ignored({{"update_id", 40}, {kind, {{"id", "x"}}}}, kind);
    }
    require_ignored({{"update_id", 41}, {"brand_new_kind", Json::object()}}, "does not read");
    require_ignored({{"update_id", 42}, {"message", "not an object"}}, "does not read");
}

TEST_CASE("update: a message without ids or chat is ignored, never half a message") {
    Json no_id = private_update(50, {{"text", "x"}});
    no_id["message"].erase("message_id");
    require_ignored(no_id, "message_id");
    Json no_from = private_update(51, {{"text", "x"}});
    no_from["message"].erase("from");
    require_ignored(no_from, "sender");
    Json no_chat = private_update(52, {{"text", "x"}});
    no_chat["message"]["chat"] = {{"id", "abc"}, {"type", "private"}};
    require_ignored(no_chat, "no chat");
}

TEST_CASE("update: bodies that are not an Update are refused with 400, huge ones with 413") {
    CHECK(parse_update_body(R"({"update_id": 1, "message": {"text": )").status == 400);
    CHECK(parse_update_body("[1, 2]").status == 400);
    CHECK(parse_update_body(R"({"hello": "world"})").status == 400);
    CHECK(parse_update_body(R"({"update_id": "10"})").status == 400);
    CHECK(parse_update_body(std::string(200, '[') + std::string(200, ']')).status == 400);
    CHECK(parse_update_body(std::string(leadhub::telegram::kMaxUpdateBytes + 1, ' ')).status == 413);
    auto ok = parse_update_body(private_update(1, {{"text", "hi"}}).dump());
    CHECK(ok.status == 200);
    CHECK(ok.update.messages.size() == 1);
}
