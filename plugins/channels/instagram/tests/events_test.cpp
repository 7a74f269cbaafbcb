// Every messaging event and attachment type, through the plugin's real exports.
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace leadhub::instagram::test;

namespace {

Json one_message(const Json& event) {
    sdk::testing::FakeHost host;
    auto result = post_to_plugin(host, envelope(Json::array({event})).dump());
    REQUIRE(result.status == 200);
    REQUIRE(result.messages.size() == 1);
    return sdk::to_json(result.messages[0]);
}

bool nothing_from(const Json& event) {
    sdk::testing::FakeHost host;
    auto result = post_to_plugin(host, envelope(Json::array({event})).dump());
    return result.status == 200 && result.messages.empty();
}

Json with_attachment(const std::string& type, Json payload, const std::string& text = "") {
    Json message = {{"mid", "m1"}, {"attachments", Json::array({{{"type", type}, {"payload", std::move(payload)}}})}};
    if (!text.empty()) message["text"] = text;
    return customer_event("message", message);
}

}  // namespace

TEST_CASE("a text DM: ids, no name or phone, the address to answer") {
    Json m = one_message(customer_event("message", {{"mid", "m1"}, {"text", "Есть окошко в субботу?"}}));
    CHECK(m["external_user_id"] == kCustomer);
    CHECK(m["external_message_id"] == "m1");
    CHECK(m["text"] == "Есть окошко в субботу?");
    CHECK(m["name"].is_null());
    CHECK(m["phone"].is_null());
    CHECK(m["address"] == Json({{"recipient_id", kCustomer}}));
    CHECK(m["channel"] == "instagram");
}

TEST_CASE("attachments are described in Russian and kept with their URLs and ids") {
    Json image = one_message(with_attachment("image", {{"url", "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1"}}));
    CHECK(image["extra"]["attachments_text"] == "[фото]");
    CHECK(image["extra"]["attachments"] ==
          Json::array({{{"type", "image"}, {"url", "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1"}}}));

    CHECK(one_message(with_attachment("video", {{"url", "u"}}))["extra"]["attachments_text"] == "[видео]");
    CHECK(one_message(with_attachment("audio", {{"url", "u"}}))["extra"]["attachments_text"] == "[голосовое сообщение]");
    CHECK(one_message(with_attachment("file", {{"url", "u"}}))["extra"]["attachments_text"] == "[документ]");
    CHECK(one_message(with_attachment("share", {{"url", "u"}}))["extra"]["attachments_text"] == "[публикация]");
    CHECK(one_message(with_attachment("story_mention", {{"url", "u"}}))["extra"]["attachments_text"] == "[упоминание в истории]");
    Json reel = one_message(with_attachment("ig_reel", {{"reel_video_id", "1798"}, {"title", "Осенние оттенки"}, {"url", "u"}}));
    CHECK(reel["extra"]["attachments_text"] == "[рилс]");
    CHECK(reel["extra"]["attachments"][0]["reel_video_id"] == "1798");
    CHECK(one_message(with_attachment("reel", {{"url", "u"}}))["extra"]["attachments_text"] == "[рилс]");
    CHECK(one_message(with_attachment("image", {{"url", "u"}, {"sticker_id", 369239263222822}}))["extra"]["attachments_text"] == "[стикер]");
    CHECK(one_message(with_attachment("hologram", {{"url", "u"}}))["extra"]["attachments_text"] == "[вложение]");

    Json both = one_message(with_attachment("image", {{"url", "u"}}, "Хочу такой цвет"));
    CHECK(both["text"] == "Хочу такой цвет");
    CHECK(both["extra"]["attachments_text"] == "[фото]");
}

TEST_CASE("several attachments in one message are all described") {
    Json event = customer_event("message", {{"mid", "m1"}, {"attachments", Json::array({{{"type", "image"}, {"payload", {{"url", "a"}}}},
                                                                                          {{"type", "image"}, {"payload", {{"url", "b"}}}}})}});
    Json m = one_message(event);
    CHECK(m["extra"]["attachments_text"] == "[фото]\n[фото]");
    CHECK(m["extra"]["attachments"].size() == 2);
}

TEST_CASE("replies: to a message (reply_to.mid) and to a story (reply_to.story)") {
    Json reply = one_message(customer_event("message", {{"mid", "m2"}, {"text", "Да"}, {"reply_to", {{"mid", "m1"}}}}));
    CHECK(reply["extra"]["reply_to"] == "m1");

    Json story = one_message(customer_event("message", {{"mid", "m3"}, {"text", "Сколько стоит?"},
                                                        {"reply_to", {{"story", {{"url", "https://cdn/story.jpg"}, {"id", "1790"}}}}}}));
    CHECK(story["text"] == "Сколько стоит?");
    CHECK(story["extra"]["attachments_text"] == "[ответ на историю]");
    CHECK(story["extra"]["story"] == Json({{"id", "1790"}, {"url", "https://cdn/story.jpg"}}));
}

TEST_CASE("a quick reply and a postback give the tapped title") {
    Json quick = one_message(customer_event("message", {{"mid", "m4"}, {"text", "Записаться"}, {"quick_reply", {{"payload", "book"}}}}));
    CHECK(quick["text"] == "Записаться");
    CHECK(quick["extra"]["quick_reply"] == "book");

    Json postback = one_message(customer_event("postback", {{"mid", "m5"}, {"title", "Цены"}, {"payload", "PRICES"}}));
    CHECK(postback["text"] == "Цены");
    CHECK(postback["external_message_id"] == "m5");
    CHECK(postback["extra"]["postback"]["payload"] == "PRICES");

    Json no_mid = one_message(customer_event("postback", {{"title", "Цены"}, {"payload", "PRICES"}}));
    CHECK(no_mid["external_message_id"] == "postback:" + kCustomer + ":1773136800987");
}

TEST_CASE("an echo is the business's own message, recorded for the customer") {
    Json echo = {{"sender", {{"id", kBusiness}}}, {"recipient", {{"id", kCustomer}}}, {"timestamp", 1},
                 {"message", {{"mid", "m6"}, {"text", "Свободно 12:00 и 16:30"}, {"is_echo", true}}}};
    Json m = one_message(echo);
    CHECK(m["event"] == "business_message");
    CHECK(m["external_user_id"] == kCustomer);
    CHECK(m["text"] == "Свободно 12:00 и 16:30");
    CHECK(m["address"] == Json({{"recipient_id", kCustomer}}));
}

TEST_CASE("deletions, unsupported messages, reads, reactions, referrals and unknown events are ignored") {
    CHECK(nothing_from(customer_event("message", {{"mid", "m1"}, {"is_deleted", true}})));
    CHECK(nothing_from(customer_event("message", {{"mid", "m1"}, {"is_unsupported", true}})));
    CHECK(nothing_from(customer_event("read", {{"mid", "m1"}})));
    CHECK(nothing_from(customer_event("reaction", {{"mid", "m1"}, {"action", "react"}, {"reaction", "love"}, {"emoji", "❤"}})));
    CHECK(nothing_from(customer_event("referral", {{"ref", "ad"}, {"source", "ADS"}, {"type", "OPEN_THREAD"}})));
    CHECK(nothing_from(customer_event("message_edit", {{"mid", "m1"}, {"text", "new"}, {"num_edit", 1}})));
    CHECK(nothing_from(customer_event("message", {{"text", "no mid"}})));
    CHECK(nothing_from(Json{{"message", {{"mid", "m1"}, {"text", "no sender"}}}}));
}

TEST_CASE("an ad's referral on a message is kept") {
    Json m = one_message(customer_event("message", {{"mid", "m1"}, {"text", "Хочу скидку"},
                                                    {"referral", {{"ref", "promo"}, {"ad_id", "120"}, {"source", "ADS"}}}}));
    CHECK(m["extra"]["referral"]["ad_id"] == "120");
}
