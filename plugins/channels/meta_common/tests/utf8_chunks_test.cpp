// Long replies cut for the messengers' limits.
#include "utf8_chunks.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::meta;

TEST_CASE("chunks never split a UTF-8 character and keep every byte") {
    const std::string text = "Здравствуйте, Анна! Вы записаны на субботу.";
    for (std::size_t limit : {4u, 7u, 10u, 25u, 1000u}) {
        auto pieces = utf8_chunks(text, limit);
        std::string joined;
        for (const auto& p : pieces) {
            CHECK(p.size() <= limit);
            CHECK(utf8_prefix(p, p.size()) == p);
            CHECK((p.empty() || (static_cast<unsigned char>(p[0]) & 0xC0) != 0x80));
            joined += p;
        }
        CHECK(joined == text);
    }
    CHECK(utf8_chunks("", 10) == std::vector<std::string>{""});
    CHECK(utf8_chunks("один два три", 10) == std::vector<std::string>{"один ", "два ", "три"});
}

TEST_CASE("characters are counted as code points") {
    CHECK(utf8_length("Подтверждаю") == 11);
    CHECK(utf8_first_chars("Отменить запись сейчас же", 8) == "Отменить");
    CHECK(utf8_first_chars("ok", 20) == "ok");
    CHECK(utf8_prefix("жж", 3) == "ж");
}
