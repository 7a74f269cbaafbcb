// Mango's sign: the formula, the public sample's value, and every way a request can fail it,
// through the plugin's real exports.
#include <catch2/catch.hpp>

#include "mango_request.hpp"
#include "mango_sign.hpp"

using namespace leadhub::mango;
using namespace mango_test;

TEST_CASE("sign is the hex SHA-256 of key + json + salt, as in the public sample") {
    const std::string json =
        R"({"entry_id":"MzUyODMzNzk3NTo0MDE=","call_direction":1,"from":{"number":"79031234567"},"to":{"number":"74951234567","line_number":"74951234567"},"line_number":"74951234567","create_time":1773137100,"forward_time":1773137103,"talk_time":0,"end_time":1773137131,"entry_result":0,"disconnect_reason":1100})";
    CHECK(sign_of(kKey, json, kSalt) == "42e7e087a4fb964a631ce00c8285420e909398b3a9885c0a3742453ae96307fe");
    CHECK(sign_of("", "abc", "") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");  // FIPS 180-2 "abc"
}

TEST_CASE("a good sign is taken; a bad, missing or stale one, or another VPBX's key, gets 403") {
    for (const std::string path : {"/events/summary", "/events/call", "/events/recording", "/result/callback"}) {
        INFO(path);
        Vpbx v;
        const std::string json = summary();
        const std::string good = sign_of(kKey, json, kSalt);
        CHECK(v.plugin.webhook(signed_event(path, json)).status == 200);

        std::string one_byte = json;
        one_byte[one_byte.find("79031234567") + 10] = '8';  // the caller's last digit
        std::vector<std::string> bad_bodies = {
            body_of(json, sign_of(kKey, json, "another-salt")),                   // another salt
            body_of(json, ""),                                                    // empty sign
            "vpbx_api_key=" + kKey + "&json=" + percent(json),                    // no sign
            "sign=" + good + "&json=" + percent(json),                            // no key
            body_of(json, good, "another-vpbx-key"),                              // another VPBX's key
            body_of(json, sign_of("another-vpbx-key", json, kSalt), "another-vpbx-key"),  // signed with its own key
            body_of(one_byte, good),                                              // json changed by one byte
            body_of(json + " ", good),                                            // json with a byte added
            body_of(json, good.substr(0, 63) + (good[63] == '0' ? "1" : "0")),    // sign changed by one byte
            body_of(json, good.substr(0, 32)),                                    // sign cut short
        };
        for (const auto& body : bad_bodies) {
            auto r = v.plugin.webhook(post(path, body));
            CHECK(r.status == 403);
            CHECK(r.messages.empty());
        }
        CHECK(v.host.metrics["mango_signature_failures"] == static_cast<double>(bad_bodies.size()));
    }
}

TEST_CASE("a sign written in upper case hex is the same sign") {
    Vpbx v;
    const std::string json = summary();
    std::string upper = sign_of(kKey, json, kSalt);
    for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'f' ? c - 32 : c);
    CHECK(v.plugin.webhook(post("/events/summary", body_of(json, upper))).messages.size() == 1);
}

TEST_CASE("the sign is checked before the json is read: a bad sign over broken json is 403, not 400") {
    Vpbx v;
    CHECK(v.plugin.webhook(post("/events/summary", body_of("{broken", "00"))).status == 403);
}

