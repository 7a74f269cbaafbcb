#include <catch2/catch.hpp>

#include "webform_format.hpp"

using namespace leadhub::sdk;
using namespace leadhub::webform;

namespace {
FormData form(std::vector<FormField> fields, BodyKind kind = BodyKind::urlencoded) {
    FormData d;
    d.kind = kind;
    d.fields = std::move(fields);
    return d;
}
MappedSubmission map(const FormData& d, Provider p = Provider::html, WebformOptions o = webform_options().defaults()) { return map_submission(d, p, o); }
}  // namespace

TEST_CASE("the built-in aliases fill the lead fields") {
    for (auto [name, phone, email, text] : std::vector<std::array<std::string, 4>>{
             {"Name", "Phone", "Email", "Comments"}, {"name", "phone", "email", "comment"},
             {"Имя", "Телефон", "email", "message"}, {"name", "phone", "Email", "Комментарий"},
             {"name", "phone", "Email", "Сообщение"}, {"NAME", "Tel", "E-mail", "comments"},
             {"имя", "телефон", "EMAIL", "Message"}, {"Name", "telephone", "e-mail", "text"},
             {"Name", "Phone", "Email", "комментарий"}, {"Name", "Phone", "Email", "сообщение"}}) {
        INFO(name << " " << phone << " " << email << " " << text);
        auto m = map(form({{name, " Анна "}, {phone, "89161234567"}, {email, "A@B.RU"}, {text, "Привет"}})).message;
        CHECK(m.channel == "webform");
        CHECK(m.name == std::optional<std::string>("Анна"));
        CHECK(m.phone == std::optional<std::string>("+79161234567"));
        CHECK(m.email == std::optional<std::string>("a@b.ru"));
        CHECK(m.text == std::optional<std::string>("Привет"));
        CHECK(m.extra["provider"] == "html");
        CHECK_FALSE(m.extra.contains("fields"));
    }
}

TEST_CASE("a field that only resembles an alias stays a customer field") {
    auto m = map(form({{"name", "Анна"}, {"phone2", "89161234567"}, {"Комментарии", "Привет"}, {"username", "anna"}})).message;
    CHECK(m.name == std::optional<std::string>("Анна"));
    CHECK_FALSE(m.phone);
    CHECK_FALSE(m.text);
    CHECK(m.extra["fields"]["phone2"] == "89161234567");
    CHECK(m.extra["fields"]["Комментарии"] == "Привет");
    CHECK(m.extra["fields"]["username"] == "anna");
}

TEST_CASE("field_map adds the site's own names, and beats a built-in alias") {
    WebformOptions o = webform_options().defaults();
    o.field_map = {{"Ваше имя", "name"}, {"Как с вами связаться", "phone"}, {"message", "name"}};
    auto m = map(form({{"Ваше имя", "Ира"}, {"Как с вами связаться", "+7 999 000-11-22"}}), Provider::html, o).message;
    CHECK(m.name == std::optional<std::string>("Ира"));
    CHECK(m.phone == std::optional<std::string>("+79990001122"));
    auto second = map(form({{"message", "Ира"}}), Provider::html, o).message;
    CHECK(second.name == std::optional<std::string>("Ира"));
    CHECK_FALSE(second.text);
}

TEST_CASE("nothing the customer typed is lost") {
    auto m = map(form({{"name", "Анна"}, {"Name", "Анна Смирнова"}, {"comment", "один"}, {"message", "два"},
                       {"service", "маникюр"}, {"days", "сб"}, {"days", "вс"}, {"blank", "  "}}))
                 .message;
    CHECK(m.name == std::optional<std::string>("Анна"));
    CHECK(m.text == std::optional<std::string>("один\nдва"));
    CHECK(m.extra["fields"]["Name"] == "Анна Смирнова");
    CHECK(m.extra["fields"]["service"] == "маникюр");
    CHECK(m.extra["fields"]["days"] == Json::array({"сб", "вс"}));
    CHECK_FALSE(m.extra["fields"].contains("blank"));
}

TEST_CASE("a phone that is not plainly a number is kept raw for the core") {
    auto m = map(form({{"phone", "звоните после 18"}})).message;
    CHECK_FALSE(m.phone);
    CHECK(m.extra["raw_phone"] == "звоните после 18");
    CHECK(m.extra["phone_country"] == "RU");
    WebformOptions de = webform_options().defaults();
    de.phone_country = "DE";
    auto german = map(form({{"phone", "030 1234567"}}), Provider::html, de).message;
    CHECK_FALSE(german.phone);
    CHECK(german.extra["raw_phone"] == "030 1234567");
    CHECK(german.extra["phone_country"] == "DE");
}

TEST_CASE("e-mail is trimmed and lower-cased, a non-address kept raw") {
    CHECK(normalise_email("  Anna.Smirnova@Example.COM ") == std::optional<std::string>("anna.smirnova@example.com"));
    CHECK_FALSE(normalise_email("anna"));
    CHECK_FALSE(normalise_email("@example.com"));
    CHECK_FALSE(normalise_email("anna@"));
    CHECK_FALSE(normalise_email("a@b@c"));
    CHECK_FALSE(normalise_email("a b@c.ru"));
    auto m = map(form({{"email", "не помню"}})).message;
    CHECK_FALSE(m.email);
    CHECK(m.extra["raw_email"] == "не помню");
}

TEST_CASE("UTM comes from utm_* fields first") {
    auto m = map(form({{"name", "A"}, {"utm_source", "vk"}, {"utm_medium", ""}, {"utm_campaign", "весна"},
                       {"COOKIES", "TILDAUTM=utm_source%3Dyandex%7C%7C%7C"}}),
                 Provider::tilda)
                 .message;
    CHECK(m.utm == Utm{{"utm_source", "vk"}, {"utm_campaign", "весна"}});
}

TEST_CASE("UTM falls back to Tilda's TILDAUTM cookie, through its layers of encoding") {
    Utm expected{{"utm_source", "yandex"}, {"utm_medium", "cpc"}};
    CHECK(utm_from_tilda_cookies("_ym_uid=1; TILDAUTM=utm_source%3Dyandex%7C%7C%7Cutm_medium%3Dcpc%7C%7C%7C; x=1") == expected);
    CHECK(utm_from_tilda_cookies("TILDAUTM=utm_source%253Dyandex%257C%257C%257Cutm_medium%253Dcpc") == expected);
    CHECK(utm_from_tilda_cookies("TILDAUTM=utm_source=yandex|||utm_medium=cpc|||") == expected);
    CHECK(utm_from_tilda_cookies("TILDAUTM=utm_term%3D%25D0%25B7%25D1%2583%25D0%25B1%25D1%258B%2B%25D1%2586%25D0%25B5%25D0%25BD%25D0%25B0") ==
          Utm{{"utm_term", "зубы цена"}});
    CHECK(utm_from_tilda_cookies("TILDAUTM=utm_source%3D%7C%7C%7Cutm_medium%3Dcpc") == Utm{{"utm_medium", "cpc"}});
    CHECK(utm_from_tilda_cookies("_ym_uid=1; tildasid=2").empty());
    CHECK(utm_from_tilda_cookies("").empty());
    CHECK(utm_from_tilda_cookies("TILDAUTM=").empty());
    CHECK(utm_from_tilda_cookies("TILDAUTM=garbage%ZZ|||=novalue|||nokey").empty());
    CHECK(map(form({{"name", "A"}})).message.utm.empty());
}

TEST_CASE("Tilda's technical fields become ids, not customer fields") {
    auto m = map(form({{"Name", "Анна"}, {"tranid", "4567890:1234567890"}, {"formid", "form612345678"},
                       {"COOKIES", "_ym_uid=1741600000123456789"}}),
                 Provider::tilda)
                 .message;
    CHECK(m.external_message_id == std::optional<std::string>("4567890:1234567890"));
    CHECK_FALSE(m.external_user_id);
    CHECK(m.extra["form_id"] == "form612345678");
    CHECK(m.extra["provider"] == "tilda");
    CHECK_FALSE(m.extra.contains("fields"));
}

TEST_CASE("the provider is told by Tilda's own fields") {
    CHECK(detect_provider(form({{"test", "test"}})) == Provider::tilda);
    CHECK(detect_provider(form({{"Name", "A"}, {"tranid", "1:2"}})) == Provider::tilda);
    CHECK(detect_provider(form({{"Name", "A"}, {"formid", "f1"}})) == Provider::tilda);
    CHECK(detect_provider(form({{"name", "A"}, {"utm_source", "vk"}})) == Provider::html);
    CHECK(detect_provider(form({{"name", "A"}}, BodyKind::json)) == Provider::json);
    CHECK(is_tilda_test(form({{"test", "test"}})));
    CHECK_FALSE(is_tilda_test(form({{"test", "test"}, {"Name", "A"}})));
    CHECK_FALSE(is_tilda_test(form({{"test", "yes"}})));
}

TEST_CASE("a form with nothing to contact or read is empty") {
    CHECK(map(form({})).empty);
    CHECK(map(form({{"name", "  "}, {"phone", ""}, {"service", "маникюр"}, {"utm_source", "vk"}})).empty);
    CHECK_FALSE(map(form({{"phone", "не скажу"}})).empty);  // typed, though not a number
    CHECK_FALSE(map(form({{"message", "перезвоните"}})).empty);
}
