// The pure mapping between leadhub and Google's formats: ranges, URLs and every answer reader,
// over the documented shapes and their variants (extra fields, numbers as strings, other orders).
#include "sheets_api.hpp"

#include <catch2/catch.hpp>

#include <leadhub/sdk/testing.hpp>

using namespace leadhub::google_sheets;

LEADHUB_README_OPTIONS_TEST(std::string(LEADHUB_TEST_DATA) + "/../../README.md")

TEST_CASE("ranges: the sheet, the first column and the URLs") {
    CHECK(sheet_of("Заявки!A:K") == "Заявки");
    CHECK(sheet_of("'Лист 1'!B2:L") == "'Лист 1'");
    CHECK(sheet_of("A:K").empty());
    CHECK(sheet_of("Заявки") == "Заявки");
    CHECK(range_first_column("Заявки!B2:L") == "B");
    CHECK(range_first_column("Заявки").empty());
    CHECK(column_number("K") == 11);
    CHECK(column_number("AA") == 27);
    CHECK(column_letters(27) == "AA");
    SheetsOptions o{"k", "ID", "Заявки!A:K", {}, "K", "", "https://sheets.googleapis.com"};
    CHECK(append_url(o) == "https://sheets.googleapis.com/v4/spreadsheets/ID/values/%D0%97%D0%B0%D1%8F%D0%B2%D0%BA%D0%B8%21A%3AK"
                           ":append?valueInputOption=RAW&insertDataOption=INSERT_ROWS");
    CHECK(key_lookup_url(o) == "https://sheets.googleapis.com/v4/spreadsheets/ID/values/%D0%97%D0%B0%D1%8F%D0%B2%D0%BA%D0%B8%21K%3AK");
    o.range = "A:K";
    CHECK(key_lookup_url(o) == "https://sheets.googleapis.com/v4/spreadsheets/ID/values/K%3AK");
}

TEST_CASE("the token answer") {
    auto t = parse_token_answer(R"({"access_token": "ya29.x", "scope": "s", "token_type": "Bearer", "expires_in": 3599})");
    REQUIRE(t);
    CHECK(t->access_token == "ya29.x");
    CHECK(t->expires_in_s == 3599);
    CHECK(parse_token_answer(R"({"expires_in": "1800", "access_token": "a"})")->expires_in_s == 1800);
    CHECK(parse_token_answer(R"({"access_token": "a"})")->expires_in_s == 3600);
    CHECK_FALSE(parse_token_answer(R"({"access_token": ""})"));
    CHECK_FALSE(parse_token_answer("<html>"));
    CHECK_FALSE(parse_token_answer(""));
}

TEST_CASE("the error envelopes") {
    auto e = parse_error(R"({"error": {"code": 429, "message": "Quota exceeded", "status": "RESOURCE_EXHAUSTED",
        "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED"}]}})");
    REQUIRE(e);
    CHECK(e->code == 429);
    CHECK(e->status == "RESOURCE_EXHAUSTED");
    CHECK(e->reason == "RATE_LIMIT_EXCEEDED");
    auto old = parse_error(R"({"error": {"errors": [{"reason": "forbidden"}], "code": "403", "message": "a\nb"}})");
    REQUIRE(old);
    CHECK(old->code == 403);
    CHECK(old->reason == "forbidden");
    CHECK(old->message == "a\\nb");
    auto grant = parse_error(R"({"error": "invalid_grant", "error_description": "Invalid JWT Signature."})");
    REQUIRE(grant);
    CHECK(grant->status == "invalid_grant");
    CHECK(grant->message == "Invalid JWT Signature.");
    CHECK_FALSE(parse_error(R"({"ok": true})"));
    CHECK_FALSE(parse_error("[1]"));
}

TEST_CASE("the append answer and the key column") {
    CHECK(parse_updated_range(R"({"updates": {"updatedRows": 1, "updatedRange": "'Лист 1'!A5:K5"}, "extra": 1})") == "'Лист 1'!A5:K5");
    CHECK_FALSE(parse_updated_range(R"({"updates": {}})"));
    CHECK_FALSE(parse_updated_range("null"));
    auto rows = find_key(R"({"range": "Заявки!K1:K5", "values": [["a"], [], ["t:1", "x"]]})", "t:1");
    REQUIRE(rows);
    CHECK(rows->row == 3);
    CHECK(rows->sheet == "Заявки");
    auto columns = find_key(R"({"majorDimension": "COLUMNS", "range": "Заявки!K2:K9", "values": [["a", "t:1"]]})", "t:1");
    REQUIRE(columns);
    CHECK(columns->row == 3);
    CHECK(find_key(R"({"range": "K1:K9", "values": [[7]]})", "7")->row == 0);  // a number is not the key
    CHECK_FALSE(find_key(R"({"values": []})", "t:1"));
    CHECK_FALSE(find_key(R"({"range": "K:K", "values": [1]})", "t:1"));
}

TEST_CASE("a failure's outcome without I/O") {
    using leadhub::sdk::HttpResponse;
    using leadhub::sdk::Outcome;
    CHECK(classify_sheets_failure(HttpResponse{0, {}, "", "refused"}, "e").kind == Outcome::Kind::retry);
    CHECK(classify_sheets_failure(HttpResponse{503, {}, "", ""}, "e").kind == Outcome::Kind::retry);
    auto disabled = classify_sheets_failure(
        HttpResponse{403, {}, R"({"error": {"code": 403, "message": "Sheets API has not been used", "status": "PERMISSION_DENIED",
            "details": [{"reason": "SERVICE_DISABLED"}]}})", ""}, "e");
    CHECK(disabled.kind == Outcome::Kind::permanent);
    CHECK_THAT(disabled.reason, Catch::Contains("не включён"));
    auto bad_range = classify_sheets_failure(
        HttpResponse{400, {}, R"({"error": {"code": 400, "message": "Unable to parse range: X!A:K", "status": "INVALID_ARGUMENT"}})", ""}, "e");
    CHECK(bad_range.kind == Outcome::Kind::permanent);
    CHECK_THAT(bad_range.reason, Catch::Contains("Unable to parse range"));
    CHECK(classify_token_failure(HttpResponse{401, {}, R"({"error": "invalid_client", "error_description": "x"})", ""}).kind ==
          Outcome::Kind::permanent);
}
