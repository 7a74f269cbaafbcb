// multipart/form-data beyond the everyday cases of body_test.cpp: where a delimiter may stand,
// line-end variations, truncation, and a body of 24,000 parts (every one read; how long that
// takes is bench/webform_multipart's question, not a test's).
#include <catch2/catch.hpp>

#include "form_values.hpp"
#include "webform_body.hpp"

using namespace leadhub::webform;
using leadhub::webform::test::value_of;

namespace {

std::string part(const std::string& name, const std::string& value, const std::string& eol = "\r\n") {
    return "--b" + eol + "Content-Disposition: form-data; name=\"" + name + "\"" + eol + eol + value + eol;
}

}  // namespace

TEST_CASE("the boundary inside a value does not end it unless it starts a line") {
    ParsedBody p = parse_multipart("b", part("message", "a--b c --b--\r\nd--b") + part("name", "Анна") + "--b--\r\n");
    REQUIRE(p.data);
    REQUIRE(p.data->fields.size() == 2);
    CHECK(value_of(*p.data, "message") == "a--b c --b--\r\nd--b");
    CHECK(value_of(*p.data, "name") == "Анна");
}

TEST_CASE("a line that starts with the boundary but goes on is not a delimiter") {
    // RFC 2046: a delimiter line is the boundary, optional spaces or tabs, then the line end.
    ParsedBody p = parse_multipart("b", part("message", "--bx\r\n--b-\r\n--b text") + "--b--");
    REQUIRE(p.data);
    CHECK(value_of(*p.data, "message") == "--bx\r\n--b-\r\n--b text");
}

TEST_CASE("line ends may be CRLF, bare LF or mixed, and a delimiter may carry trailing spaces") {
    for (const std::string& body : std::vector<std::string>{part("a", "1", "\n") + part("b", "2", "\n") + "--b--\n",
                                    part("a", "1") + part("b", "2", "\n") + "--b--",
                                    std::string("--b \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--b  \n"
                                    "Content-Disposition: form-data; name=\"b\"\n\n2\n--b--\r\n")}) {
        INFO(body);
        ParsedBody p = parse_multipart("b", body);
        REQUIRE(p.data);
        REQUIRE(p.data->fields.size() == 2);
        CHECK(value_of(*p.data, "a") == "1");
        CHECK(value_of(*p.data, "b") == "2");
    }
}

TEST_CASE("a value keeps its own line ends; only the one before the delimiter belongs to it") {
    ParsedBody p = parse_multipart("b", part("a", "x\r\n") + part("b", "\n") + part("c", "") + "--b--");
    REQUIRE(p.data);
    CHECK(value_of(*p.data, "a") == "x\r\n");
    CHECK(value_of(*p.data, "b") == "\n");
    CHECK(value_of(*p.data, "c") == "");
}

TEST_CASE("a preamble before the first delimiter and an epilogue after the last are ignored") {
    ParsedBody p = parse_multipart("b", "This is a preamble --b\r\n" + part("a", "1") + "--b--\r\nepilogue\r\n--b\r\n");
    REQUIRE(p.data);
    REQUIRE(p.data->fields.size() == 1);
    CHECK(value_of(*p.data, "a") == "1");
}

TEST_CASE("a multipart body cut short is refused with the reason") {
    struct Case {
        std::string body, reason;
    };
    for (const auto& c : std::vector<Case>{
             {part("a", "1"), "truncated: no closing boundary"},                           // no final delimiter
             {part("a", "1") + "--b", "ends inside a boundary line"},                      // cut inside it
             {part("a", "1") + "--b\r", "ends inside a boundary line"},
             {part("a", "1") + "--b-", "truncated: no closing boundary"},                  // not a delimiter line
             {"--b\r\nContent-Disposition: form-data; name=\"a\"\r\n", "no end of headers"},
             {"--b\r\nContent-Disposition: form-data; name=\"a\"\r\n--b--", "no end of headers"},
             // The boundary never starts a line: mid-line it is text, not a delimiter.
             {"x--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1 --b--", "does not contain its boundary"},
         }) {
        INFO(c.body);
        ParsedBody p = parse_multipart("b", c.body);
        CHECK_FALSE(p.data);
        CHECK(p.status == 400);
        CHECK_THAT(p.error, Catch::Contains(c.reason));
    }
}

TEST_CASE("Content-Disposition parameters are read whatever their spacing, case and quoting") {
    ParsedBody p = parse_multipart(
        "b", "--b\r\ncontent-disposition: form-data;NAME=plain ; filename=\"a;name=x.pdf\"\r\n\r\n%PDF\r\n"
             "--b\r\nContent-Disposition: form-data; junk; name=\"q\\\"uoted\"\r\n\r\nv\r\n--b--");
    REQUIRE(p.data);
    REQUIRE(p.data->files.size() == 1);
    CHECK(p.data->files[0].field == "plain");
    CHECK(p.data->files[0].filename == "a;name=x.pdf");
    REQUIRE(p.data->fields.size() == 1);
    CHECK(p.data->fields[0].name == "q\"uoted");
}

TEST_CASE("a 1 MB body of 24,000 tiny parts is read part by part") {
    std::string body;
    for (int i = 0; i < 24000; ++i) body += "--b\r\nContent-Disposition: form-data; name=\"f" + std::to_string(i) + "\"\r\n\r\n" + std::to_string(i) + "\r\n";
    body += "--b--\r\n";
    REQUIRE(body.size() > 1000000);
    ParsedBody p = parse_body("multipart/form-data; boundary=b", body);
    REQUIRE(p.data);
    REQUIRE(p.data->fields.size() == 24000);
    int misread = 0;
    for (int i = 0; i < 24000; ++i)
        misread += p.data->fields[i].name != "f" + std::to_string(i) || p.data->fields[i].value != std::to_string(i);
    CHECK(misread == 0);
    CHECK(p.data->fields.back().value == "23999");
}
