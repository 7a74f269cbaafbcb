// RFC 4180 quoting, the formula guard and reading an existing file, without I/O.
#include <catch2/catch.hpp>

#include "csv_format.hpp"

#include <fstream>
#include <sstream>

using namespace csv_sink;

TEST_CASE("plain fields stay as they are") {
    CHECK(quote_field("Анна", ',') == "Анна");
    CHECK(quote_field("", ',') == "");
    CHECK(quote_field("a;b", ',') == "a;b");
}

TEST_CASE("fields with the delimiter, quotes or line breaks are quoted, quotes doubled") {
    CHECK(quote_field("Иванова, Анна", ',') == "\"Иванова, Анна\"");
    CHECK(quote_field("a;b", ';') == "\"a;b\"");
    CHECK(quote_field("салон \"Лилия\"", ',') == "\"салон \"\"Лилия\"\"\"");
    CHECK(quote_field("строка 1\nстрока 2", ',') == "\"строка 1\nстрока 2\"");
    CHECK(quote_field("a\rb", ',') == "\"a\rb\"");
    CHECK(quote_field("a\tb", '\t') == "\"a\tb\"");
}

TEST_CASE("a record joins quoted fields and ends with CRLF") {
    CHECK(csv_record({"1", "Анна, Борис", ""}, ',') == "1,\"Анна, Борис\",\r\n");
    CHECK(csv_record({"x"}, ';') == "x\r\n");
}

TEST_CASE("cells a spreadsheet would run as formulas get an apostrophe") {
    CHECK(guard_formula("=HYPERLINK(\"http://evil\")") == "'=HYPERLINK(\"http://evil\")");
    CHECK(guard_formula("@SUM(A1)") == "'@SUM(A1)");
    CHECK(guard_formula("+cmd|' /C calc'!A0") == "'+cmd|' /C calc'!A0");
    CHECK(guard_formula("-2+3+cmd|' /C calc'!A0") == "'-2+3+cmd|' /C calc'!A0");
    CHECK(guard_formula("\t=1") == "'\t=1");
    CHECK(guard_formula("+") == "'+");
}

TEST_CASE("phone numbers, numbers and ordinary text are not touched") {
    CHECK(guard_formula("+79131234567") == "+79131234567");
    CHECK(guard_formula("+7 (913) 123-45-67") == "+7 (913) 123-45-67");
    CHECK(guard_formula("-5.5") == "-5.5");
    CHECK(guard_formula("Хочу на маникюр = завтра") == "Хочу на маникюр = завтра");
    CHECK(guard_formula("") == "");
}

TEST_CASE("records are counted with line breaks inside quotes belonging to their field") {
    auto state = scan_csv("a,b\r\n\"x\ny\",z\r\n");
    CHECK(state.records == 2);
    CHECK_FALSE(state.ends_mid_record);
    CHECK(repair_prefix(state).empty());
    CHECK(scan_csv("").records == 0);
    CHECK(scan_csv(kUtf8Bom).records == 0);
}

TEST_CASE("a last record without its line break is counted and repaired") {
    auto state = scan_csv("a,b\r\nc,d");
    CHECK(state.records == 2);
    CHECK(state.ends_mid_record);
    CHECK_FALSE(state.unclosed_quote);
    CHECK(repair_prefix(state) == "\r\n");
}

TEST_CASE("a file torn inside a quoted field gets its quote closed") {
    std::ifstream in(std::string(LEADHUB_TEST_DATA) + "/torn-last-row.csv", std::ios::binary);
    REQUIRE(in);
    std::stringstream text;
    text << in.rdbuf();
    auto state = scan_csv(text.str());
    CHECK(state.records == 3);
    CHECK(state.unclosed_quote);
    CHECK(repair_prefix(state) == "\"\r\n");
    // Repaired, the same file plus one record counts one more and ends cleanly.
    auto repaired = scan_csv(text.str() + repair_prefix(state) + csv_record({"Вера", "ok"}, ','));
    CHECK(repaired.records == 4);
    CHECK_FALSE(repaired.ends_mid_record);
}
