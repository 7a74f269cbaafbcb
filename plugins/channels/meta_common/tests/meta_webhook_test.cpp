// The shared Meta checks: handshake, signature over raw bytes, constant-time comparison.
#include "meta_webhook.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using leadhub::meta::Screening;
using leadhub::meta::SignatureCheck;

namespace {

const meta::MetaSecrets secrets{"6f1d2c3b4a5e6f708192a3b4c5d6e7f8", "meatyhamhock"};

// instagram-01-text-message of the shared samples: Cyrillic written as \uXXXX escapes, signed by Meta's rule.
const std::string escaped_body =
    R"({"object":"instagram","entry":[{"time":1773136801234,"id":"17841400123456789","messaging":[{"sender":{"id":"1284567890123456"},"recipient":{"id":"17841400123456789"},"timestamp":1773136800987,"message":{"mid":"aWdfaXRlbToxOklHTWVzc2FnZToxNzg0MTQwMDEyMzQ1Njc4OTozNDAyODIzNjY4NDE3MTAzMDEyNDQyNzYwMjQ1MDAwMDAwMDAwMDE6MzIxNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODAwMDAwMDEZDZD","text":"\u0417\u0434\u0440\u0430\u0432\u0441\u0442\u0432\u0443\u0439\u0442\u0435! \u0415\u0441\u0442\u044c \u043e\u043a\u043e\u0448\u043a\u043e \u043d\u0430 \u043c\u0430\u043d\u0438\u043a\u044e\u0440 \u0432 \u0441\u0443\u0431\u0431\u043e\u0442\u0443?"}}]}]})";
const std::string escaped_signature = "sha256=a296817cdbf072639f39d61757bba63c3152fb01b55ad06d51f413f2330aee2a";

sdk::HttpRequest post(std::string body, std::string signature) {
    sdk::HttpRequest r;
    r.method = "POST";
    r.target = "/";
    r.body = std::move(body);
    if (!signature.empty()) r.headers["X-Hub-Signature-256"] = std::move(signature);
    return r;
}

sdk::HttpRequest get(std::string query) {
    sdk::HttpRequest r;
    r.method = "GET";
    r.query = std::move(query);
    return r;
}

}  // namespace

TEST_CASE("HMAC-SHA256 matches the RFC 4231 test vector") {
    CHECK(meta::hmac_sha256_hex("key", "The quick brown fox jumps over the lazy dog") ==
          "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
}

TEST_CASE("a signature over the exact escaped bytes is valid; any change is not") {
    CHECK(meta::check_signature(escaped_signature, secrets.app_secret, escaped_body) == SignatureCheck::valid);
    std::string upper = escaped_signature;
    for (std::size_t i = 7; i < upper.size(); ++i) upper[i] = static_cast<char>(std::toupper(upper[i]));
    CHECK(meta::check_signature(upper, secrets.app_secret, escaped_body) == SignatureCheck::valid);

    std::string changed = escaped_body;
    changed[changed.size() - 5] = '4';  // one byte of a \u escape
    CHECK(meta::check_signature(escaped_signature, secrets.app_secret, changed) == SignatureCheck::mismatch);
    // The same text decoded to UTF-8 is other bytes: Meta signed the escapes.
    CHECK(meta::check_signature(escaped_signature, secrets.app_secret,
                                sdk::parse_json(escaped_body).dump()) == SignatureCheck::mismatch);
    CHECK(meta::check_signature(escaped_signature, "another secret", escaped_body) == SignatureCheck::mismatch);
}

TEST_CASE("a missing or malformed signature header is refused") {
    CHECK(meta::check_signature("", "s", "{}") == SignatureCheck::missing);
    CHECK(meta::check_signature("sha1=abc", "s", "{}") == SignatureCheck::malformed);
    CHECK(meta::check_signature("sha256=xyz", "s", "{}") == SignatureCheck::malformed);
    CHECK(meta::check_signature("sha256=" + std::string(63, 'a'), "s", "{}") == SignatureCheck::malformed);
    CHECK(meta::check_signature("sha256=" + std::string(64, 'g'), "s", "{}") == SignatureCheck::malformed);
}

TEST_CASE("screening a POST: only a signed body reaches the parser") {
    auto good = meta::screen_request(post(escaped_body, escaped_signature), secrets);
    CHECK(good.verdict == Screening::Verdict::authentic);
    CHECK_FALSE(good.bad_signature);

    for (const std::string& signature : {std::string(), std::string("sha256=00"), escaped_signature + "0"}) {
        auto bad = meta::screen_request(post(escaped_body, signature), secrets);
        CHECK(bad.verdict == Screening::Verdict::refused);
        CHECK(bad.answer.status == 403);
        CHECK(bad.bad_signature);
    }
    auto put = post(escaped_body, escaped_signature);
    put.method = "PUT";
    auto refused = meta::screen_request(put, secrets);
    CHECK(refused.answer.status == 405);
    CHECK(refused.answer.headers["Allow"] == "GET, POST");
}

TEST_CASE("the verification handshake answers the challenge only to the right token") {
    auto ok = meta::screen_request(get("hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock"), secrets);
    CHECK(ok.verdict == Screening::Verdict::handshake);
    CHECK(ok.answer.status == 200);
    CHECK(ok.answer.body == "1158201444");

    auto wrong = meta::screen_request(get("hub.mode=subscribe&hub.challenge=1&hub.verify_token=meatyham"), secrets);
    CHECK(wrong.verdict == Screening::Verdict::refused);
    CHECK(wrong.answer.status == 403);
    CHECK(wrong.answer.body.find("1") == std::string::npos);

    CHECK(meta::screen_request(get("hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=meatyhamhock"), secrets).answer.status == 403);
    CHECK(meta::screen_request(get("hub.challenge=1&hub.verify_token=meatyhamhock"), secrets).answer.status == 403);
    CHECK(meta::screen_request(get(""), secrets).answer.status == 403);
    CHECK(meta::screen_request(get("hub.mode=subscribe&hub.verify_token=meatyhamhock"), secrets).answer.status == 400);
    CHECK(meta::screen_request(get("hub.mode=subscribe&hub.challenge=%0Aevil&hub.verify_token=meatyhamhock"), secrets)
              .answer.status == 400);
}

