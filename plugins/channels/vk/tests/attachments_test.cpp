// Attachments as the staff read them, in Russian, with VK's ids kept.
#include "vk_attachments.hpp"

#include <catch2/catch.hpp>

using leadhub::sdk::Json;
using namespace leadhub::vk;

namespace {
std::string described(const Json& attachment) {
    auto all = describe_attachments(Json::array({attachment}));
    REQUIRE(all.size() == 1);
    return all[0].description;
}
}  // namespace

TEST_CASE("each documented attachment type has its description") {
    CHECK(described({{"type", "photo"}, {"photo", {{"id", 457239017}, {"owner_id", 512345678}, {"access_key", "ab12"}}}}) == "[фото]");
    CHECK(described({{"type", "video"}, {"video", {{"id", 1}, {"owner_id", -5}}}}) == "[видео]");
    CHECK(described({{"type", "audio"}, {"audio", {{"id", 1}, {"owner_id", 2}, {"artist", "Ляпис"}, {"title", "Песня"}}}}) ==
          "[аудио: Ляпис — Песня]");
    CHECK(described({{"type", "audio_message"}, {"audio_message", {{"id", 1}, {"owner_id", 2}, {"duration", 12}}}}) ==
          "[голосовое сообщение 0:12]");
    CHECK(described({{"type", "audio_message"}, {"audio_message", {{"duration", 3725}}}}) == "[голосовое сообщение 1:02:05]");
    CHECK(described({{"type", "doc"}, {"doc", {{"id", 1}, {"owner_id", 2}, {"title", "прайс.pdf"}}}}) == "[документ: прайс.pdf]");
    CHECK(described({{"type", "sticker"}, {"sticker", {{"sticker_id", 9}}}}) == "[стикер]");
    CHECK(described({{"type", "graffiti"}, {"graffiti", Json::object()}}) == "[граффити]");
    CHECK(described({{"type", "wall"}, {"wall", {{"id", 1}, {"owner_id", -3}}}}) == "[запись на стене]");
    CHECK(described({{"type", "wall_reply"}, {"wall_reply", Json::object()}}) == "[комментарий]");
    CHECK(described({{"type", "link"}, {"link", {{"url", "https://example.ru/a"}}}}) == "[ссылка: https://example.ru/a]");
    CHECK(described({{"type", "market"}, {"market", {{"id", 1}, {"owner_id", -3}, {"title", "Стрижка"}}}}) == "[товар: Стрижка]");
    CHECK(described({{"type", "market_album"}, {"market_album", {{"title", "Услуги"}}}}) == "[подборка товаров: Услуги]");
    CHECK(described({{"type", "poll"}, {"poll", {{"question", "Когда?"}}}}) == "[опрос: Когда?]");
    CHECK(described({{"type", "gift"}, {"gift", {{"id", 5}}}}) == "[подарок]");
    CHECK(described({{"type", "story"}, {"story", {{"id", 5}, {"owner_id", -3}}}}) == "[история]");
    CHECK(described({{"type", "call"}, {"call", Json::object()}}) == "[звонок]");
    CHECK(described({{"type", "article"}, {"article", {{"title", "Уход"}}}}) == "[статья: Уход]");
    CHECK(described({{"type", "money_transfer"}, {"money_transfer", Json::object()}}) == "[денежный перевод]");
    CHECK(described({{"type", "hologram"}, {"hologram", Json::object()}}) == "[вложение: hologram]");
    CHECK(described({{"type", 5}}) == "[вложение: ?]");
}

TEST_CASE("attachment records keep VK's owner_id_id_access_key ids and the useful members") {
    auto all = describe_attachments(Json::parse(R"([
        {"type": "photo", "photo": {"id": 457239017, "owner_id": 512345678, "access_key": "ab12"}},
        {"type": "doc", "doc": {"id": 3, "owner_id": -218000123, "title": "a.pdf", "url": "https:\/\/vk.com\/doc1"}},
        {"type": "audio_message", "audio_message": {"id": 7, "owner_id": 5, "duration": 4, "link_ogg": "https://x/a.ogg"}},
        "not an object"])"));
    REQUIRE(all.size() == 3);
    CHECK(all[0].record == Json{{"type", "photo"}, {"id", "512345678_457239017_ab12"}});
    CHECK(all[1].record.at("id") == "-218000123_3");
    CHECK(all[1].record.at("url") == "https://vk.com/doc1");
    CHECK(all[2].record.at("link_ogg") == "https://x/a.ogg");
    CHECK(all[2].record.at("duration") == 4);
}

TEST_CASE("geo: coordinates as numbers or the old string, with the place") {
    auto geo = describe_geo(Json::parse(R"({"type": "point", "coordinates": {"latitude": 55.75, "longitude": 37.61},
                                            "place": {"title": "Москва"}})"));
    REQUIRE(geo);
    CHECK(geo->description == "[геопозиция: 55.75, 37.61]");
    CHECK(geo->record.at("place") == "Москва");
    auto old = describe_geo(Json::parse(R"({"coordinates": "59.93 30.31"})"));
    REQUIRE(old);
    CHECK(old->description == "[геопозиция: 59.93, 30.31]");
    CHECK_FALSE(describe_geo(Json::parse(R"({"type": "point"})")));
    CHECK_FALSE(describe_geo(Json::parse(R"({"coordinates": {"latitude": 1}})")));
    CHECK_FALSE(describe_geo(Json("x")));
}

TEST_CASE("durations") {
    CHECK(format_duration(0) == "0:00");
    CHECK(format_duration(65) == "1:05");
    CHECK(format_duration(-3) == "0:00");
}
