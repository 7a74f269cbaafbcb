// Every content type of the Bot API's Message as the staff read it, and the small formatters.
#include "telegram_content.hpp"

#include <catch2/catch.hpp>

using leadhub::sdk::Json;
using namespace leadhub::telegram;

TEST_CASE("content: durations, coordinates and phone numbers are written as people write them") {
    CHECK(format_duration(5) == "0:05");
    CHECK(format_duration(12) == "0:12");
    CHECK(format_duration(760) == "12:40");
    CHECK(format_duration(3723) == "1:02:03");
    CHECK(format_duration(-3) == "0:00");
    CHECK(format_coordinate(55.75) == "55.75");
    CHECK(format_coordinate(37.617635) == "37.617635");
    CHECK(format_coordinate(37.6176351) == "37.617635");
    CHECK(format_coordinate(-0.0000001) == "0");
    CHECK(format_coordinate(10.0) == "10");
    CHECK(to_e164("+79161234567") == "+79161234567");
    CHECK(to_e164("79161234567") == "+79161234567");
    CHECK(to_e164("89161234567") == "+79161234567");
    CHECK(to_e164("9161234567") == "+79161234567");
    CHECK(to_e164("+7 (916) 123-45-67") == "+79161234567");
    CHECK(to_e164("380501234567") == "+380501234567");
    CHECK_FALSE(to_e164("12345"));
    CHECK_FALSE(to_e164(""));
    CHECK_FALSE(to_e164("1234567890123456"));
}

TEST_CASE("content: each media type gets its label and keeps its file id") {
    struct Case {
        Json message;
        std::string labels;
        std::string type;
    };
    const std::vector<Case> cases = {
        {{{"photo", {{{"file_id", "small"}, {"width", 90}}, {{"file_id", "big"}, {"width", 1280}}}}}, "[фото]", "photo"},
        {{{"video", {{"file_id", "v1"}, {"duration", 30}}}}, "[видео]", "video"},
        {{{"video_note", {{"file_id", "n1"}, {"duration", 12}, {"length", 240}}}}, "[видеосообщение 0:12]", "video_note"},
        {{{"voice", {{"file_id", "o1"}, {"duration", 12}}}}, "[голосовое сообщение 0:12]", "voice"},
        {{{"voice", {{"file_id", "o2"}}}}, "[голосовое сообщение]", "voice"},
        {{{"audio", {{"file_id", "a1"}, {"performer", "Artist"}, {"title", "Song"}}}}, "[аудио: Artist — Song]", "audio"},
        {{{"audio", {{"file_id", "a2"}, {"duration", 65}}}}, "[аудио 1:05]", "audio"},
        {{{"document", {{"file_id", "d1"}, {"file_name", "прайс.pdf"}}}}, "[документ: прайс.pdf]", "document"},
        {{{"document", {{"file_id", "d2"}}}}, "[документ]", "document"},
        {{{"animation", {{"file_id", "g1"}}}, {"document", {{"file_id", "g1"}}}}, "[GIF]", "animation"},
        {{{"sticker", {{"file_id", "s1"}, {"emoji", "😀"}}}}, "[стикер]", "sticker"},
        {{{"location", {{"latitude", 55.75}, {"longitude", 37.61}}}}, "[геопозиция: 55.75, 37.61]", "location"},
        {{{"venue", {{"location", {{"latitude", 55.75}, {"longitude", 37.61}}}, {"title", "Салон"}, {"address", "Тверская, 1"}}},
          {"location", {{"latitude", 55.75}, {"longitude", 37.61}}}},
         "[место: Салон, Тверская, 1]", "venue"},
        {{{"poll", {{"id", "p"}, {"question", "Когда удобно?"}}}}, "[опрос: Когда удобно?]", "poll"},
        {{{"dice", {{"emoji", "🎲"}, {"value", 4}}}}, "[кубик 🎲: 4]", "dice"},
        {{{"game", {{"title", "Игра"}}}}, "[игра: Игра]", "game"},
        {{{"story", {{"id", 7}, {"chat", {{"id", 5}}}}}}, "[история]", "story"},
        {{{"paid_media", {{"star_count", 10}}}}, "[платное медиа]", "paid_media"},
        {{{"invoice", {{"title", "Стрижка"}}}}, "[счёт: Стрижка]", "invoice"},
        {{{"successful_payment", {{"currency", "RUB"}, {"total_amount", 150000}}}}, "[оплата: 150000 RUB]", "payment"},
        {{{"checklist", {{"title", "План"}}}}, "[список: План]", "checklist"},
        {{{"web_app_data", {{"data", "x"}, {"button_text", "Записаться"}}}}, "[данные из веб-приложения: Записаться]", "web_app_data"},
        {{{"giveaway", Json::object()}}, "[розыгрыш]", "giveaway"},
        {{{"users_shared", Json::object()}}, "[выбран пользователь]", "users_shared"},
        {{{"chat_shared", Json::object()}}, "[выбран чат]", "chat_shared"},
    };
    for (const auto& c : cases) {
        INFO(c.message.dump());
        Content content = describe_content(c.message, 111);
        CHECK(content.labels == c.labels);
        REQUIRE(content.attachments.size() == 1);
        CHECK(content.attachments[0]["type"] == c.type);
        CHECK_FALSE(content.service);
    }
    CHECK(describe_content(cases[0].message, 111).attachments[0]["file_id"] == "big");
    CHECK(describe_content(cases[3].message, 111).attachments[0]["duration"] == 12);
}

TEST_CASE("content: the sender's own contact is their phone, anyone else's a labelled card") {
    Json own = {{"contact", {{"phone_number", "79161234567"}, {"first_name", "Анна"}, {"user_id", 111}}}};
    Content mine = describe_content(own, 111);
    CHECK(mine.own_phone == "+79161234567");
    CHECK(mine.labels.empty());
    CHECK(mine.attachments[0]["type"] == "contact");

    Content theirs = describe_content(own, 222);
    CHECK_FALSE(theirs.own_phone);
    CHECK(theirs.labels == "[контакт: Анна, +79161234567]");

    Json no_user = {{"contact", {{"phone_number", "+79031112233"}, {"first_name", "Мария"}, {"last_name", "К"}}}};
    Content card = describe_content(no_user, 111);
    CHECK_FALSE(card.own_phone);
    CHECK(card.labels == "[контакт: Мария К, +79031112233]");
}

TEST_CASE("content: service messages are marked, an empty message has nothing") {
    CHECK(describe_content({{"pinned_message", Json::object()}}, 111).service);
    CHECK(describe_content({{"write_access_allowed", Json::object()}}, 111).service);
    Content none = describe_content(Json::object(), 111);
    CHECK_FALSE(none.service);
    CHECK(none.labels.empty());
    CHECK(none.attachments.empty());
}

TEST_CASE("content: fields of unexpected types are read as absent, never thrown over") {
    Json odd = {{"photo", "not an array"}, {"voice", {{"duration", "long"}}}, {"location", {{"latitude", "x"}}},
                {"contact", {{"phone_number", 5}, {"user_id", "111"}}}, {"dice", {{"value", 1e300}}}};
    Content content = describe_content(odd, 111);
    CHECK(content.labels == "[голосовое сообщение] [геопозиция] [контакт] [кубик: 0]");
}
