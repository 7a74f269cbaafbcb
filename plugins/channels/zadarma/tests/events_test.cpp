// Every Zadarma event through the real exports: only the end of an incoming call is a lead, with
// the call's details; the rest are answered as Zadarma needs and produce nothing.
#include <catch2/catch.hpp>

#include "zadarma_api.hpp"
#include "zadarma_request.hpp"

using namespace leadhub::sdk;
using namespace zadarma_test;

TEST_CASE("the end of an incoming call is one lead, missed unless answered") {
    struct Case {
        std::string disposition, duration;
        bool missed;
    };
    for (const auto& c : std::vector<Case>{{"answered", "75", false},
                                           {"busy", "0", true},
                                           {"cancel", "0", true},
                                           {"no answer", "0", true},
                                           {"failed", "0", true},
                                           {"no money, no limit", "0", true},
                                           {"line limit", "0", true}}) {
        INFO("disposition " << c.disposition);
        Account a;
        auto r = a.plugin.webhook(signed_post(notify_end({{"disposition", c.disposition}, {"duration", c.duration}, {"is_recorded", "1"}, {"call_id_with_rec", "1712.99"}})));
        CHECK(r.status == 200);
        REQUIRE(r.messages.size() == 1);
        const Message& m = r.messages[0];
        CHECK(m.channel == "call");
        CHECK(m.phone == std::optional<std::string>("+79161234567"));
        CHECK(m.external_user_id == std::optional<std::string>("+79161234567"));
        CHECK(m.external_message_id == std::optional<std::string>("in_abc123"));
        CHECK_FALSE(m.name.has_value());
        CHECK_FALSE(m.text.has_value());
        CHECK(m.event == MessageEvent::customer_message);
        const Json& call = m.extra.at("call");
        CHECK(call["provider"] == "zadarma");
        CHECK(call["direction"] == "in");
        CHECK(call["missed"] == c.missed);
        CHECK(call["disposition"] == c.disposition);
        CHECK(call["duration_sec"] == std::stoi(c.duration));
        CHECK(call["called_number"] == "74951234567");
        CHECK(call["extension"] == "100");
        CHECK(call["started_at"] == "2026-03-10 13:05:12");
        CHECK(call["recorded"] == true);
        CHECK(call["recording_id"] == "1712.99");
        CHECK(call["status_code"] == 19);
        CHECK(a.host.metrics["zadarma_calls"] == 1);
        CHECK(a.host.metrics["zadarma_missed_calls"] == (c.missed ? 1 : 0));
    }
}

TEST_CASE("NOTIFY_START and NOTIFY_IVR are answered with an empty body, so Zadarma routes the call as usual") {
    for (const char* event : {"NOTIFY_START", "NOTIFY_IVR"}) {
        INFO(event);
        Account a;
        FieldList f = {{"event", event}, {"call_start", "2026-03-10 13:05:12"}, {"pbx_call_id", "in_1"},
                       {"caller_id", "79161234567"}, {"called_did", "74951234567"}};
        auto r = a.plugin.webhook(signed_post(f));
        CHECK(r.status == 200);
        CHECK(r.body.empty());
        CHECK(r.messages.empty());
    }
}

TEST_CASE("per-leg, outgoing and recording events are answered 200 and make nothing") {
    const std::vector<FieldList> events = {
        {{"event", "NOTIFY_INTERNAL"}, {"call_start", "2026-03-10 13:05:12"}, {"pbx_call_id", "in_1"}, {"caller_id", "79161234567"}, {"called_did", "74951234567"}, {"internal", "101"}},
        {{"event", "NOTIFY_ANSWER"}, {"call_start", "2026-03-10 13:05:12"}, {"pbx_call_id", "in_1"}, {"caller_id", "79161234567"}, {"destination", "101"}, {"internal", "101"}},
        {{"event", "NOTIFY_OUT_START"}, {"call_start", "2026-03-10 14:00:00"}, {"pbx_call_id", "out_1"}, {"internal", "100"}, {"destination", "79161234567"}},
        {{"event", "NOTIFY_OUT_END"}, {"call_start", "2026-03-10 14:00:00"}, {"pbx_call_id", "out_1"}, {"internal", "100"}, {"destination", "79161234567"}, {"duration", "12"}, {"disposition", "answered"}, {"status_code", "16"}, {"is_recorded", "0"}, {"call_id_with_rec", ""}},
        // An internal call, extension to extension, is reported as an outgoing one.
        {{"event", "NOTIFY_OUT_END"}, {"call_start", "2026-03-10 14:00:00"}, {"pbx_call_id", "out_2"}, {"internal", "100"}, {"destination", "101"}, {"duration", "5"}, {"disposition", "answered"}},
        {{"event", "NOTIFY_RECORD"}, {"pbx_call_id", "in_1"}, {"call_id_with_rec", "1712.99"}},
    };
    Account a;
    for (const auto& f : events) {
        INFO(f[0].second);
        auto r = a.plugin.webhook(signed_post(f));
        CHECK(r.status == 200);
        CHECK(r.body == "ok");
        CHECK(r.messages.empty());
    }
    CHECK(a.host.metrics["zadarma_ignored"] == 6);
    CHECK(a.host.metrics["zadarma_calls"] == 0);
}

TEST_CASE("an event of unknown name cannot be verified: answered 200 empty, nothing used") {
    Account a;
    FieldList f = {{"event", "NOTIFY_SOMETHING_NEW"}, {"caller_id", "79161234567"}, {"pbx_call_id", "in_9"}};
    auto r = a.plugin.webhook(post(form_encode(f), "anything"));
    CHECK(r.status == 200);
    CHECK(r.body.empty());
    CHECK(r.messages.empty());
    CHECK(a.host.logged("unknown event 'NOTIFY_SOMETHING_NEW'"));
    // Without any Signature it is refused like everything else.
    CHECK(a.plugin.webhook(post(form_encode(f), "")).status == 403);
}

TEST_CASE("hidden numbers still make a lead, with no phone and a text saying so") {
    for (std::string caller : {"", "anonymous", "Anonymous", "0", "000000", "unknown", "+"}) {
        INFO("caller_id '" << caller << "'");
        Account a;
        auto r = a.plugin.webhook(signed_post(notify_end({{"caller_id", caller}})));
        CHECK(r.status == 200);
        REQUIRE(r.messages.size() == 1);
        CHECK_FALSE(r.messages[0].phone.has_value());
        CHECK_FALSE(r.messages[0].external_user_id.has_value());
        CHECK_FALSE(r.messages[0].text);
        CHECK(r.messages[0].extra["attachments_text"] == leadhub::zadarma::kHiddenNumberText);
        CHECK(r.messages[0].extra["call"]["missed"] == true);
        CHECK(r.messages[0].external_message_id == std::optional<std::string>("in_abc123"));
    }
}

TEST_CASE("caller numbers in every written form become E.164") {
    struct Case {
        std::string caller;
        std::optional<std::string> phone;
    };
    for (const auto& c : std::vector<Case>{{"79161234567", "+79161234567"},
                                           {"89161234567", "+79161234567"},
                                           {"9161234567", "+79161234567"},
                                           {"+79161234567", "+79161234567"},
                                           {"+7 (916) 123-45-67", "+79161234567"},
                                           {"380441234567", "+380441234567"},
                                           {"100", std::nullopt},
                                           {"sip:100@pbx", std::nullopt}}) {
        INFO("caller_id " << c.caller);
        Account a;
        auto r = a.plugin.webhook(signed_post(notify_end({{"caller_id", c.caller}})));
        REQUIRE(r.messages.size() == 1);
        CHECK(r.messages[0].phone == c.phone);
        CHECK(r.messages[0].external_user_id == c.phone);
        CHECK_FALSE(r.messages[0].text.has_value());  // not hidden: the raw caller stays in extra.call
        CHECK(r.messages[0].extra["call"]["caller"] == c.caller);
    }
}

TEST_CASE("the same call reported twice carries the same id, so the hub keeps one lead") {
    Account a;
    auto first = a.plugin.webhook(signed_post(notify_end()));
    auto again = a.plugin.webhook(signed_post(notify_end()));
    REQUIRE(first.messages.size() == 1);
    REQUIRE(again.messages.size() == 1);
    CHECK(first.messages[0].external_message_id == again.messages[0].external_message_id);
    CHECK(again.status == 200);  // a repeat is answered as a success, so Zadarma stops
}

TEST_CASE("a signed NOTIFY_END that is not Zadarma's shape is refused with 400, never half a lead") {
    Account a;
    auto no_id = a.plugin.webhook(signed_post(notify_end({{"pbx_call_id", ""}})));
    CHECK(no_id.status == 400);
    CHECK(no_id.body == "NOTIFY_END without pbx_call_id");
    CHECK(no_id.messages.empty());
    // Unreadable numbers of the details are left out or zero, not a failure of the whole call.
    auto odd = a.plugin.webhook(signed_post(notify_end({{"duration", "-5"}, {"status_code", "x"}, {"disposition", ""}})));
    REQUIRE(odd.messages.size() == 1);
    CHECK(odd.messages[0].extra["call"]["duration_sec"] == 0);
    CHECK_FALSE(odd.messages[0].extra["call"].contains("status_code"));
    CHECK(odd.messages[0].extra["call"]["disposition"].is_null());
    CHECK(odd.messages[0].extra["call"]["missed"] == true);
}
