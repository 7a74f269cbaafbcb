#include "store/store.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::store;

TEST_CASE("a lead as JSON has every field, nulls for what is missing, and UTC milliseconds") {
    Lead lead;
    lead.id = 17;
    lead.tenant = "salon";
    lead.source = "tg-bot";
    lead.channel = "telegram";
    lead.external_message_id = "m-5";
    lead.name = "Ольга";
    lead.created_at_ms = 1'773'118'800'123;  // 2026-03-10T05:00:00.123Z

    Json j = lead.to_json();
    CHECK(j["id"] == 17);
    CHECK(j["tenant"] == "salon");
    CHECK(j["source"] == "tg-bot");
    CHECK(j["channel"] == "telegram");
    CHECK(j["external_message_id"] == "m-5");
    CHECK(j["name"] == "Ольга");
    CHECK(j["external_user_id"].is_null());
    CHECK(j["phone"].is_null());
    CHECK(j["email"].is_null());
    CHECK(j["text"].is_null());
    CHECK(j["utm"].is_null());
    CHECK(j["created_at"] == "2026-03-10T05:00:00.123Z");
    CHECK_FALSE(j.contains("extra"));
}

TEST_CASE("utm and extra appear when they hold something") {
    Lead lead;
    lead.utm = {{"utm_source", "vk"}};
    lead.extra = {{"chat_id", 5}};
    lead.created_at_ms = 7;
    Json j = lead.to_json();
    CHECK(j["utm"] == Json{{"utm_source", "vk"}});
    CHECK(j["extra"] == Json{{"chat_id", 5}});
    CHECK(j["created_at"] == "1970-01-01T00:00:00.007Z");
}

TEST_CASE("created_at is right around the epoch and in leap years") {
    Lead lead;
    lead.created_at_ms = -1;
    CHECK(lead.to_json()["created_at"] == "1969-12-31T23:59:59.999Z");
    lead.created_at_ms = 951'782'400'000;  // 2000-02-29T00:00:00Z
    CHECK(lead.to_json()["created_at"] == "2000-02-29T00:00:00.000Z");
}

TEST_CASE("display_text is the text, then what the message carries besides; null when neither") {
    CHECK(display_text(std::nullopt, Json::object()).is_null());
    CHECK(display_text(std::string("Хочу так"), Json::object()) == "Хочу так");
    CHECK(display_text(std::nullopt, Json{{"attachments_text", "[голосовое сообщение 0:12]"}}) == "[голосовое сообщение 0:12]");
    CHECK(display_text(std::string("Хочу так"), Json{{"attachments_text", "[фото]"}}) == "Хочу так\n[фото]");
    CHECK(display_text(std::nullopt, Json{{"attachments_text", 5}}).is_null());  // not text: not shown

    Lead lead;
    lead.extra = {{"attachments_text", "[фото]"}};
    CHECK(lead.to_json()["display_text"] == "[фото]");
    CHECK(lead.to_json()["text"].is_null());
}
