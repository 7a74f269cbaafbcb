#include "conversation/missing_fields.hpp"

#include "reply_fixture.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::conversation;
using namespace leadhub::conversation::testing;

namespace {
using Fields = std::vector<std::string>;
const Fields kAll = {"service", "date_time", "name", "phone"};
}  // namespace

TEST_CASE("what an intent needs, on which channel, in the configured order") {
    CHECK(needed_fields("book", "telegram", kAll) == kAll);
    CHECK(needed_fields("book", "whatsapp", kAll) == Fields{"service", "date_time", "name"});
    CHECK(needed_fields("other", "instagram", kAll) == kAll);
    CHECK(needed_fields("reschedule", "vk", kAll) == Fields{"date_time", "name", "phone"});
    CHECK(needed_fields("question", "telegram", kAll) == Fields{"name", "phone"});
    CHECK(needed_fields("cancel", "webform", kAll) == Fields{"name"});
    CHECK(needed_fields("complaint", "telegram", kAll).empty());
    CHECK(needed_fields("book", "telegram", {"name", "service"}) == Fields{"name", "service"});
    CHECK(needed_fields("book", "telegram", {}).empty());
}

TEST_CASE("a day and time is known with a valid date and a time or a part of day") {
    auto f = facts("telegram", "book");
    CHECK_FALSE(has_field(f, "date_time"));
    f.reading.date = "2026-12-08";
    CHECK_FALSE(has_field(f, "date_time"));
    f.reading.daypart = "morning";
    CHECK(has_field(f, "date_time"));
    f.reading.daypart.reset();
    f.reading.time = "10:00";
    CHECK(has_field(f, "date_time"));
    f.reading.date = "2026-13-08";
    CHECK_FALSE(has_field(f, "date_time"));
    f.reading.date.reset();
    CHECK_FALSE(has_field(f, "date_time"));
    f.name = "   ";
    CHECK_FALSE(has_field(f, "name"));
    f.name = "Анна";
    CHECK(has_field(f, "name"));
}

TEST_CASE("the next question skips what was asked and stops at max_questions") {
    leadhub::config::RepliesConfig replies;
    auto f = facts("telegram", "book");
    CHECK(missing_fields(replies, f) == kAll);
    CHECK(next_question(replies, f) == "service");
    f.asked = {"service"};
    f.questions_asked = 1;
    CHECK(next_question(replies, f) == "date_time");  // the service was asked once: move on
    f.reading.services = {"manicure"};
    f.asked = {"service", "date_time"};
    f.questions_asked = 2;
    CHECK(next_question(replies, f) == "name");
    f.asked.push_back("name");
    f.questions_asked = 3;
    CHECK_FALSE(next_question(replies, f));  // max_questions 3
    replies.max_questions = 4;
    CHECK(next_question(replies, f) == "phone");
    f.phone = "+79131234567";
    CHECK_FALSE(next_question(replies, f));
    replies.max_questions = 0;
    CHECK_FALSE(next_question(replies, facts("telegram", "book")));
}
