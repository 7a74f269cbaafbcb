// Zadarma's Signature: the formula per event, the public sample's value, and every way a
// signature can be wrong, through the plugin's real exports.
#include <catch2/catch.hpp>

#include "zadarma_request.hpp"
#include "zadarma_signature.hpp"

using namespace leadhub::zadarma;
using namespace zadarma_test;

TEST_CASE("the signature is Base64 of the hex HMAC-SHA1, as in the public sample") {
    // call-zadarma-02: the secret, the signed string and the header Zadarma sent.
    CHECK(signature_of("a8e91d214fb728889c7e", "79161234567749512345672026-03-10 13:05:12") ==
          "YjVkMmI1OWE2NGYwNGNkMGU0NWQ1MGZkMWU4MzJlY2ZhN2MyN2M5Ng==");
    // RFC 2202 test case 2 (HMAC-SHA1 "Jefe"), hex then Base64.
    CHECK(signature_of("Jefe", "what do ya want for nothing?") ==
          "ZWZmY2RmNmFlNWViMmZhMmQyNzQxNmQ1ZjE4NGRmOWMyNTlhN2M3OQ==");
}

TEST_CASE("each event signs its own fields") {
    Fields f = {{"caller_id", "A"}, {"called_did", "B"}, {"call_start", "C"}, {"destination", "D"},
                {"internal", "E"},  {"pbx_call_id", "F"}, {"call_id_with_rec", "G"}};
    auto with = [&](const char* event) {
        Fields g = f;
        g["event"] = event;
        return signed_string(g);
    };
    for (const char* e : {"NOTIFY_START", "NOTIFY_INTERNAL", "NOTIFY_END", "NOTIFY_IVR"}) CHECK(with(e) == std::optional<std::string>("ABC"));
    CHECK(with("NOTIFY_ANSWER") == std::optional<std::string>("ADC"));
    CHECK(with("NOTIFY_OUT_START") == std::optional<std::string>("EDC"));
    CHECK(with("NOTIFY_OUT_END") == std::optional<std::string>("EDC"));
    CHECK(with("NOTIFY_RECORD") == std::optional<std::string>("FG"));
    CHECK_FALSE(with("NOTIFY_SOMETHING_NEW").has_value());
    CHECK_FALSE(with("notify_end").has_value());  // names are exact
}

TEST_CASE("a good signature is taken, a bad, missing or stale one is refused with 403, for every event") {
    const std::vector<FieldList> events = {
        notify_end(),
        {{"event", "NOTIFY_START"}, {"call_start", "2026-03-10 13:05:12"}, {"pbx_call_id", "in_1"}, {"caller_id", "79161234567"}, {"called_did", "74951234567"}},
        {{"event", "NOTIFY_IVR"}, {"call_start", "2026-03-10 13:05:12"}, {"pbx_call_id", "in_1"}, {"caller_id", "79161234567"}, {"called_did", "74951234567"}},
        {{"event", "NOTIFY_INTERNAL"}, {"call_start", "2026-03-10 13:05:12"}, {"pbx_call_id", "in_1"}, {"caller_id", "79161234567"}, {"called_did", "74951234567"}, {"internal", "100"}},
        {{"event", "NOTIFY_ANSWER"}, {"call_start", "2026-03-10 13:05:12"}, {"pbx_call_id", "in_1"}, {"caller_id", "79161234567"}, {"destination", "100"}},
        {{"event", "NOTIFY_OUT_START"}, {"call_start", "2026-03-10 13:05:12"}, {"pbx_call_id", "out_1"}, {"internal", "100"}, {"destination", "79161234567"}},
        {{"event", "NOTIFY_OUT_END"}, {"call_start", "2026-03-10 13:05:12"}, {"pbx_call_id", "out_1"}, {"internal", "100"}, {"destination", "79161234567"}, {"duration", "30"}, {"disposition", "answered"}},
        {{"event", "NOTIFY_RECORD"}, {"pbx_call_id", "in_1"}, {"call_id_with_rec", "1234.5678"}},
    };
    for (const auto& fields : events) {
        INFO("event " << fields[0].second);
        Account a;
        const std::string body = form_encode(fields), good = sign(fields);
        CHECK(a.plugin.webhook(post(body, good)).status == 200);

        CHECK(a.plugin.webhook(post(body, "")).status == 403);                           // missing
        CHECK(a.plugin.webhook(post(body, sign(fields, "another-secret"))).status == 403);  // another secret
        std::string flipped = good;
        flipped[3] = flipped[3] == 'A' ? 'B' : 'A';
        CHECK(a.plugin.webhook(post(body, flipped)).status == 403);                       // one byte of the header
        // One byte of a signed field changed (its last character): the old signature no longer fits.
        FieldList changed = fields;
        std::string& v = changed[1].second;
        v.back() = v.back() == '1' ? '2' : '1';
        auto r = a.plugin.webhook(post(form_encode(changed), good));
        CHECK(r.status == 403);
        CHECK(r.messages.empty());
        CHECK(a.host.metrics["zadarma_signature_failures"] == 4);
    }
}

TEST_CASE("a signature of the raw digest (not its hex text) is refused") {
    Account a;
    // What a reader of the formula who skipped PHP's hex step would send.
    CHECK(a.plugin.webhook(post(form_encode(notify_end()), "tdK1mmTwTNDkXVD9HoMuz6fCfJY=")).status == 403);
}

TEST_CASE("fields outside the signed string (disposition, duration) are read as sent") {
    // Zadarma signs only caller_id, called_did and call_start for NOTIFY_END: the rest is as sent.
    Account a;
    FieldList f = notify_end();
    const std::string good = sign(f);
    FieldList answered = notify_end({{"disposition", "answered"}, {"duration", "61"}});
    auto r = a.plugin.webhook(post(form_encode(answered), good));
    REQUIRE(r.status == 200);
    REQUIRE(r.messages.size() == 1);
    CHECK(r.messages[0].extra["call"]["missed"] == false);
}

