#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

#include "understand/understand.hpp"

using namespace leadhub::understand;

namespace {

const Catalog& salon_of_three() {
    static const Catalog catalog{"Салон", "Asia/Krasnoyarsk", "RU",
                                 {{"haircut", "Стрижка", {"стрижка"}},
                                  {"manicure", "Маникюр", {"маникюр"}},
                                  {"massage", "Массаж", {"массаж"}}}};
    return catalog;
}

Reading read(const std::string& text) {
    return Understander(salon_of_three()).read(text, "2026-03-10T12:00:00+07:00");  // a Tuesday
}

}  // namespace

TEST_CASE("the six intents") {
    CHECK(read("хочу записаться на маникюр завтра").intent == "book");
    CHECK(read("перенесите мою стрижку на пятницу").intent == "reschedule");
    CHECK(read("отмените запись на массаж").intent == "cancel");
    CHECK(read("сколько стоит стрижка?").intent == "question");
    CHECK(read("мастер испортила мне стрижку, требую вернуть деньги").intent == "complaint");
    CHECK(read("Здравствуйте").intent == "other");
    CHECK(read("спасибо, всё понравилось").intent == "other");
    CHECK(read("Реклама! Продвижение в соцсетях").intent == "other");
    CHECK(read("ой, не туда написала").intent == "other");
}

TEST_CASE("negation flips a signal") {
    CHECK(read("Отменять не надо, просто перенесите маникюр на пятницу").intent == "reschedule");
    CHECK(read("спрашивала цены на массаж, записываться пока не хочет").intent == "question");
    CHECK(read("не смогу в среду на маникюр, можно на четверг?").intent == "reschedule");
    CHECK(read("не смогу прийти на маникюр, простите").intent == "cancel");
}

TEST_CASE("urgency: today, pain, said outright, and its negation") {
    CHECK(read("можно на маникюр сегодня вечером?").urgent);
    CHECK(read("срочно нужен маникюр").urgent);
    CHECK_FALSE(read("сколько стоит массаж? не срочно").urgent);
    CHECK_FALSE(read("маникюр на пятницу").urgent);
    Reading today = read("можно сегодня в 3 дня на стрижку?");
    CHECK(today.date == "2026-03-10");
    CHECK(today.time == "15:00");
    CHECK(today.daypart == std::nullopt);
}

TEST_CASE("a complaint asks for no date") {
    Reading r = read("Была у вас в субботу на маникюре, всё облезло, очень недовольна");
    CHECK(r.intent == "complaint");
    CHECK(r.date == std::nullopt);
    CHECK(r.services == std::vector<std::string>{"manicure"});
}

TEST_CASE("a bad received_at is an error, not a guess") {
    CHECK_THROWS_AS(Understander(salon_of_three()).read("завтра", "вчера"), std::invalid_argument);
}

TEST_CASE("the reading as JSON has every field, null where absent") {
    nlohmann::json j = read("сколько стоит стрижка?").to_json();
    CHECK(j["intent"] == "question");
    CHECK(j["services"] == nlohmann::json::array({"haircut"}));
    CHECK(j["name"].is_null());
    CHECK(j["daypart"].is_null());
    CHECK(j.size() == 8);
}

TEST_CASE("concurrent reads agree with a single thread") {
    Understander understander(salon_of_three());
    std::vector<std::thread> threads;
    std::atomic<int> wrong{0};
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 200; ++i)
                if (understander.read("маникур завтра к 10? Оксана", "2026-03-10T12:00:00+07:00").name != "Оксана")
                    ++wrong;
        });
    for (auto& th : threads) th.join();
    CHECK(wrong == 0);
}
