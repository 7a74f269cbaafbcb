// What the config decides about a source's event on a lead (lead_actions.hpp) and the names a
// delivery's lead gets (lead_description.hpp).
#include "pipeline/lead_actions.hpp"
#include "pipeline/lead_description.hpp"
#include "pipeline_support.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace leadhub::pipeline;

namespace {

config::TenantConfig salon_with_staff() {
    auto t = testing::salon_tenant();
    config::StaffConfig marina;
    marina.id = "marina";
    marina.name = "Марина Кузнецова";
    marina.contacts = {{"telegram", "784512396"}, {"phone", "+79130000001"}};
    t.staff = {marina};
    return t;
}

sdk::Message press(const std::string& action, const std::string& from, const std::string& ref = "lead-42") {
    sdk::Message m;
    m.channel = "telegram";
    m.external_message_id = "cb:3384028735126498513";
    m.event = sdk::MessageEvent::staff_action;
    m.staff_action = sdk::StaffAction{ref, action, from, action == "reply" ? "Здравствуйте!" : "", {{"message_id", 163}}};
    return m;
}

}  // namespace

TEST_CASE("a staff member's press is theirs only when the platform's id is one of their contacts") {
    auto tenant = salon_with_staff();
    auto take = prepare_action(tenant, "staffbot", press("take", "784512396"));
    CHECK(take.kind == store::LeadAction::Kind::take);
    CHECK(take.lead_id == 42);
    CHECK(take.staff_id == "marina");
    CHECK(take.staff_chat);
    CHECK(take.event_id == "cb:3384028735126498513");
    REQUIRE(take.result_notice);
    CHECK((*take.result_notice)["staff"]["name"] == "Марина Кузнецова");
    CHECK((*take.result_notice)["answer_to"]["message_id"] == 163);

    auto stranger = prepare_action(tenant, "staffbot", press("take", "1"));
    CHECK_FALSE(stranger.lead_id);  // acts on nothing
    CHECK(stranger.external_id.empty());

    CHECK(prepare_action(tenant, "staffbot", press("junk", "784512396")).change.status == "lost");
    CHECK(prepare_action(tenant, "staffbot", press("booked", "784512396")).change.status == "booked");
    CHECK(prepare_action(tenant, "staffbot", press("later", "784512396")).change.status == "in_work");
    auto reply = prepare_action(tenant, "staffbot", press("reply", "784512396"));
    CHECK(reply.kind == store::LeadAction::Kind::reply);
    CHECK(reply.text == "Здравствуйте!");
    CHECK_THROWS_AS(prepare_action(tenant, "staffbot", press("dance", "784512396")), std::invalid_argument);
    CHECK_FALSE(prepare_action(tenant, "staffbot", press("take", "784512396", "lead-8d41b7")).lead_id);
}

TEST_CASE("a CRM's status change names the lead by the hub's id or by the CRM's own") {
    sdk::Message m;
    m.channel = "crm";
    m.event = sdk::MessageEvent::lead_status;
    m.lead_status = sdk::LeadStatusUpdate{std::nullopt, "9774766", "in_work", "33929752", "", "", "amo-user-5"};
    auto action = prepare_action(testing::salon_tenant(), "amo", m);
    CHECK(action.kind == store::LeadAction::Kind::status);
    CHECK(action.external_id == "9774766");
    CHECK(action.change.status == "in_work");
    CHECK(action.change.actor == "amo-user-5");
    CHECK(action.change.via == "amo");
    CHECK(action.change.detail["crm_status"] == "33929752");
    m.lead_status->lead_id = 7;
    CHECK(prepare_action(testing::salon_tenant(), "amo", m).lead_id == 7);
    m.lead_status->status = "signed";
    CHECK_THROWS_AS(prepare_action(testing::salon_tenant(), "amo", m), std::invalid_argument);
}

TEST_CASE("lead refs and the names a delivery's lead is given") {
    CHECK(lead_id_from_ref("42") == 42);
    CHECK(lead_id_from_ref("lead-7") == 7);
    CHECK_FALSE(lead_id_from_ref("lead-"));
    CHECK_FALSE(lead_id_from_ref("-5"));
    CHECK_FALSE(lead_id_from_ref("42abc"));

    nlohmann::json lead = {{"channel", "vk"}, {"services", {"manicure", "gone"}}, {"assignee", "marina"}};
    describe_lead(salon_with_staff(), lead);
    CHECK(lead["service_names"] == nlohmann::json{"Маникюр", "gone"});
    CHECK(lead["channel_title"] == "ВКонтакте");
    CHECK(lead["assignee_name"] == "Марина Кузнецова");
    CHECK(lead["assignee_contacts"] == nlohmann::json{{"telegram", "784512396"}, {"phone", "+79130000001"}});
    nlohmann::json nobody = {{"channel", "webform"}, {"services", nlohmann::json::array()}, {"assignee", nullptr}};
    describe_lead(salon_with_staff(), nobody);
    CHECK(nobody["assignee_name"].is_null());
    CHECK(nobody["channel_title"] == "Сайт");
}
