// What crosses the boundary for conversations: a message's event and reply address, a `reply`
// delivery, and the operator's control entry, through the real C table of the echo plugin.
#include <catch2/catch.hpp>

#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sdk;
using namespace leadhub::sdk::testing;

TEST_CASE("a message's event and address survive the boundary; a customer's message writes neither") {
    Message m;
    m.channel = "telegram";
    m.text = "привет";
    Json plain = to_json(m);
    CHECK_FALSE(plain.contains("event"));
    CHECK_FALSE(plain.contains("address"));
    CHECK(message_from_json(plain).event == MessageEvent::customer_message);

    m.event = MessageEvent::business_message;
    m.address = {{"chat_id", 111}};
    Json j = to_json(m);
    CHECK(j["event"] == "business_message");
    CHECK(j["address"]["chat_id"] == 111);
    Message back = message_from_json(j);
    CHECK(back.event == MessageEvent::business_message);
    CHECK(back.address == Json{{"chat_id", 111}});

    m.event = MessageEvent::customer_blocked;
    CHECK(message_from_json(to_json(m)).event == MessageEvent::customer_blocked);
}

TEST_CASE("an unknown message event is refused, not read as a customer's message") {
    Json j = {{"channel", "vk"}, {"event", "customer_deleted"}};
    CHECK_THROWS_WITH(message_from_json(j), Catch::Contains("unknown message event 'customer_deleted'"));
}

TEST_CASE("a reply delivery carries its text, buttons, address and the customer's last message time") {
    Reply r;
    r.text = "Записали вас на 15:00";
    r.buttons = {{"ok", "Подтвердить"}, {"no", "Отменить"}};
    r.address = {{"peer_id", 5}};
    r.customer_last_message_at_ms = 1'700'000'000'000;
    Json payload = {{"job_id", 9}, {"kind", "reply"}, {"reply", to_json(r)}, {"lead", {{"id", 3}}}};
    Delivery d = delivery_from_json(payload);
    REQUIRE(d.reply);
    CHECK(d.reply->text == r.text);
    REQUIRE(d.reply->buttons.size() == 2);
    CHECK(d.reply->buttons[1].id == "no");
    CHECK(d.reply->buttons[1].title == "Отменить");
    CHECK(d.reply->address["peer_id"] == 5);
    CHECK(d.reply->customer_last_message_at_ms == 1'700'000'000'000);
    CHECK(delivery_from_json(to_json(d)).reply->text == r.text);

    Delivery lead = delivery_from_json({{"job_id", 1}, {"kind", "lead"}, {"lead", {{"id", 3}}}});
    CHECK_FALSE(lead.reply);
}

TEST_CASE("a reply delivery without a text is refused") {
    CHECK_THROWS_WITH(delivery_from_json({{"kind", "reply"}, {"reply", {{"buttons", Json::array()}}}}),
                      Catch::Contains("a reply needs a text"));
    CHECK_THROWS_WITH(delivery_from_json({{"kind", "reply"}}), Catch::Contains("a reply must be an object"));
}

TEST_CASE("make_reply_delivery builds what the hub sends") {
    Delivery d = make_reply_delivery("Здравствуйте", {{"chat_id", 7}}, 4, 1000);
    CHECK(d.kind == "reply");
    CHECK(d.job_id == 4);
    REQUIRE(d.reply);
    CHECK(d.reply->address["chat_id"] == 7);
    CHECK(d.reply->customer_last_message_at_ms == 1000);
}

TEST_CASE("control goes through the C table: an answer, a non-object wrapped, an unknown action refused") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("echo-1") == "");
    CHECK(plugin.control({{"action", "status"}}) == Json{{"name", "echo-1"}});
    CHECK(plugin.control({{"action", "array"}}) == Json{{"result", {1, 2}}});
    Json refused = plugin.control({{"action", "connect"}});
    REQUIRE(refused.contains("error"));
    CHECK_THAT(refused["error"].get<std::string>(), Catch::Contains("action 'connect' is not supported"));
}

TEST_CASE("a staff action and a CRM's status change cross the boundary and back", "[sdk][conversation]") {
    leadhub::sdk::Message m;
    m.channel = "telegram";
    m.event = leadhub::sdk::MessageEvent::staff_action;
    m.staff_action = leadhub::sdk::StaffAction{"lead-42", "take", "784512396", "", {{"callback_query_id", "33"}}};
    auto back = leadhub::sdk::message_from_json(leadhub::sdk::to_json(m));
    REQUIRE(back.staff_action);
    CHECK(back.event == leadhub::sdk::MessageEvent::staff_action);
    CHECK(back.staff_action->lead_ref == "lead-42");
    CHECK(back.staff_action->staff_external_id == "784512396");
    CHECK(back.staff_action->answer_to.at("callback_query_id") == "33");

    leadhub::sdk::Message crm;
    crm.channel = "crm";
    crm.event = leadhub::sdk::MessageEvent::lead_status;
    crm.lead_status = leadhub::sdk::LeadStatusUpdate{std::nullopt, "3466", "booked", "PROCESSED", "", "2026-12-08T18:30", "7"};
    auto crm_back = leadhub::sdk::message_from_json(leadhub::sdk::to_json(crm));
    REQUIRE(crm_back.lead_status);
    CHECK_FALSE(crm_back.lead_status->lead_id);
    CHECK(crm_back.lead_status->external_id == "3466");
    CHECK(crm_back.lead_status->booked_for == "2026-12-08T18:30");

    auto j = leadhub::sdk::to_json(crm);
    j["lead_status"]["lead_id"] = "x";
    CHECK_THROWS_AS(leadhub::sdk::message_from_json(j), std::invalid_argument);
    j.erase("lead_status");
    CHECK_THROWS_AS(leadhub::sdk::message_from_json(j), std::invalid_argument);  // the event without its data
}
