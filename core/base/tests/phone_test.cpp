#include <catch2/catch.hpp>

#include "base/phone.hpp"

using namespace leadhub::base;

TEST_CASE("every written form of a Russian number becomes E.164") {
    CHECK(normalize_phone("8 913 123-45-67") == "+79131234567");
    CHECK(normalize_phone("+7 916 123-45-67") == "+79161234567");
    CHECK(normalize_phone("8-913-123-45-67") == "+79131234567");
    CHECK(normalize_phone("+7(913)2846137") == "+79132846137");
    CHECK(normalize_phone("+7 (903) 222-33-44") == "+79032223344");
    CHECK(normalize_phone("89135551234") == "+79135551234");
    CHECK(normalize_phone("7 913 404 12 77") == "+79134041277");
    CHECK(normalize_phone("+79851234567") == "+79851234567");
    CHECK(normalize_phone("913 123 45 67") == "+79131234567");
    CHECK(normalize_phone("8 (495) 765-43-21") == "+74957654321");  // Moscow landline
    CHECK(normalize_phone("8 (391) 245-67-89") == "+73912456789");  // Krasnoyarsk landline
    CHECK(normalize_phone("8 800 555 35 35") == "+78005553535");
    CHECK(normalize_phone("8 926 44 55 667") == "+79264455667");
}

TEST_CASE("things that are not phone numbers give nothing") {
    CHECK_FALSE(normalize_phone(""));
    CHECK_FALSE(normalize_phone("12345"));
    CHECK_FALSE(normalize_phone("abc"));
    CHECK_FALSE(normalize_phone("8 913 12x-45-67"));
    CHECK_FALSE(normalize_phone("8 913 123 45 67 89 01"));
}

TEST_CASE("another region reads national numbers its own way") {
    CHECK(normalize_phone("030 1234567", "DE") == "+49301234567");
    CHECK(normalize_phone("+7 913 123 45 67", "DE") == "+79131234567");
}

TEST_CASE("the phone is found among other numbers") {
    auto found = find_phone("сына 9 лет, 15.03 в 18.30, тел 89135551234 спасибо");
    REQUIRE(found);
    CHECK(found->e164 == "+79135551234");
    std::string text = "в 18.30 89131234567";
    found = find_phone(text);
    REQUIRE(found);
    CHECK(found->e164 == "+79131234567");
    CHECK(text.substr(found->begin, found->end - found->begin) == "89131234567");
    CHECK(find_phone("Пропущенный звонок с +7 (923) 301-44-55. Голосовое")->e164 == "+79233014455");
    CHECK_FALSE(find_phone("в 14:00, 2 импланта, 8 тысяч, 15 марта"));
}
