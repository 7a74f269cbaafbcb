#include <catch2/catch.hpp>

#include "form_values.hpp"
#include "webform_body.hpp"

using namespace leadhub::webform;
using leadhub::webform::test::value_of;

TEST_CASE("Content-Type is read case-insensitively with its parameters") {
    CHECK(media_type("Application/X-WWW-Form-Urlencoded; charset=UTF-8") == "application/x-www-form-urlencoded");
    CHECK(content_type_parameter("multipart/form-data; boundary=\"a b\"", "boundary") == "a b");
    CHECK(content_type_parameter("multipart/form-data; Boundary=xyz; charset=utf-8", "boundary") == "xyz");
    CHECK(content_type_parameter("text/plain", "boundary").empty());
}

TEST_CASE("url-encoded bodies keep field order and repeats") {
    ParsedBody p = parse_body("application/x-www-form-urlencoded", "a=1&b=%D0%AF+x&a=2");
    REQUIRE(p.data);
    CHECK(p.data->kind == BodyKind::urlencoded);
    REQUIRE(p.data->fields.size() == 3);
    CHECK(p.data->fields[1].value == "Я x");
    CHECK(p.data->fields[2].name == "a");
}

TEST_CASE("JSON bodies become fields") {
    ParsedBody p = parse_body("application/json", R"({"name":"Анна","age":30,"vip":true,"none":null,
        "tags":["a","b"],"utm":{"source":"vk","utm_medium":"cpc"},"nested":{"x":1}})");
    REQUIRE(p.data);
    CHECK(p.data->kind == BodyKind::json);
    CHECK(value_of(*p.data, "name") == "Анна");
    CHECK(value_of(*p.data, "age") == "30");
    CHECK(value_of(*p.data, "vip") == "true");
    CHECK(value_of(*p.data, "none") == "<absent>");
    CHECK(value_of(*p.data, "utm_source") == "vk");
    CHECK(value_of(*p.data, "utm_medium") == "cpc");
    CHECK(value_of(*p.data, "nested") == R"({"x":1})");
    int tags = 0;
    for (const auto& f : p.data->fields) tags += f.name == "tags";
    CHECK(tags == 2);
    CHECK(parse_body("application/vnd.site+json", "{}").data);
}

TEST_CASE("multipart bodies give fields and record files without their bytes") {
    std::string body =
        "--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nАнна\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nline1\r\nline2\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"cv\"; filename=\"a \\\"b\\\".pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"empty_file\"; filename=\"\"\r\n\r\n\r\n"
        "--XyZ--\r\n";
    ParsedBody p = parse_body("multipart/form-data; boundary=XyZ", body);
    REQUIRE(p.data);
    CHECK(p.data->kind == BodyKind::multipart);
    REQUIRE(p.data->fields.size() == 2);
    CHECK(value_of(*p.data, "name") == "Анна");
    CHECK(value_of(*p.data, "note") == "line1\r\nline2");
    REQUIRE(p.data->files.size() == 1);
    CHECK(p.data->files[0].field == "cv");
    CHECK(p.data->files[0].filename == "a \"b\".pdf");
    CHECK(p.data->files[0].content_type == "application/pdf");
    CHECK(p.data->files[0].size == 4);
}

TEST_CASE("multipart with bare LF line ends is read too") {
    ParsedBody p = parse_multipart("b", "--b\nContent-Disposition: form-data; name=\"phone\"\n\n89031112233\n--b--\n");
    REQUIRE(p.data);
    CHECK(value_of(*p.data, "phone") == "89031112233");
}

TEST_CASE("bad bodies are refused with a status and a reason") {
    struct Case {
        std::string content_type, body;
        int status;
        std::string reason;
    };
    std::vector<Case> cases = {
        {"", "a=1", 415, "missing Content-Type"},
        {"text/plain", "a=1", 415, "unsupported Content-Type 'text/plain'"},
        {"application/x-www-form-urlencoded; charset=x-no-such-charset", "a=1", 415, "unsupported charset 'x-no-such-charset'"},
        {"application/x-www-form-urlencoded; charset=ascii", "a=%C0", 400, "field 'a' is not valid ascii"},
        {"application/json; charset=ascii", "{\"a\": \"\xC0\"}", 400, "body is not valid ascii"},
        {"application/json", "{\"name\": ", 400, "not valid JSON"},
        {"application/json", "", 400, "not valid JSON"},
        {"application/json", "[1,2]", 400, "must be an object"},
        {"application/json", "\"Анна\"", 400, "must be an object"},
        {"multipart/form-data", "--x\r\n", 400, "without a boundary"},
        {"multipart/form-data; boundary=x", "no boundary here", 400, "does not contain its boundary"},
        {"multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue", 400, "truncated"},
        {"multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"", 400, "no end of headers"},
        {"multipart/form-data; boundary=x", "--x", 400, "ends inside a boundary line"},
        {"multipart/form-data; boundary=x", "--x\r\nContent-Type: text/plain\r\n\r\nv\r\n--x--", 400, "without Content-Disposition"},
    };
    for (const auto& c : cases) {
        INFO(c.content_type << " / " << c.body);
        ParsedBody p = parse_body(c.content_type, c.body);
        CHECK_FALSE(p.data);
        CHECK(p.status == c.status);
        CHECK_THAT(p.error, Catch::Contains(c.reason));
    }
}

TEST_CASE("a declared legacy charset is converted to UTF-8") {
    ParsedBody p = parse_body("application/x-www-form-urlencoded; charset=Windows-1251",
                              "name=%C8%E2%E0%ED&message=%CF%F0%E8%E2%E5%F2&%C8%EC%FF=x");
    REQUIRE(p.data);
    CHECK(value_of(*p.data, "name") == "Иван");
    CHECK(value_of(*p.data, "message") == "Привет");
    CHECK(value_of(*p.data, "Имя") == "x");
    CHECK(p.data->converted_from == "Windows-1251");

    p = parse_body("application/x-www-form-urlencoded; charset=koi8-r", "name=%E9%D7%C1%CE&message=%F0%D2%C9%D7%C5%D4");
    REQUIRE(p.data);
    CHECK(value_of(*p.data, "name") == "Иван");
    CHECK(value_of(*p.data, "message") == "Привет");

    p = parse_body("application/json; charset=windows-1251", "{\"name\": \"\xC0\xED\xED\xE0\"}");
    REQUIRE(p.data);
    CHECK(value_of(*p.data, "name") == "Анна");
    CHECK(p.data->converted_from == "windows-1251");
}

TEST_CASE("text that is not UTF-8 is read as windows-1251, whatever the form said") {
    // What an old windows-1251 page's form sends: its bytes, and no charset at all.
    for (const std::string type : {"application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=UTF-8"}) {
        INFO(type);
        ParsedBody p = parse_body(type, "name=%C8%E2%E0%ED&phone=89131234567&message=%CF%F0%E8%E2%E5%F2");
        REQUIRE(p.data);
        CHECK(value_of(*p.data, "name") == "Иван");
        CHECK(value_of(*p.data, "message") == "Привет");
        CHECK(value_of(*p.data, "phone") == "89131234567");
        CHECK(p.data->converted_from == "windows-1251");
    }
    const std::string multipart =
        "--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n\xC0\xED\xED\xE0\r\n"
        "--b\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"\xF4\xEE\xF2\xEE.jpg\"\r\n"
        "Content-Type: image/jpeg\r\n\r\nJPEG\r\n--b--\r\n";
    ParsedBody p = parse_body("multipart/form-data; boundary=b", multipart);
    REQUIRE(p.data);
    CHECK(value_of(*p.data, "name") == "Анна");
    REQUIRE(p.data->files.size() == 1);
    CHECK(p.data->files[0].filename == "фото.jpg");
}

TEST_CASE("UTF-8 labelled as a legacy charset is still read as UTF-8") {
    ParsedBody p = parse_body("application/x-www-form-urlencoded; charset=ISO-8859-1",
                              "name=%D0%98%D0%B2%D0%B0%D0%BD&note=%C8%E2%E0%ED");
    REQUIRE(p.data);
    CHECK(value_of(*p.data, "name") == "Иван");
    // The field that is not UTF-8 is read in the declared charset.
    CHECK(value_of(*p.data, "note") == "\u00C8\u00E2\u00E0\u00ED");
}

TEST_CASE("UTF-8 text is left as it is") {
    ParsedBody p = parse_body("application/x-www-form-urlencoded",
                              "name=%D0%98%D0%B2%D0%B0%D0%BD&message=%F0%9F%98%80&plain=abc");
    REQUIRE(p.data);
    CHECK(value_of(*p.data, "name") == "Иван");
    CHECK(value_of(*p.data, "message") == "😀");
    CHECK(p.data->converted_from.empty());
    // A byte that is neither UTF-8 nor windows-1251 (0x98) is left for the SDK to replace.
    p = parse_body("application/x-www-form-urlencoded", "name=%98");
    REQUIRE(p.data);
    CHECK(value_of(*p.data, "name") == "\x98");
    CHECK(p.data->converted_from.empty());
}
