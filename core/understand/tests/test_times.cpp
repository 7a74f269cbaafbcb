#include <catch2/catch.hpp>

#include "readings.hpp"

#include "understand/times.hpp"

using namespace leadhub::understand;
using namespace leadhub::understand::test;

TEST_CASE("clock times in every spelling") {
    CHECK(time_in("в 14:00") == "14:00");
    CHECK(time_in("в 18.30") == "18:30");
    CHECK(time_in("в 19-00?") == "19:00");
    CHECK(time_in("к 10, можно?") == "10:00");
    CHECK(time_in("в 3 дня") == "15:00");
    CHECK(time_in("часика в 2 дня") == "14:00");
    CHECK(time_in("в 7 вечера") == "19:00");
    CHECK(time_in("в 8 утра") == "08:00");
    CHECK(time_in("после 6") == "18:00");
    CHECK(time_in("после 18") == "18:00");
    CHECK(time_in("на 11") == "11:00");
    CHECK(time_in("в 12?") == "12:00");
    CHECK(time_in("в полдень") == "12:00");
    CHECK(time_in("к половине седьмого") == "18:30");
    CHECK(time_in("в полвосьмого утра") == "07:30");
    CHECK(time_in("в пять вечера") == "17:00");
    CHECK(time_in("around 2 pm") == "14:00");
    CHECK(time_in("в 8", true) == "20:00");
}

TEST_CASE("numbers that are not clock times") {
    CHECK_FALSE(time_in("сыну 10 лет"));
    CHECK_FALSE(time_in("на 2 недели"));
    CHECK_FALSE(time_in("в 3 раза больше"));
    CHECK_FALSE(time_in("опоздал на 20 минут"));
    CHECK_FALSE(time_in("3 дня назад"));
    CHECK_FALSE(time_in("в 4 руки"));
    CHECK_FALSE(time_in("ресницы 2D"));
    CHECK_FALSE(time_in("Перезвонили в 10:40"));
    CHECK_FALSE(time_in("до 18"));
}

TEST_CASE("parts of the day, not greetings or the past") {
    CHECK(daypart_in("сегодня вечером") == "evening");
    CHECK(daypart_in("вечерком") == "evening");
    CHECK(daypart_in("ближе к вечеру") == "evening");
    CHECK(daypart_in("после обеда") == "afternoon");
    CHECK(daypart_in("в понедельник днём") == "afternoon");
    CHECK(daypart_in("во второй половине дня") == "afternoon");
    CHECK(daypart_in("в первой половине дня") == "morning");
    CHECK(daypart_in("с утра") == "morning");
    CHECK(daypart_in("Желаемое время: утро") == "morning");
    CHECK(daypart_in("по утрам") == "morning");
    CHECK_FALSE(daypart_in("Доброе утро!"));
    CHECK_FALSE(daypart_in("Добрый вечер"));
    CHECK_FALSE(daypart_in("опухла со вчерашнего вечера"));
    CHECK_FALSE(daypart_in("пломба выпала вчера вечером"));
}
