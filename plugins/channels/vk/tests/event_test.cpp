// Every documented event type and message shape, read by read_event (the mapping shared by the
// Callback and the Long Poll paths).
#include "vk_event.hpp"
#include "vk_test_support.hpp"

#include <catch2/catch.hpp>

using leadhub::sdk::Json;
using leadhub::sdk::MessageEvent;
using namespace leadhub::vk;

namespace {
ReadEvent read(const Json& event) { return read_event(event, vk_test::kGroup); }

ReadEvent read_new(const Json& message) {
    return read(vk_test::event_with("message_new", {{"message", message}, {"client_info", {{"keyboard", true}}}}));
}

leadhub::sdk::Message only(const ReadEvent& e) {
    INFO(e.reason);
    REQUIRE(e.kind == EventKind::messages);
    REQUIRE(e.messages.size() == 1);
    return e.messages[0];
}
}  // namespace

TEST_CASE("message_new in the 5.103+ shape and in the older one give the same message") {
    Json message = vk_test::base_message();
    ReadEvent modern = read_new(message);
    ReadEvent older = read(vk_test::event_with("message_new", message));
    for (const ReadEvent* e : {&modern, &older}) {
        const auto& m = only(*e);
        CHECK(m.external_user_id == "512345678");
        CHECK(m.external_message_id == "1842");
        CHECK(m.text == "Здравствуйте! Хочу записаться на стрижку в пятницу вечером");
        CHECK_FALSE(m.name);
        CHECK_FALSE(m.phone);
        CHECK(m.address == Json{{"peer_id", 512345678}});
        CHECK(m.event == MessageEvent::customer_message);
    }
}

TEST_CASE("a pre-5.80 message (user_id, body) is read too") {
    Json old = {{"id", 77}, {"date", 1500000000}, {"out", 0}, {"user_id", 42}, {"read_state", 0}, {"title", ""},
                {"body", "Привет"}};
    const auto& m = only(read(vk_test::event_with("message_new", old)));
    CHECK(m.external_user_id == "42");
    CHECK(m.external_message_id == "77");
    CHECK(m.text == "Привет");
    CHECK(m.address == Json{{"peer_id", 42}});
}

TEST_CASE("attachments are described beside the text (none alone) and kept with their ids") {
    Json message = vk_test::base_message();
    message["text"] = "";
    message["attachments"] = Json::parse(R"([{"type": "photo", "photo": {"id": 9, "owner_id": 512345678, "access_key": "k"}},
        {"type": "audio_message", "audio_message": {"id": 4, "owner_id": 512345678, "duration": 12}}])");
    const auto& photo_only = only(read_new(message));
    CHECK_FALSE(photo_only.text);
    CHECK(photo_only.extra.at("attachments_text") == "[фото]\n[голосовое сообщение 0:12]");
    REQUIRE(photo_only.extra.at("attachments").size() == 2);
    CHECK(photo_only.extra.at("attachments")[0].at("id") == "512345678_9_k");

    message["text"] = "Вот фото";
    CHECK(only(read_new(message)).text == "Вот фото");
    CHECK(only(read_new(message)).extra.at("attachments_text") == "[фото]\n[голосовое сообщение 0:12]");
}

TEST_CASE("geo, a reply, forwarded messages, a story reply and a button payload") {
    Json message = vk_test::base_message();
    message["geo"] = Json::parse(R"({"type": "point", "coordinates": {"latitude": 55.75, "longitude": 37.61}})");
    message["reply_message"] = Json::parse(R"({"id": 1800, "from_id": -218000123, "text": "Мы открыты до 21:00",
                                               "conversation_message_id": 30})");
    message["fwd_messages"] = Json::parse(R"([{"from_id": 1, "text": "один"}, {"from_id": 2, "text": "два"}])");
    message["attachments"] = Json::parse(R"([{"type": "story", "story": {"id": 456, "owner_id": -218000123}}])");
    message["payload"] = R"({"button":"book"})";
    const auto& m = only(read_new(message));
    CHECK(m.text == "Здравствуйте! Хочу записаться на стрижку в пятницу вечером");
    CHECK(m.extra.at("attachments_text") == "[история]\n[геопозиция: 55.75, 37.61]\n[пересланные сообщения: 2]");
    CHECK(m.extra.at("reply_to") ==
          Json{{"external_message_id", "1800"}, {"conversation_message_id", 30}, {"from_id", "-218000123"},
               {"text", "Мы открыты до 21:00"}});
    CHECK(m.extra.at("forwarded").size() == 2);
    CHECK(m.extra.at("forwarded")[1].at("text") == "два");
    CHECK(m.extra.at("story").at("id") == "-218000123_456");
    CHECK(m.extra.at("payload") == R"({"button":"book"})");
}

TEST_CASE("the ref of a vk.me link and a cropped text are kept") {
    Json message = vk_test::base_message();
    message["ref"] = "spring_promo";
    message["ref_source"] = "instagram";
    message["is_cropped"] = true;
    const auto m = only(read_new(message));
    CHECK(m.extra.at("ref") == "spring_promo");
    CHECK(m.extra.at("ref_source") == "instagram");
    CHECK(m.extra.at("is_cropped") == true);
    message["is_cropped"] = "yes";  // not VK's type: ignored, not an error
    CHECK_FALSE(only(read_new(message)).extra.contains("is_cropped"));
}

TEST_CASE("an empty message is a message with a null text") {
    Json message = vk_test::base_message();
    message["text"] = "";
    const auto& m = only(read_new(message));
    CHECK_FALSE(m.text);
    CHECK(m.external_message_id == "1842");
}

TEST_CASE("messages in chats and from communities are ignored") {
    Json chat = vk_test::base_message();
    chat["peer_id"] = 2000000005;
    chat["id"] = 0;
    CHECK(read_new(chat).kind == EventKind::ignored);
    Json community = vk_test::base_message();
    community["from_id"] = -5;
    CHECK(read_new(community).kind == EventKind::ignored);
    Json old_chat = {{"id", 1}, {"user_id", 4}, {"chat_id", 3}, {"body", "x"}};
    CHECK(read(vk_test::event_with("message_new", old_chat)).kind == EventKind::ignored);
}

TEST_CASE("message_reply is the business's own message on the customer's conversation") {
    Json reply = vk_test::base_message();
    reply["from_id"] = 100200;  // the admin who answered
    reply["peer_id"] = 512345678;
    reply["out"] = 1;
    reply["id"] = 1843;
    reply["text"] = "Записали вас на пятницу, 19:00";
    const auto& m = only(read(vk_test::event_with("message_reply", reply)));
    CHECK(m.event == MessageEvent::business_message);
    CHECK(m.external_user_id == "512345678");
    CHECK(m.external_message_id == "1843");
    CHECK(m.text == "Записали вас на пятницу, 19:00");
    CHECK(m.extra.at("author_id") == "100200");

    reply["from_id"] = -vk_test::kGroup;  // sent through the API under the community's name
    CHECK(only(read(vk_test::event_with("message_reply", reply))).external_user_id == "512345678");
}

TEST_CASE("message_deny is the customer blocking the community, with an id from event_id") {
    Json event = vk_test::event_with("message_deny", {{"user_id", 512345678}});
    const auto& m = only(read(event));
    CHECK(m.event == MessageEvent::customer_blocked);
    CHECK(m.external_user_id == "512345678");
    CHECK(m.external_message_id == "deny:3f1c2b9a0d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a");
    CHECK_FALSE(m.text);
    event.erase("event_id");
    CHECK(only(read(event)).external_message_id == "deny:512345678");
    CHECK(read(vk_test::event_with("message_deny", Json::object())).kind == EventKind::malformed);
}

TEST_CASE("the other documented events are acknowledged and ignored") {
    CHECK(read(vk_test::event_with("message_allow", {{"user_id", 1}, {"key", "abc"}})).kind == EventKind::ignored);
    CHECK(read(vk_test::event_with("message_edit", vk_test::base_message())).kind == EventKind::ignored);
    CHECK(read(vk_test::event_with("message_typing_state", {{"state", "typing"}, {"from_id", 1}, {"to_id", -5}})).kind ==
          EventKind::ignored);
    CHECK(read(vk_test::event_with("message_event", {{"user_id", 1}, {"peer_id", 1}, {"event_id", "x"},
                                                     {"payload", Json::object()}, {"conversation_message_id", 3}}))
              .kind == EventKind::ignored);
    CHECK(read(vk_test::event_with("wall_post_new", Json::object())).kind == EventKind::ignored);
    CHECK(read(vk_test::event_with("group_join", {{"user_id", 1}})).kind == EventKind::ignored);
}

TEST_CASE("the event's envelope: confirmation, another community, not VK's shape") {
    CHECK(read({{"type", "confirmation"}, {"group_id", vk_test::kGroup}}).kind == EventKind::confirmation);
    CHECK(read({{"type", "confirmation"}, {"group_id", 1}}).kind == EventKind::other_community);
    CHECK(read({{"type", "confirmation"}, {"group_id", std::to_string(vk_test::kGroup)}}).kind == EventKind::confirmation);
    CHECK(read({{"type", "message_new"}}).kind == EventKind::malformed);
    CHECK(read({{"group_id", vk_test::kGroup}}).kind == EventKind::malformed);
    CHECK(read({{"type", 5}, {"group_id", vk_test::kGroup}}).kind == EventKind::malformed);
    CHECK(read(Json::array()).kind == EventKind::malformed);
    CHECK(read(vk_test::event_with("message_new", "text")).kind == EventKind::malformed);
    CHECK(read(vk_test::event_with("message_new", {{"message", {{"text", "no ids"}}}})).kind == EventKind::malformed);
    CHECK(read(vk_test::event_with("message_new", {{"message", {{"from_id", 1.5}, {"peer_id", "x"}}}})).kind ==
          EventKind::malformed);
}

TEST_CASE("a message without an id is identified by its conversation id, else by event_id") {
    Json message = vk_test::base_message();
    message["id"] = 0;
    CHECK(only(read_new(message)).external_message_id == "512345678:37");
    message.erase("conversation_message_id");
    CHECK(only(read_new(message)).external_message_id == "event:3f1c2b9a0d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a");
    Json no_event_id = vk_test::event_with("message_new", {{"message", message}});
    no_event_id.erase("event_id");
    auto first = only(read(no_event_id)).external_message_id;
    REQUIRE(first);
    CHECK(first->rfind("content:", 0) == 0);
    CHECK(only(read(no_event_id)).external_message_id == first);  // a repeat gets the same id
    no_event_id["object"]["message"]["text"] = "другой";
    CHECK(only(read(no_event_id)).external_message_id != first);
}
