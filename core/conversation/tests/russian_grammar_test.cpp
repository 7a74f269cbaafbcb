#include "conversation/russian_grammar.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::conversation;

TEST_CASE("a noun after a number takes the form Russian gives it") {
    const std::string one = "минута", few = "минуты", many = "минут";
    CHECK(plural_form(1, one, few, many) == "минута");
    CHECK(plural_form(2, one, few, many) == "минуты");
    CHECK(plural_form(4, one, few, many) == "минуты");
    CHECK(plural_form(5, one, few, many) == "минут");
    CHECK(plural_form(0, one, few, many) == "минут");
    CHECK(plural_form(11, one, few, many) == "минут");
    CHECK(plural_form(12, one, few, many) == "минут");
    CHECK(plural_form(14, one, few, many) == "минут");
    CHECK(plural_form(21, one, few, many) == "минута");
    CHECK(plural_form(22, one, few, many) == "минуты");
    CHECK(plural_form(25, one, few, many) == "минут");
    CHECK(plural_form(101, one, few, many) == "минута");
    CHECK(plural_form(111, one, few, many) == "минут");
    CHECK(plural_form(112, one, few, many) == "минут");
}

TEST_CASE("a span of time is said in the accusative, as after «через»") {
    CHECK(duration_text(1) == "1 минуту");
    CHECK(duration_text(2) == "2 минуты");
    CHECK(duration_text(5) == "5 минут");
    CHECK(duration_text(15) == "15 минут");
    CHECK(duration_text(21) == "21 минуту");
    CHECK(duration_text(44) == "44 минуты");
    CHECK(duration_text(60) == "1 час");
    CHECK(duration_text(90) == "1 час 30 минут");
    CHECK(duration_text(121) == "2 часа 1 минуту");
    CHECK(duration_text(300) == "5 часов");
    CHECK(duration_text(1320) == "22 часа");
    CHECK(duration_text(1440) == "1 день");
    CHECK(duration_text(2880) == "2 дня");
    CHECK(duration_text(7200) == "5 дней");
    CHECK(duration_text(0).empty());
    CHECK(duration_text(-5).empty());
}

TEST_CASE("a catalog name is lowered unless it is written in capitals") {
    CHECK(lower_first("Маникюр") == "маникюр");
    CHECK(lower_first("Ёлочка") == "ёлочка");
    CHECK(lower_first("Haircut") == "haircut");
    CHECK(lower_first("УЗИ") == "УЗИ");
    CHECK(lower_first("SPA-уход") == "SPA-уход");
    CHECK(lower_first("стрижка") == "стрижка");
    CHECK(lower_first("").empty());
}

TEST_CASE("a service name takes the accusative after «на»") {
    CHECK(accusative("стрижка") == "стрижку");
    CHECK(accusative("мужская стрижка") == "мужскую стрижку");
    CHECK(accusative("консультация врача") == "консультацию врача");
    CHECK(accusative("чистка лица") == "чистку лица");
    CHECK(accusative("экспресс-стрижка") == "экспресс-стрижку");
    CHECK(accusative("стрижка и укладка") == "стрижку и укладку");
    CHECK(accusative("маникюр") == "маникюр");
    CHECK(accusative("окрашивание бровей") == "окрашивание бровей");
    CHECK(accusative("маникюр с покрытием гель-лак") == "маникюр с покрытием гель-лак");
    CHECK(accusative("спа") == "спа");
    CHECK(accusative("УЗИ") == "УЗИ");
}

TEST_CASE("a list is joined as one says it") {
    CHECK(join_with_and({}).empty());
    CHECK(join_with_and({"маникюр"}) == "маникюр");
    CHECK(join_with_and({"маникюр", "педикюр"}) == "маникюр и педикюр");
    CHECK(join_with_and({"маникюр", "педикюр", "стрижку"}) == "маникюр, педикюр и стрижку");
}
