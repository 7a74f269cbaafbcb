// compose_reply: each intent's first reply with a full and a partial reading, the questions that
// follow, the closing line, complaints, working hours, and the owner's overrides. Monday
// 7 December 2026, 12:00, open, answer within 15 minutes unless a case says otherwise.
#include "conversation/auto_reply.hpp"

#include "reply_fixture.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::conversation;
using namespace leadhub::conversation::testing;

namespace {

const std::string kPromise = "Администратор свяжется с вами не позже чем через 15 минут.";

std::string text_of(const std::optional<AutoReply>& reply) { return reply ? reply->text : "<nothing>"; }

// A booking of a manicure tomorrow at 10:00 by Anna.
ReplyFacts full_booking(const std::string& channel, const std::string& intent = "book") {
    auto f = facts(channel, intent);
    f.reading.services = {"manicure"};
    f.reading.date = "2026-12-08";
    f.reading.time = "10:00";
    f.name = "Анна";
    return f;
}

// The facts after `reply` went out, for the next call.
void sent(ReplyFacts& f, const AutoReply& reply) {
    ++f.auto_replies_sent;
    if (!reply.asks.empty()) {
        ++f.questions_asked;
        f.asked.push_back(reply.asks);
    }
    if (reply.purpose == "complete") f.complete_sent = true;
}

}  // namespace

TEST_CASE("a booking with the service, day and time is asked to confirm") {
    auto tenant = salon();
    auto f = full_booking("whatsapp");
    auto reply = compose_reply(tenant, f);
    REQUIRE(reply);
    CHECK(reply->text == "Здравствуйте, Анна! Записываем вас на маникюр завтра в 10:00? " + kPromise);
    CHECK(reply->purpose == "first");
    CHECK(reply->asks.empty());

    SECTION("on Telegram, which hides the phone, the phone is asked after it") {
        f.channel = "telegram";
        reply = compose_reply(tenant, f);
        REQUIRE(reply);
        CHECK(reply->text == "Здравствуйте, Анна! Записываем вас на маникюр завтра в 10:00? " + kPromise +
                                 " Оставьте, пожалуйста, номер телефона для связи.");
        CHECK(reply->asks == "phone");
        f.phone = "+79131234567";
        CHECK(compose_reply(tenant, f)->asks.empty());
    }
    SECTION("several services, a feminine one in the accusative, a day later in the week") {
        f.reading.services = {"haircut", "manicure"};
        f.reading.date = "2026-12-11";
        f.reading.time = "18:30";
        CHECK(text_of(compose_reply(tenant, f)) ==
              "Здравствуйте, Анна! Записываем вас на стрижку и маникюр в пятницу, 11 декабря, в 18:30? " + kPromise);
    }
    SECTION("a part of day is enough to confirm") {
        f.reading.time.reset();
        f.reading.daypart = "evening";
        CHECK(text_of(compose_reply(tenant, f)) == "Здравствуйте, Анна! Записываем вас на маникюр завтра вечером? " + kPromise);
    }
}

TEST_CASE("a booking that lacks things is acknowledged and the first missing one asked") {
    auto tenant = salon();
    SECTION("nothing known, no name: no dangling comma") {
        auto reply = compose_reply(tenant, facts("whatsapp", "book"));
        REQUIRE(reply);
        CHECK(reply->text == "Здравствуйте! С радостью запишем вас. " + kPromise +
                                 " Подскажите, пожалуйста, на какую услугу вас записать?");
        CHECK(reply->purpose == "first");
        CHECK(reply->asks == "service");
    }
    SECTION("the services and the day, not the time") {
        auto f = facts("whatsapp", "book");
        f.name = "Анна";
        f.reading.services = {"haircut", "manicure"};
        f.reading.date = "2026-12-11";
        auto reply = compose_reply(tenant, f);
        REQUIRE(reply);
        CHECK(reply->text == "Здравствуйте, Анна! С радостью запишем вас на стрижку и маникюр в пятницу, 11 декабря. " +
                                 kPromise + " В какое время вам удобно прийти в пятницу, 11 декабря?");
        CHECK(reply->asks == "date_time");
    }
    SECTION("the time, not the day") {
        auto f = facts("whatsapp", "book");
        f.reading.services = {"pedicure"};
        f.reading.time = "09:30";
        CHECK(text_of(compose_reply(tenant, f)) == "Здравствуйте! С радостью запишем вас на педикюр в 9:30. " + kPromise +
                                                       " На какой день вам удобно прийти к 9:30?");
    }
    SECTION("a name of only spaces is no name") {
        auto f = facts("whatsapp", "book");
        f.name = "  ";
        CHECK(text_of(compose_reply(tenant, f)).starts_with("Здравствуйте! С радостью"));
    }
}

TEST_CASE("a reschedule is confirmed when the new day and time are known") {
    auto tenant = salon();
    auto f = full_booking("whatsapp", "reschedule");
    f.reading.date = "2026-12-11";
    f.reading.time = "18:30";
    CHECK(text_of(compose_reply(tenant, f)) ==
          "Здравствуйте, Анна! Переносим вашу запись на маникюр — вам удобно в пятницу, 11 декабря, в 18:30? " + kPromise);
    SECTION("without them the day is asked, never the service") {
        f.reading.date.reset();
        f.reading.time.reset();
        f.reading.services.clear();
        auto reply = compose_reply(tenant, f);
        REQUIRE(reply);
        CHECK(reply->text == "Здравствуйте, Анна! Поможем перенести вашу запись. " + kPromise +
                                 " На какой день и время вам удобно прийти?");
        CHECK(reply->asks == "date_time");
    }
}

TEST_CASE("a question is thanked and told when staff answer") {
    auto tenant = salon();
    auto f = facts("whatsapp", "question");
    f.name = "Анна";
    auto reply = compose_reply(tenant, f);
    REQUIRE(reply);
    CHECK(reply->text == "Здравствуйте, Анна! Спасибо за вопрос. " + kPromise);
    CHECK(reply->asks.empty());
    SECTION("on Telegram without a name: who to answer, not what to book") {
        reply = compose_reply(tenant, facts("telegram", "question"));
        REQUIRE(reply);
        CHECK(reply->text == "Здравствуйте! Спасибо за вопрос. " + kPromise + " Как к вам обращаться?");
        CHECK(reply->asks == "name");
    }
}

TEST_CASE("a cancellation is acknowledged") {
    auto tenant = salon();
    auto f = full_booking("whatsapp", "cancel");
    CHECK(text_of(compose_reply(tenant, f)) == "Здравствуйте, Анна! Поняли вас: запись завтра в 10:00 нужно отменить. " + kPromise);
    SECTION("without the visit's day or a name, on VK") {
        auto reply = compose_reply(tenant, facts("vk", "cancel"));
        REQUIRE(reply);
        CHECK(reply->text == "Здравствуйте! Поняли вас: запись нужно отменить. " + kPromise + " Как к вам обращаться?");
        CHECK(reply->asks == "name");
    }
}

TEST_CASE("a complaint gets an apology and never a question") {
    auto tenant = salon();
    auto f = facts("telegram", "complaint");  // no name, no phone, nothing read: still no question
    auto reply = compose_reply(tenant, f);
    REQUIRE(reply);
    CHECK(reply->text == "Здравствуйте. Нам очень жаль, что так получилось, приносим извинения. Старший администратор "
                         "свяжется с вами лично не позже чем через 15 минут.");
    CHECK(reply->purpose == "complaint");
    CHECK(reply->asks.empty());
    SECTION("with a name") {
        f.name = "Анна";
        CHECK(text_of(compose_reply(tenant, f)).starts_with("Здравствуйте, Анна. Нам очень жаль"));
    }
    SECTION("after hours it names the opening") {
        f.now_local = at(2026, 12, 7, 22, 0);
        f.open_now = false;
        f.opens_at = at(2026, 12, 8, 10, 0);
        reply = compose_reply(tenant, f);
        REQUIRE(reply);
        CHECK(reply->text == "Здравствуйте. Нам очень жаль, что так получилось, приносим извинения. Старший "
                             "администратор свяжется с вами лично завтра в 10:00.");
        CHECK(reply->purpose == "complaint");
    }
    SECTION("later messages get no more automatic replies") {
        sent(f, *reply);
        CHECK_FALSE(compose_reply(tenant, f));
    }
}

TEST_CASE("any other message is greeted and asked") {
    auto tenant = salon();
    auto reply = compose_reply(tenant, facts("telegram", "other"));
    REQUIRE(reply);
    CHECK(reply->text == "Здравствуйте! Спасибо, что написали нам. " + kPromise +
                             " Подскажите, пожалуйста, на какую услугу вас записать?");
    CHECK(reply->asks == "service");
    SECTION("an intent the composer does not know is read as other") {
        CHECK(text_of(compose_reply(tenant, facts("telegram", "spam"))) == reply->text);
    }
}

TEST_CASE("on Telegram the questions go service, day and time, name, phone, then one closing line") {
    auto tenant = salon();
    tenant.replies.max_questions = 4;
    auto f = facts("telegram", "book");

    auto reply = compose_reply(tenant, f);
    REQUIRE(reply);
    CHECK(reply->asks == "service");
    sent(f, *reply);
    f.reading.services = {"manicure"};

    reply = compose_reply(tenant, f);
    REQUIRE(reply);
    CHECK(reply->text == "На какой день и время вам удобно прийти?");
    CHECK(reply->purpose == "ask:date_time");
    CHECK(reply->asks == "date_time");
    sent(f, *reply);
    f.reading.date = "2026-12-08";
    f.reading.time = "10:00";

    reply = compose_reply(tenant, f);
    REQUIRE(reply);
    CHECK(reply->text == "Как к вам обращаться?");
    CHECK(reply->purpose == "ask:name");
    sent(f, *reply);
    f.name = "Анна";

    reply = compose_reply(tenant, f);
    REQUIRE(reply);
    CHECK(reply->text == "Оставьте, пожалуйста, номер телефона для связи.");
    CHECK(reply->purpose == "ask:phone");
    sent(f, *reply);
    f.phone = "+79131234567";

    reply = compose_reply(tenant, f);
    REQUIRE(reply);
    CHECK(reply->text == "Спасибо, Анна! " + kPromise);
    CHECK(reply->purpose == "complete");
    CHECK(reply->asks.empty());
    sent(f, *reply);

    CHECK_FALSE(compose_reply(tenant, f));  // the closing line goes out once
}

TEST_CASE("on WhatsApp, which gives the phone, it is never asked") {
    auto tenant = salon();
    tenant.replies.max_questions = 10;
    auto f = facts("whatsapp", "book");
    f.reading.services = {"manicure"};
    f.reading.date = "2026-12-08";
    f.reading.time = "10:00";
    auto reply = compose_reply(tenant, f);
    REQUIRE(reply);
    CHECK(reply->asks == "name");
    sent(f, *reply);
    f.name = "Анна";
    reply = compose_reply(tenant, f);
    REQUIRE(reply);
    CHECK(reply->purpose == "complete");
    CHECK(reply->text == "Спасибо, Анна! " + kPromise);
}

TEST_CASE("an unanswered question is not asked again, and max_questions ends the asking") {
    auto tenant = salon();
    tenant.replies.max_questions = 2;
    auto f = facts("telegram", "book");
    auto reply = compose_reply(tenant, f);
    REQUIRE(reply);
    CHECK(reply->asks == "service");
    sent(f, *reply);  // the customer writes again without naming a service

    reply = compose_reply(tenant, f);
    REQUIRE(reply);
    CHECK(reply->purpose == "ask:date_time");
    sent(f, *reply);

    reply = compose_reply(tenant, f);  // two questions asked: no third
    REQUIRE(reply);
    CHECK(reply->purpose == "complete");
    CHECK(reply->text == "Спасибо! " + kPromise);
    sent(f, *reply);
    CHECK_FALSE(compose_reply(tenant, f));

    SECTION("with max_questions 0 not even the first reply asks") {
        tenant.replies.max_questions = 0;
        reply = compose_reply(tenant, facts("telegram", "book"));
        REQUIRE(reply);
        CHECK(reply->text == "Здравствуйте! С радостью запишем вас. " + kPromise);
        CHECK(reply->asks.empty());
    }
    SECTION("ask_for leaves out what the owner does not want asked, in its order") {
        tenant.replies.max_questions = 3;
        tenant.replies.ask_for = {"name", "date_time"};
        CHECK(compose_reply(tenant, facts("telegram", "book"))->asks == "name");
    }
}

TEST_CASE("after hours the first reply says when the business answers") {
    auto tenant = salon();
    auto f = full_booking("whatsapp");
    f.reading.date = "2026-12-09";
    f.reading.time = "12:00";
    f.now_local = at(2026, 12, 7, 22, 0);
    f.open_now = false;
    f.opens_at = at(2026, 12, 8, 10, 0);
    auto reply = compose_reply(tenant, f);
    REQUIRE(reply);
    CHECK(reply->text == "Здравствуйте, Анна! Записываем вас на маникюр послезавтра в 12:00? "
                         "Сейчас мы закрыты; администратор ответит завтра в 10:00.");
    CHECK(reply->purpose == "after_hours");
    SECTION("on a Friday night, Monday") {
        f.now_local = at(2026, 12, 11, 21, 0);
        f.opens_at = at(2026, 12, 14, 10, 0);
        f.reading.date = "2026-12-14";
        f.reading.time = "15:00";
        CHECK(text_of(compose_reply(tenant, f)) ==
              "Здравствуйте, Анна! Записываем вас на маникюр в понедельник, 14 декабря, в 15:00? "
              "Сейчас мы закрыты; администратор ответит в понедельник, 14 декабря, в 10:00.");
    }
    SECTION("with no opening known") {
        f.opens_at.reset();
        CHECK(text_of(compose_reply(tenant, f)).ends_with("Сейчас мы закрыты; администратор ответит в рабочее время."));
    }
    SECTION("the closing line too") {
        sent(f, *reply);
        CHECK(text_of(compose_reply(tenant, f)) == "Спасибо, Анна! Сейчас мы закрыты; администратор ответит завтра в 10:00.");
    }
}

TEST_CASE("the promise follows the lead's answer time") {
    auto tenant = salon();
    auto f = facts("whatsapp", "question");
    f.name = "Анна";
    f.answer_within_minutes = 1;
    CHECK(text_of(compose_reply(tenant, f)) == "Здравствуйте, Анна! Спасибо за вопрос. Администратор свяжется с вами не позже чем через 1 минуту.");
    f.answer_within_minutes = 2;
    CHECK(text_of(compose_reply(tenant, f)).ends_with("через 2 минуты."));
    f.answer_within_minutes = 60;
    CHECK(text_of(compose_reply(tenant, f)).ends_with("через 1 час."));
    f.answer_within_minutes.reset();
    CHECK(text_of(compose_reply(tenant, f)) == "Здравствуйте, Анна! Спасибо за вопрос. Администратор свяжется с вами в ближайшее время.");
}

TEST_CASE("the owner's templates per tenant and per channel, and channels switched off") {
    auto tenant = salon();
    tenant.replies.templates["confirm_book"] = "{{business}}: {{service_names}}, {{when}}. {{promise}}";
    tenant.replies.channels["instagram"].templates["confirm_book"] =
        "Привет{{#name}}, {{name}}{{/name}}! Ждём вас {{when}} ({{channel_title}}).";
    tenant.replies.channels["webform"].enabled = false;
    auto f = full_booking("whatsapp");
    CHECK(text_of(compose_reply(tenant, f)) == "Лилия: маникюр, завтра в 10:00. " + kPromise);
    f.channel = "instagram";
    f.phone = "+79131234567";
    CHECK(text_of(compose_reply(tenant, f)) == "Привет, Анна! Ждём вас завтра в 10:00 (Instagram).");
    f.channel = "webform";
    CHECK_FALSE(compose_reply(tenant, f));

    SECTION("replies off for the tenant") {
        tenant.replies.enabled = false;
        f.channel = "whatsapp";
        CHECK_FALSE(compose_reply(tenant, f));
        tenant.replies.channels["whatsapp"].enabled = true;
        CHECK(compose_reply(tenant, f));
    }
    SECTION("an empty template says nothing, and spaces left by empty fields are tidied") {
        tenant.replies.templates["complete"] = "";
        tenant.replies.templates["ask_name"] = "Как вас зовут {{time}} ?";
        f.channel = "whatsapp";
        f.name.reset();
        f.reading.time.reset();
        f.reading.daypart = "morning";
        auto reply = compose_reply(tenant, f);
        REQUIRE(reply);
        CHECK(reply->text == "Лилия: маникюр, завтра утром. " + kPromise + " Как вас зовут?");
        sent(f, *reply);
        f.name = "Анна";
        CHECK_FALSE(compose_reply(tenant, f));
    }
}
