// The body Zadarma posts, read into fields: urlencoded and multipart, and the broken bodies
// refused with a reason (never a 500, never half a lead).
#include <catch2/catch.hpp>

#include "zadarma_form.hpp"
#include "zadarma_request.hpp"

using namespace leadhub::zadarma;
using namespace zadarma_test;

namespace {
std::string multipart_of(const FieldList& fields, const std::string& boundary, const std::string& eol = "\r\n") {
    std::string body;
    for (const auto& [k, v] : fields)
        body += "--" + boundary + eol + "Content-Disposition: form-data; name=\"" + k + "\"" + eol + eol + v + eol;
    return body + "--" + boundary + "--" + eol;
}
}  // namespace

TEST_CASE("urlencoded fields are decoded, spaces written as +") {
    auto read = read_fields("application/x-www-form-urlencoded; charset=utf-8", "event=NOTIFY_END&call_start=2026-03-10+13%3A05%3A12&x=");
    REQUIRE(read.fields);
    CHECK(field(*read.fields, "call_start") == "2026-03-10 13:05:12");
    CHECK(field(*read.fields, "x").empty());
    CHECK(field(*read.fields, "absent").empty());
    auto bare = read_fields("", "event=NOTIFY_END");  // no Content-Type: read as a form
    REQUIRE(bare.fields);
    CHECK(field(*bare.fields, "event") == "NOTIFY_END");
}

TEST_CASE("a field sent twice keeps its first value") {
    auto read = read_fields("application/x-www-form-urlencoded", "caller_id=1&caller_id=2");
    REQUIRE(read.fields);
    CHECK(field(*read.fields, "caller_id") == "1");
}

TEST_CASE("multipart bodies are read like forms and make the same lead") {
    for (const std::string content_type : {"multipart/form-data; boundary=XyZ123", "multipart/form-data; boundary=\"XyZ123\"",
                                           "Multipart/Form-Data;boundary=XyZ123"}) {
        INFO(content_type);
        Account a;
        const FieldList f = notify_end();
        auto r = a.plugin.webhook(post(multipart_of(f, "XyZ123"), sign(f), content_type));
        CHECK(r.status == 200);
        REQUIRE(r.messages.size() == 1);
        CHECK(r.messages[0].phone == std::optional<std::string>("+79161234567"));
        CHECK(r.messages[0].extra["call"]["started_at"] == "2026-03-10 13:05:12");
    }
    auto lf = read_fields("multipart/form-data; boundary=b", multipart_of({{"event", "NOTIFY_END"}}, "b", "\n"));
    REQUIRE(lf.fields);
    CHECK(field(*lf.fields, "event") == "NOTIFY_END");
}

TEST_CASE("broken bodies get 400 or 415 with the reason, and no lead") {
    struct Case {
        std::string content_type, body;
        int status;
        std::string reason;
    };
    const std::string good = multipart_of(notify_end(), "b");
    for (const auto& c : std::vector<Case>{
             {"multipart/form-data", good, 400, "boundary"},
             {"multipart/form-data; boundary=other", good, 400, "opening boundary"},
             {"multipart/form-data; boundary=b", good.substr(0, good.size() / 2), 400, "multipart"},
             {"multipart/form-data; boundary=b", good.substr(0, good.size() - 8), 400, "cut short"},
             {"multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"event\"", 400, "end of its headers"},
             {"application/json", R"({"event":"NOTIFY_END"})", 415, "Content-Type"},
             {"text/xml", "<event/>", 415, "Content-Type"},
             {"application/x-www-form-urlencoded", "", 400, "no 'event' field"},
             {"application/x-www-form-urlencoded", "caller_id=79161234567&pbx_call_id=in_1", 400, "no 'event' field"},
             {"application/x-www-form-urlencoded", "event=NOTIFY_E", 200, ""},  // truncated name: unknown event
         }) {
        INFO(c.content_type << " | " << c.body.substr(0, 60));
        Account a;
        auto r = a.plugin.webhook(post(c.body, "c2lnbmF0dXJl", c.content_type));
        CHECK(r.status == c.status);
        CHECK_THAT(r.body, Catch::Contains(c.reason));
        CHECK(r.messages.empty());
    }
}

TEST_CASE("a truncated urlencoded body fails the signature, not the server") {
    Account a;
    const FieldList f = notify_end();
    const std::string body = form_encode(f);
    // Cuts inside the signed fields (caller_id, called_did, call_start come early in the body).
    for (std::size_t cut : {body.size() / 2, body.find("call_start") + 20, std::size_t{20}}) {
        INFO("cut at " << cut);
        auto r = a.plugin.webhook(post(body.substr(0, cut), sign(f)));
        CHECK(r.status == 403);
        CHECK(r.messages.empty());
    }
    // Cut inside the unsigned tail (call_id_with_rec loses its '='): the signed call is intact.
    CHECK(a.plugin.webhook(post(body.substr(0, body.size() - 1), sign(f))).messages.size() == 1);
}

TEST_CASE("a huge or binary body is answered, not crashed on") {
    Account a;
    FieldList f = notify_end({{"padding", std::string(2'000'000, 'x')}});
    auto big = a.plugin.webhook(signed_post(f));
    CHECK(big.status == 200);
    CHECK(big.messages.size() == 1);
    FieldList bin = notify_end({{"caller_id", std::string("79\x00\xff\x1b[2J", 8)}, {"called_did", "\xd0\x9f\n\r"}});
    auto odd = a.plugin.webhook(signed_post(bin));
    REQUIRE(odd.messages.size() == 1);
    CHECK_FALSE(odd.messages[0].phone.has_value());
    CHECK(odd.messages[0].extra["call"]["called_number"] == "\xd0\x9f");  // trimmed; controls would be escaped
}
