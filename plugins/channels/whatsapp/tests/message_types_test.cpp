// Every message type of Meta's webhook reference, through the plugin's real exports: the text the
// staff read, the attachments kept with their media ids, replies, ads and products.
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace leadhub::whatsapp::test;

namespace {

Json only_message(const Json& body) {
    sdk::testing::FakeHost host;
    auto result = post_to_plugin(host, body.dump());
    REQUIRE(result.status == 200);
    REQUIRE(result.messages.size() == 1);
    return sdk::to_json(result.messages[0]);
}

// What the staff see: the text, then the description of what else the message carried
// (extra.attachments_text), as the hub's display_text joins them.
Json text_of(const Json& message) {
    std::string out = message.value("text", Json()).is_string() ? message["text"].get<std::string>() : "";
    if (message.contains("extra") && message["extra"].contains("attachments_text"))
        out += (out.empty() ? "" : "\n") + message["extra"]["attachments_text"].get<std::string>();
    return out.empty() ? Json() : Json(out);
}

}  // namespace

TEST_CASE("text: the body, with the sender's ids, name, phone and address") {
    Json m = only_message(customer_message("text", {{"body", "Хочу записаться на стрижку"}}));
    CHECK(m["text"] == "Хочу записаться на стрижку");
    CHECK(m["external_user_id"] == "79161234567");
    CHECK(m["external_message_id"] == "wamid.TEST1");
    CHECK(m["name"] == "Анна");
    CHECK(m["phone"] == "+79161234567");
    CHECK(m["address"] == Json({{"to", "79161234567"}, {"phone_number_id", kPhoneNumberId}}));
    CHECK_FALSE(m.contains("event"));
}

TEST_CASE("media: caption as text, the kind described in Russian, the media id kept") {
    Json image = only_message(customer_message("image", {{"caption", "Вот такой цвет"}, {"mime_type", "image/jpeg"},
                                                         {"sha256", "abc"}, {"id", "MEDIA1"}}));
    CHECK(text_of(image) == "Вот такой цвет\n[фото]");
    CHECK(image["text"] == "Вот такой цвет");
    CHECK(image["extra"]["attachments"] ==
          Json::array({{{"type", "image"}, {"id", "MEDIA1"}, {"mime_type", "image/jpeg"}}}));

    Json bare = only_message(customer_message("image", {{"mime_type", "image/jpeg"}, {"id", "MEDIA2"}}));
    CHECK(text_of(bare) == "[фото]");
    CHECK(bare["text"].is_null());  // media alone has no text: the samples' convention

    CHECK(text_of(only_message(customer_message("video", {{"id", "V"}, {"mime_type", "video/mp4"}}))) == "[видео]");
    CHECK(text_of(only_message(customer_message("sticker", {{"id", "S"}, {"mime_type", "image/webp"}, {"animated", false}}))) ==
          "[стикер]");
    Json voice = only_message(customer_message("audio", {{"id", "A"}, {"mime_type", "audio/ogg; codecs=opus"}, {"voice", true}}));
    CHECK(text_of(voice) == "[голосовое сообщение]");
    CHECK(voice["extra"]["attachments"][0]["voice"] == true);
    CHECK(text_of(only_message(customer_message("audio", {{"id", "A"}, {"mime_type", "audio/mpeg"}}))) == "[аудио]");

    Json doc = only_message(customer_message("document", {{"id", "D"}, {"mime_type", "application/pdf"},
                                                          {"filename", "прайс.pdf"}, {"caption", "Это актуально?"}}));
    CHECK(text_of(doc) == "Это актуально?\n[документ: прайс.pdf]");
    CHECK(doc["extra"]["attachments"][0]["filename"] == "прайс.pdf");
}

TEST_CASE("location and contacts are described") {
    Json loc = only_message(customer_message("location", {{"latitude", 55.7558}, {"longitude", 37.6173},
                                                          {"name", "Студия"}, {"address", "Тверская, 1"}}));
    CHECK(text_of(loc) == "[геопозиция: 55.7558, 37.6173 Студия, Тверская, 1]");
    CHECK(loc["extra"]["location"]["latitude"] == 55.7558);
    Json bare = only_message(customer_message("location", {{"latitude", 55.75}, {"longitude", 37.61}}));
    CHECK(text_of(bare) == "[геопозиция: 55.75, 37.61]");

    Json cards = only_message(customer_message("contacts", nullptr,
        {{"contacts", Json::array({{{"name", {{"formatted_name", "Мария Петрова"}, {"first_name", "Мария"}}},
                                    {"phones", Json::array({{{"phone", "+7 916 000-00-01"}, {"type", "CELL"}}})}}})}}));
    CHECK(text_of(cards) == "[контакт: Мария Петрова +7 916 000-00-01]");
}

TEST_CASE("buttons: a reply button, a list row and a template's quick reply give their titles") {
    Json button = only_message(customer_message("interactive",
        {{"type", "button_reply"}, {"button_reply", {{"id", "confirm:lead-7f3c2a"}, {"title", "Подтверждаю"}}}},
        {{"context", {{"from", "15550783881"}, {"id", "wamid.BUSINESS"}}}}));
    CHECK(text_of(button) == "Подтверждаю");
    CHECK(button["extra"]["button"]["id"] == "confirm:lead-7f3c2a");
    CHECK(button["extra"]["reply_to"] == "wamid.BUSINESS");

    Json row = only_message(customer_message("interactive",
        {{"type", "list_reply"}, {"list_reply", {{"id", "s1"}, {"title", "Маникюр"}, {"description", "60 минут"}}}}));
    CHECK(text_of(row) == "Маникюр");
    CHECK(row["extra"]["button"]["description"] == "60 минут");

    Json quick = only_message(customer_message("button", {{"payload", "STOP"}, {"text", "Отписаться"}}));
    CHECK(text_of(quick) == "Отписаться");
    CHECK(quick["extra"]["button"]["payload"] == "STOP");

    Json flow = only_message(customer_message("interactive",
        {{"type", "nfm_reply"}, {"nfm_reply", {{"name", "flow"}, {"body", "Sent"}, {"response_json", "{\"a\":1}"}}}}));
    CHECK(text_of(flow) == "Sent\n[ответ на форму]");
}

TEST_CASE("a reply, a forwarded message, a product question and an ad's referral are kept in extra") {
    Json reply = only_message(customer_message("text", {{"body", "Да"}}, {{"context", {{"from", "15550783881"}, {"id", "wamid.PREV"}}}}));
    CHECK(reply["extra"]["reply_to"] == "wamid.PREV");
    CHECK(text_of(reply) == "Да");

    Json forwarded = only_message(customer_message("text", {{"body", "Смотри"}}, {{"context", {{"forwarded", true}}}}));
    CHECK(forwarded["extra"]["forwarded"] == true);

    Json product = only_message(customer_message("text", {{"body", "Есть в наличии?"}},
        {{"context", {{"from", "15550783881"}, {"id", "wamid.CAT"},
                      {"referred_product", {{"catalog_id", "C1"}, {"product_retailer_id", "SKU-7"}}}}}}));
    CHECK(product["extra"]["product"]["product_retailer_id"] == "SKU-7");
    CHECK(text_of(product) == "Есть в наличии?\n[вопрос о товаре: SKU-7]");

    Json referral = {{"source_url", "https://fb.me/ad"}, {"source_id", "120"}, {"source_type", "ad"},
                     {"headline", "Скидка 20%"}, {"body", "Запишитесь"}, {"media_type", "image"}, {"ctwa_clid", "ARA"}};
    Json ad = only_message(customer_message("text", {{"body", "Хочу скидку"}}, {{"referral", referral}}));
    CHECK(ad["extra"]["referral"] == referral);
    CHECK(ad["utm"].is_null());
}

TEST_CASE("orders, unsupported and unknown types are kept with a clear note, never dropped") {
    Json order = only_message(customer_message("order", {{"catalog_id", "C"}, {"text", "Вот заказ"},
        {"product_items", Json::array({{{"product_retailer_id", "A"}, {"quantity", 1}}, {{"product_retailer_id", "B"}, {"quantity", 2}}})}}));
    CHECK(text_of(order) == "Вот заказ\n[заказ из каталога: позиций 2]");

    Json unsupported = only_message(customer_message("unsupported", nullptr,
        {{"errors", Json::array({{{"code", 131051}, {"title", "Message type unknown"}}})}}));
    CHECK(text_of(unsupported) == "[неподдерживаемое сообщение]");
    CHECK(unsupported["extra"]["unsupported_type"] == "unsupported");

    CHECK(text_of(only_message(customer_message("poll_2030", {{"q", "?"}}))) == "[неподдерживаемое сообщение]");
}

TEST_CASE("a customer known only by the business-scoped user id (username, no number)") {
    Json body = envelope({{"contacts", Json::array({{{"profile", {{"name", "Оля"}, {"username", "@olya"}}},
                                                     {"user_id", "RU.1502576394655843"}}})},
                          {"messages", Json::array({{{"from_user_id", "RU.1502576394655843"}, {"id", "wamid.U1"},
                                                     {"timestamp", "1"}, {"type", "text"}, {"text", {{"body", "Привет"}}}}})}});
    Json m = only_message(body);
    CHECK(m["external_user_id"] == "RU.1502576394655843");
    CHECK(m["phone"].is_null());
    CHECK(m["name"] == "Оля");
    CHECK(m["text"] == "Привет");
    CHECK(m["address"] == Json({{"user_id", "RU.1502576394655843"}, {"phone_number_id", kPhoneNumberId}}));

    // The number and the id both given: the number stays the id, the user id goes to extra.
    Json both = only_message(envelope({{"contacts", Json::array({{{"profile", {{"name", "Оля"}}}, {"wa_id", "79160000001"},
                                                                  {"user_id", "RU.15"}}})},
                                       {"messages", Json::array({{{"from", "79160000001"}, {"id", "wamid.U2"},
                                                                  {"type", "text"}, {"text", {{"body", "a"}}}}})}}));
    CHECK(both["external_user_id"] == "79160000001");
    CHECK(both["extra"]["user_id"] == "RU.15");
}

TEST_CASE("reactions, system notices and welcome requests are answered 200 with nothing") {
    for (const auto& [type, content] : std::vector<std::pair<std::string, Json>>{
             {"reaction", {{"message_id", "wamid.X"}, {"emoji", "👍"}}},
             {"system", {{"body", "User changed number"}, {"type", "user_changed_number"}}},
             {"request_welcome", nullptr}}) {
        INFO(type);
        sdk::testing::FakeHost host;
        auto result = post_to_plugin(host, customer_message(type, content).dump());
        CHECK(result.status == 200);
        CHECK(result.messages.empty());
    }
}

TEST_CASE("the business's own message from the Business app is recorded as the business answering") {
    Json body = envelope({{"message_echoes", Json::array({{{"from", "15550783881"}, {"to", "79161234567"}, {"id", "wamid.ECHO"},
                                                           {"timestamp", "1"}, {"type", "text"}, {"text", {{"body", "Ждём вас в 15:30"}}}}})}},
                         "smb_message_echoes");
    Json m = only_message(body);
    CHECK(m["event"] == "business_message");
    CHECK(m["external_user_id"] == "79161234567");
    CHECK(m["external_message_id"] == "wamid.ECHO");
    CHECK(m["text"] == "Ждём вас в 15:30");
}

TEST_CASE("a customer who stops marketing messages is recorded as blocked") {
    Json body = envelope({{"contacts", Json::array({{{"profile", {{"name", "Анна"}}}, {"wa_id", "79161234567"}}})},
                          {"user_preferences", Json::array({{{"wa_id", "79161234567"}, {"detail", "User requested to stop"},
                                                             {"category", "marketing_messages"}, {"value", "stop"},
                                                             {"timestamp", 1731705721}}})}},
                         "user_preferences");
    Json m = only_message(body);
    CHECK(m["event"] == "customer_blocked");
    CHECK(m["external_user_id"] == "79161234567");
    CHECK(m["external_message_id"] == "user_preferences:79161234567:1731705721");
    CHECK(m["name"] == "Анна");

    Json resume = body;
    resume["entry"][0]["changes"][0]["value"]["user_preferences"][0]["value"] = "resume";
    sdk::testing::FakeHost host;
    CHECK(post_to_plugin(host, resume.dump()).messages.empty());
}

TEST_CASE("the sender's contact is found by wa_id, else the change's only contact is the sender") {
    Json differs = customer_message("text", {{"body", "a"}});
    differs["entry"][0]["changes"][0]["value"]["messages"][0]["from"] = "5491112345678";
    differs["entry"][0]["changes"][0]["value"]["contacts"][0]["wa_id"] = "541112345678";
    Json m = only_message(differs);
    CHECK(m["external_user_id"] == "541112345678");
    CHECK(m["name"] == "Анна");

    Json nameless = customer_message("text", {{"body", "a"}});
    nameless["entry"][0]["changes"][0]["value"].erase("contacts");
    Json n = only_message(nameless);
    CHECK(n["external_user_id"] == "79161234567");
    CHECK(n["phone"] == "+79161234567");
    CHECK(n["name"].is_null());
}
