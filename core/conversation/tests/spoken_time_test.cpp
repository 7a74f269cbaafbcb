#include "conversation/spoken_time.hpp"

#include "reply_fixture.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::conversation;
using leadhub::conversation::testing::at;

namespace {

std::chrono::year_month_day ymd(int y, unsigned m, unsigned d) {
    return std::chrono::year_month_day{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}

// Monday 7 December 2026.
const auto kMonday = ymd(2026, 12, 7);

}  // namespace

TEST_CASE("a day is said relative to today") {
    CHECK(spoken_date(ymd(2026, 12, 7), kMonday) == "сегодня");
    CHECK(spoken_date(ymd(2026, 12, 8), kMonday) == "завтра");
    CHECK(spoken_date(ymd(2026, 12, 9), kMonday) == "послезавтра");
}

TEST_CASE("a day within the week ahead is named by its weekday and date") {
    CHECK(spoken_date(ymd(2026, 12, 10), kMonday) == "в четверг, 10 декабря");
    CHECK(spoken_date(ymd(2026, 12, 11), kMonday) == "в пятницу, 11 декабря");
    CHECK(spoken_date(ymd(2026, 12, 12), kMonday) == "в субботу, 12 декабря");
    CHECK(spoken_date(ymd(2026, 12, 13), kMonday) == "в воскресенье, 13 декабря");
    // «во вторник», «в среду», «в понедельник» from a Thursday and a Friday.
    CHECK(spoken_date(ymd(2026, 12, 15), ymd(2026, 12, 10)) == "во вторник, 15 декабря");
    CHECK(spoken_date(ymd(2026, 12, 16), ymd(2026, 12, 11)) == "в среду, 16 декабря");
    CHECK(spoken_date(ymd(2026, 12, 14), ymd(2026, 12, 11)) == "в понедельник, 14 декабря");
}

TEST_CASE("a day a week or more ahead is its date, the month in the genitive") {
    CHECK(spoken_date(ymd(2026, 12, 14), kMonday) == "14 декабря");
    CHECK(spoken_date(ymd(2026, 12, 31), kMonday) == "31 декабря");
    const char* months[] = {"января", "февраля", "марта",    "апреля",  "мая",    "июня",
                            "июля",   "августа", "сентября", "октября", "ноября", "декабря"};
    for (unsigned m = 1; m <= 12; ++m)
        CHECK(spoken_date(ymd(2026, m, 20), ymd(2026, 1, 1)) == std::string("20 ") + months[m - 1]);
}

TEST_CASE("the year is said only when it is not plain") {
    CHECK(spoken_date(ymd(2027, 1, 3), ymd(2026, 12, 20)) == "3 января");  // next January, obviously
    CHECK(spoken_date(ymd(2027, 8, 1), ymd(2026, 12, 20)) == "1 августа 2027 года");
    CHECK(spoken_date(ymd(2025, 12, 30), ymd(2026, 1, 5)) == "30 декабря 2025 года");
    CHECK(spoken_date(ymd(2026, 12, 1), kMonday) == "1 декабря");  // earlier this year
}

TEST_CASE("a date with a time or a part of day") {
    const LocalMinutes now = at(2026, 12, 7, 12, 0);
    auto when = [&](int d, std::optional<int> minute, std::string_view daypart = "") {
        return spoken_when(ymd(2026, 12, static_cast<unsigned>(d)), minute, daypart, now);
    };
    CHECK(when(7, 18 * 60) == "сегодня в 18:00");
    CHECK(when(8, 10 * 60) == "завтра в 10:00");
    CHECK(when(9, 9 * 60 + 30) == "послезавтра в 9:30");
    CHECK(when(11, 10 * 60) == "в пятницу, 11 декабря, в 10:00");
    CHECK(when(11, std::nullopt, "evening") == "в пятницу, 11 декабря, вечером");
    CHECK(when(8, std::nullopt, "morning") == "завтра утром");
    CHECK(when(20, std::nullopt, "afternoon") == "20 декабря днём");
    CHECK(when(20, 10 * 60) == "20 декабря в 10:00");
    CHECK(when(20, std::nullopt) == "20 декабря");
    CHECK(when(8, 10 * 60, "evening") == "завтра в 10:00");  // the time says more than the part of day
    CHECK(spoken_when(std::nullopt, 9 * 60 + 30, "", now) == "в 9:30");
    CHECK(spoken_when(std::nullopt, std::nullopt, "evening", now) == "вечером");
    CHECK(spoken_when(std::nullopt, std::nullopt, "", now).empty());
}

TEST_CASE("a moment is said relative to now") {
    CHECK(spoken_moment(at(2026, 12, 8, 10), at(2026, 12, 7, 22, 30)) == "завтра в 10:00");
    CHECK(spoken_moment(at(2026, 12, 8, 10), at(2026, 12, 8, 7, 15)) == "сегодня в 10:00");
    CHECK(spoken_moment(at(2026, 12, 14, 10), at(2026, 12, 11, 21)) == "в понедельник, 14 декабря, в 10:00");
    CHECK(spoken_moment(at(2027, 1, 11, 9, 5), at(2026, 12, 30, 21)) == "11 января в 9:05");
}

TEST_CASE("dates and times are read strictly") {
    CHECK(parse_date("2026-12-07") == ymd(2026, 12, 7));
    CHECK_FALSE(parse_date("2026-02-30"));
    CHECK_FALSE(parse_date("2026-13-01"));
    CHECK_FALSE(parse_date("07.12.2026"));
    CHECK(parse_clock("09:30") == 570);
    CHECK(parse_clock("00:00") == 0);
    CHECK_FALSE(parse_clock("24:00"));
    CHECK_FALSE(parse_clock("9:30"));
    CHECK_FALSE(parse_clock("aa:bb"));
    CHECK(clock_text(570) == "9:30");
    CHECK(clock_text(18 * 60 + 5) == "18:05");
    CHECK(daypart_text("afternoon") == "днём");
    CHECK(daypart_text("night").empty());
}
