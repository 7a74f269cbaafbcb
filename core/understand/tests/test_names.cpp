#include <catch2/catch.hpp>

#include "readings.hpp"

#include "understand/names.hpp"

using namespace leadhub::understand;
using namespace leadhub::understand::test;

TEST_CASE("names in any case come back in the nominative") {
    CHECK(nominative_name("светой") == "Света");
    CHECK(nominative_name("елены") == "Елена");
    CHECK(nominative_name("андрея") == "Андрей");
    CHECK(nominative_name("павла") == "Павел");
    CHECK(is_nominative_name("алена"));
    CHECK_FALSE(nominative_name("стрижку"));
}

TEST_CASE("form fields and self-introductions") {
    CHECK(name_in("Имя: Ирина Владимировна\nТелефон: 8 (495) 765-43-21") == "Ирина");
    CHECK(name_in("Имя: Зульфия") == "Зульфия");
    CHECK(name_in("меня зовут Ольга, тел 89135551234") == "Ольга");
    CHECK(name_in("Меня Светой зовут") == "Света");
    CHECK(name_in("меня Денис зовут") == "Денис");
    CHECK(name_in("Здравствуйте, я Анастасия, записана к вам") == "Анастасия");
    CHECK(name_in("Привет, это Лёша. Хочу") == "Лёша");
    CHECK(name_in("меня зовут оксана") == "Оксана");
}

TEST_CASE("staff notes name the caller") {
    CHECK(name_in("Звонила Юлия: записана к Наталье") == "Юлия");
    CHECK(name_in("Оператор: звонок от Елены, болит зуб") == "Елена");
    CHECK(name_in("Звонок. Мужчина, Алексей, хочет заниматься") == "Алексей");
    CHECK(name_in("Звонила пациентка Марина Ковалёва") == "Марина");
}

TEST_CASE("signatures, but not staff or masters") {
    CHECK(name_in("можно на маникур в пт после 18? Катя") == "Катя");
    CHECK(name_in("Можно в 14:00? Анна, 8 913 123-45-67") == "Анна");
    CHECK(name_in("заболела 😷 Ирина") == "Ирина");
    CHECK_FALSE(name_in("Спасибо Светлане за окрашивание!!!"));
    CHECK_FALSE(name_in("А мастер Оля завтра работает?"));
    CHECK_FALSE(name_in("хочу на персональную тренировку к Диме, в четверг"));
    CHECK_FALSE(name_in("Ваш тренер Максим нахамил мне"));
    CHECK_FALSE(name_in("Здравствуйте, Анна!"));
    CHECK_FALSE(name_in("на 15 марта"));
    CHECK_FALSE(name_in(""));
}
