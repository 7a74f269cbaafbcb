#include <catch2/catch.hpp>

#include "file_format.hpp"

#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sdk;
using namespace leadhub::file_sink;

TEST_CASE("timestamps are ISO 8601 UTC with milliseconds") {
    CHECK(iso8601_utc(0) == "1970-01-01T00:00:00.000Z");
    CHECK(iso8601_utc(1767225600000) == "2026-01-01T00:00:00.000Z");
    CHECK(iso8601_utc(1772368205123) == "2026-03-01T12:30:05.123Z");
    CHECK(iso8601_utc(1835395199999) == "2028-02-28T23:59:59.999Z");
    CHECK(iso8601_utc(-1) == "1969-12-31T23:59:59.999Z");
}

TEST_CASE("a delivery is one JSON line holding the whole lead") {
    Json lead = {{"id", 3}, {"name", "Анна"}, {"phone", "+79161234567"}, {"text", "строка\nвторая"}};
    Delivery d = testing::make_delivery(lead, 3, 2);
    std::string line = delivery_line(d, 1767225600000);
    REQUIRE(line.back() == '\n');
    CHECK(line.find('\n') == line.size() - 1);  // a newline in the lead is escaped, not a new line
    Json j = Json::parse(line);
    CHECK(j == Json{{"idempotency_key", "lead-3"}, {"job_id", 3}, {"attempt", 2}, {"kind", "lead"}, {"tenant", "t1"},
                    {"sink", "test"}, {"written_at", "2026-01-01T00:00:00.000Z"}, {"lead", lead}});
    CHECK(idempotency_key_of(line) == std::optional<std::string>("lead-3"));
}

TEST_CASE("lines that are not ours carry no key") {
    CHECK_FALSE(idempotency_key_of(""));
    CHECK_FALSE(idempotency_key_of("{\"idempotency_key\": \"lead-1\", \"le"));
    CHECK_FALSE(idempotency_key_of("[1,2]"));
    CHECK_FALSE(idempotency_key_of("{\"idempotency_key\": 5}"));
    CHECK_FALSE(idempotency_key_of("{\"idempotency_key\": \"\"}"));
    CHECK_FALSE(idempotency_key_of("written by hand"));
}

TEST_CASE("an existing file is indexed by key and line") {
    LedgerIndex empty = index_ledger("");
    CHECK(empty.lines == 0);
    CHECK_FALSE(empty.ends_mid_line);

    LedgerIndex i = index_ledger("{\"idempotency_key\":\"a\"}\nnot json\n\n{\"idempotency_key\":\"b\"}\n{\"idempotency_key\":\"a\"}\n");
    CHECK(i.lines == 5);
    CHECK_FALSE(i.ends_mid_line);
    CHECK(i.line_of_key == std::map<std::string, int64_t>{{"a", 1}, {"b", 4}});

    LedgerIndex torn = index_ledger("{\"idempotency_key\":\"a\"}\n{\"idempotency_key\":\"c\"}");
    CHECK(torn.lines == 2);
    CHECK(torn.ends_mid_line);
    CHECK_FALSE(torn.line_of_key.count("c"));  // never acknowledged: it will be written again
}
