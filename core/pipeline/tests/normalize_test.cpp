#include "pipeline/normalize.hpp"
#include "pipeline_support.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace leadhub::pipeline;

TEST_CASE("names are trimmed and capitalised, Cyrillic included") {
    CHECK(normalize_name("  анна   ") == "Анна");
    CHECK(normalize_name("ОЛЬГА СМИРНОВА") == "Ольга Смирнова");
    CHECK(normalize_name("анна-мария\tиванова") == "Анна-Мария Иванова");
    CHECK(normalize_name("алёна ёлкина") == "Алёна Ёлкина");  // ё is kept, not folded
    CHECK(normalize_name("олесь ґонта") == "Олесь ґонта");  // a letter without a case here stays as written
    CHECK(normalize_name("john o'neil") == "John O'Neil");
    CHECK(normalize_name("McDonald") == "McDonald");  // mixed case is the customer's own spelling
    CHECK(normalize_name("іван") == "Іван");
    CHECK_FALSE(normalize_name("   "));
    CHECK_FALSE(normalize_name(""));
}

TEST_CASE("e-mails are trimmed and lower-cased") {
    CHECK(normalize_email(" Olga.K@Mail.RU ") == "olga.k@mail.ru");
    CHECK(normalize_email("ИВАН@ПОЧТА.РФ") == "иван@почта.рф");
    CHECK_FALSE(normalize_email("  "));
}

TEST_CASE("a message's phone becomes E.164 in the tenant's country; one that is not a phone is kept aside") {
    auto tenant = testing::salon_tenant();
    sdk::Message m;
    m.channel = "webform";
    m.phone = " 8 (913) 123-45-67 ";
    m.name = "мария";
    m.email = "Maria@Example.RU";
    m.extra = {{"form", "main"}};
    store::InboundMessage in = normalized_message(m, tenant, "site", 1234);
    CHECK(in.tenant == "lilia");
    CHECK(in.source == "site");
    CHECK(in.received_at_ms == 1234);
    CHECK(in.phone == "+79131234567");
    CHECK(in.name == "Мария");
    CHECK(in.email == "maria@example.ru");
    CHECK_FALSE(in.extra.contains("raw_phone"));

    m.phone = "позвоните после обеда";
    in = normalized_message(m, tenant, "site", 1234);
    CHECK_FALSE(in.phone);
    CHECK(in.extra["raw_phone"] == "позвоните после обеда");
    CHECK(in.extra["form"] == "main");

    tenant.country = "KZ";
    m.phone = "8 701 123 45 67";
    CHECK(normalized_message(m, tenant, "site", 1).phone == "+77011234567");
}
