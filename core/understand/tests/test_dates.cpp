#include <catch2/catch.hpp>

#include "readings.hpp"

#include "understand/dates.hpp"

using namespace leadhub::understand;
using namespace leadhub::understand::test;

TEST_CASE("relative days") {
    CHECK(date_in("можно сегодня?", kTuesday) == "2026-03-10");
    CHECK(date_in("завтра к 10", kTuesday) == "2026-03-11");
    CHECK(date_in("послезавтра утром", kTuesday) == "2026-03-12");
    CHECK(date_in("послезавтро утром", kTuesday) == "2026-03-12");
    CHECK(date_in("через 2 дня", kTuesday) == "2026-03-12");
    CHECK(date_in("через три дня", kTuesday) == "2026-03-13");
    CHECK(date_in("через неделю", kTuesday) == "2026-03-17");
    CHECK(date_in("завтра", Date{2026, 12, 31}) == "2027-01-01");
    CHECK_FALSE(date_in("на завтрак не успею", kTuesday));
}

TEST_CASE("weekdays: the next one, never the same day") {
    CHECK(date_in("в субботу", kTuesday) == "2026-03-14");
    CHECK(date_in("во вторник", kTuesday) == "2026-03-17");
    CHECK(date_in("в пт после 18", kTuesday) == "2026-03-13");
    CHECK(date_in("лучше в сб", kTuesday) == "2026-03-14");
    CHECK(date_in("в воскресенье", Date{2026, 3, 29}) == "2026-04-05");
    CHECK(date_in("в понедельник", Date{2026, 12, 30}) == "2027-01-04");
    CHECK(date_in("в следующую среду", kTuesday) == "2026-03-18");
    CHECK_FALSE(date_in("работаете по воскресеньям?", kTuesday));
    CHECK_FALSE(date_in("пт", kTuesday));
}

TEST_CASE("days of the month and calendar dates") {
    CHECK(date_in("на 15 марта", kTuesday) == "2026-03-15");
    CHECK(date_in("4 апреля", kTuesday) == "2026-04-04");
    CHECK(date_in("15-го", kTuesday) == "2026-03-15");
    CHECK(date_in("3-го числа", kTuesday) == "2026-04-03");
    CHECK(date_in("на 17-е", kTuesday) == "2026-03-17");
    CHECK(date_in("пятнадцатого марта", kTuesday) == "2026-03-15");
    CHECK(date_in("двадцать первого числа", kTuesday) == "2026-03-21");
    CHECK(date_in("Дата: 28.03", kTuesday) == "2026-03-28");
    CHECK(date_in("14.03.2026", kTuesday) == "2026-03-14");
    CHECK(date_in("5 января", Date{2026, 12, 20}) == "2027-01-05");
    CHECK(date_in("31-го", Date{2026, 4, 20}) == std::nullopt);  // April has no 31st and May 31 is not "this" 31st
    CHECK_FALSE(date_in("в 18.30", kTuesday));
    CHECK_FALSE(date_in("была у вас 5 марта", kTuesday));  // the past is not asked for
}

TEST_CASE("ranges and alternatives give no date") {
    CHECK_FALSE(date_in("на следующей неделе", kTuesday));
    CHECK_FALSE(date_in("на выходных", kTuesday));
    CHECK_FALSE(date_in("во вторник или в среду", kTuesday));
    CHECK_FALSE(date_in("свадьба 25 апреля", kTuesday));
}

TEST_CASE("a reschedule asks for the new date") {
    CHECK(date_in("перенесите с субботы на воскресенье", kTuesday, true) == "2026-03-15");
    CHECK(date_in("на йогу в пятницу вместо четверга", kTuesday, true) == "2026-03-13");
    CHECK(date_in("перенесите на 30-е, это четверг", Date{2026, 4, 20}, true) == "2026-04-30");
    CHECK(date_in("с понедельника", kTuesday, false) == "2026-03-16");
}
