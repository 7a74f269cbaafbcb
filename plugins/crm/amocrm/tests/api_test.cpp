// The pure mapping of amoCRM's API on the documented samples (tests/data, copied from the API
// samples): the bodies sent, the answers read, every error classified; and the README table.
#include "amocrm_api.hpp"

#include <catch2/catch.hpp>

#include <leadhub/sdk/testing.hpp>

#include <fstream>

using namespace leadhub::amocrm;
using leadhub::sdk::Json;

LEADHUB_README_OPTIONS_TEST(std::string(LEADHUB_TEST_DATA) + "/../../README.md")

namespace {

Json api_sample(const std::string& file) {
    std::ifstream in(std::string(LEADHUB_TEST_DATA) + "/" + file);
    REQUIRE(in);
    return Json::parse(in);
}

leadhub::sdk::HttpResponse answer_of(const Json& sample) {
    const Json& r = sample["response"];
    leadhub::sdk::HttpResponse out;
    out.status = r["status"].get<int>();
    out.body = r["body"].is_null() ? "" : r["body"].dump();
    return out;
}

AmoOptions api_options() {
    AmoOptions o;
    o.base_url = "https://example.amocrm.ru";
    o.lead_name = "Заявка: {{service_names|без услуги}} — {{name|без имени}}";
    o.note_template = "{{channel_title}}|{{urgent_mark}}|{{utm_text}}|{{message_text}}\n{{conversation_text}}";
    o.pipeline_id = 3383152;
    o.status_id = 33929749;
    o.staff_map = {{"marina", "2004184"}};
    return o;
}

const Json api_lead = {{"id", 42}, {"tenant", "salon"}, {"key", "salon:42"}, {"channel", "webform"},
                       {"name", "Евгений"}, {"phone", "+79129876543"}, {"email", "e@example.com"},
                       {"utm", {{"utm_source", "yandex"}, {"utm_medium", "cpc"}}}, {"channel_title", "Сайт"},
                       {"service_names", {"стрижка", "окрашивание"}}, {"assignee", "marina"}, {"urgent", true},
                       {"text", "хочу записаться"},
                       {"conversation", {{{"at", "2026-01-01T10:00:00Z"}, {"kind", "customer"}, {"text", "хочу записаться"}}}}};

}  // namespace

TEST_CASE("the complex body carries one lead with the key, the stage, the user, a new contact and tags") {
    Json body = complex_body(api_options(), leadhub::sdk::lead_from_json(api_lead), std::nullopt);
    REQUIRE(body.is_array());
    REQUIRE(body.size() == 1);
    const Json& l = body[0];
    CHECK(l["name"] == "Заявка: стрижка, окрашивание — Евгений [salon:42]");
    CHECK(l["request_id"] == "salon:42");
    CHECK(l["pipeline_id"] == 3383152);
    CHECK(l["status_id"] == 33929749);
    CHECK(l["responsible_user_id"] == 2004184);
    const Json& contact = l["_embedded"]["contacts"][0];
    CHECK(contact["name"] == "Евгений");
    CHECK(contact["custom_fields_values"][0] ==
          Json{{"field_code", "PHONE"}, {"values", {{{"enum_code", "WORK"}, {"value", "+79129876543"}}}}});
    CHECK(contact["custom_fields_values"][1]["field_code"] == "EMAIL");
    CHECK(l["_embedded"]["tags"] == Json{{{"name", "Сайт"}}, {{"name", "yandex"}}});

    Json known = complex_body(api_options(), leadhub::sdk::lead_from_json(api_lead), 12117258);
    CHECK(known[0]["_embedded"]["contacts"] == Json{{{"id", 12117258}}});
    AmoOptions bare = api_options();
    bare.pipeline_id.reset();
    bare.status_id.reset();
    Json unassigned = api_lead;
    unassigned["assignee"] = "nobody";
    Json plain = complex_body(bare, leadhub::sdk::lead_from_json(unassigned), std::nullopt);
    CHECK_FALSE(plain[0].contains("pipeline_id"));
    CHECK_FALSE(plain[0].contains("responsible_user_id"));
}

TEST_CASE("the note holds the reading and the conversation; a merge says so") {
    auto lead = leadhub::sdk::lead_from_json(api_lead);
    std::string text = lead_note_text(api_options(), lead, false);
    CHECK(text.find("Сайт|Срочно!|utm_medium=cpc, utm_source=yandex|хочу записаться") == 0);
    CHECK(text.find("Клиент: хочу записаться") != std::string::npos);
    CHECK(lead_note_text(api_options(), lead, true).find("объединил") != std::string::npos);
    Json sample = api_sample("leads.notes.add.json")["request"]["body"];
    CHECK(note_body(9774766, sample[0]["params"]["text"].get<std::string>()) == sample);
}

TEST_CASE("the search asks for the phone's digits, else the e-mail, percent-encoded") {
    auto lead = leadhub::sdk::lead_from_json(api_lead);
    CHECK(contact_query(lead) == "79129876543");
    Json mail_only = api_lead;
    mail_only.erase("phone");
    CHECK(contact_query(leadhub::sdk::lead_from_json(mail_only)) == "e@example.com");
    CHECK(search_query_string("e@example.com", 5) == "?query=e%40example.com&limit=5");
    CHECK(search_query_string("salon:42", 50) == "?query=salon%3A42&limit=50");
}

TEST_CASE("answers: contacts, complex, merged, tokens, lead search by key") {
    CHECK(first_contact_id(api_sample("contacts.search-by-phone.json")["response"]["body"]) == 12117258);
    CHECK_FALSE(first_contact_id(nullptr));
    CHECK_FALSE(first_contact_id(Json{{"_embedded", {{"contacts", Json::array()}}}}));
    CHECK(first_contact_id(Json{{"_embedded", {{"contacts", {{{"id", "77"}}}}}}}) == 77);
    auto created = read_complex(api_sample("leads.complex.json")["response"]["body"]);
    REQUIRE(created);
    CHECK(created->id == 9774766);
    CHECK_FALSE(created->merged);
    CHECK(read_complex(api_sample("leads.complex.merged.json")["response"]["body"])->merged);
    CHECK_FALSE(read_complex(Json::array()));
    CHECK_FALSE(read_complex(Json{{{"id", nullptr}}}));
    auto tokens = read_tokens(api_sample("oauth2.access_token.refresh_token.json")["response"]["body"]);
    REQUIRE(tokens);
    CHECK(tokens->access_token == "yyyyyy");
    CHECK(tokens->refresh_token == "yyyyy");
    CHECK_FALSE(read_tokens(Json{{"access_token", "a"}}));
    Json leads = {{"_embedded", {{"leads", {{{"id", 1}, {"name", "x [salon:420]"}}, {{"id", 2}, {"name", "y [salon:42]"}}}}}}};
    CHECK(find_lead_by_key(leads, "salon:42") == 2);
    CHECK_FALSE(find_lead_by_key(leads, "salon:4"));
}

TEST_CASE("error answers are classified as amoCRM documents them") {
    auto c401 = classify(answer_of(api_sample("error.401.json")), "x");
    REQUIRE(c401);
    CHECK(c401->kind == Failure::Kind::unauthorized);
    CHECK(classify(answer_of(api_sample("error.402.json")), "x")->kind == Failure::Kind::payment);
    auto c429 = classify(answer_of(api_sample("error.429.json")), "x");
    CHECK(c429->kind == Failure::Kind::retry);
    CHECK(c429->retry_after_ms == 300000);
    leadhub::sdk::HttpResponse header_only{429, {{"Retry-After", "7"}}, "", ""};
    CHECK(classify(header_only, "x")->retry_after_ms == 7000);
    auto c400 = classify(answer_of(api_sample("leads.complex.validation-error.json")), "x");
    CHECK(c400->kind == Failure::Kind::permanent);
    CHECK(c400->reason.find("custom_fields_values.0.field_id: The value you selected") != std::string::npos);
    CHECK(c400->reason.find("status_id: This value should be of type array.") != std::string::npos);
    auto oauth = classify(answer_of(api_sample("oauth2.access_token.error.json")), "x");
    CHECK(oauth->kind == Failure::Kind::permanent);
    CHECK(oauth->reason.find("Token has been revoked") != std::string::npos);
    CHECK(classify({403, {}, "Forbidden", ""}, "x")->kind == Failure::Kind::forbidden);
    CHECK(classify({504, {}, "", ""}, "x")->kind == Failure::Kind::retry);
    CHECK(classify({0, {}, "", "timeout"}, "x")->kind == Failure::Kind::retry);
    CHECK_FALSE(classify(answer_of(api_sample("contacts.search-by-phone.no-match.json")), "x"));

    std::optional<Failure> failure;
    CHECK(read_json({200, {}, "<html><body>Bad gateway</body></html>", ""}, "поиск", failure).is_null());
    REQUIRE(failure);
    CHECK(failure->kind == Failure::Kind::retry);
    CHECK(failure->reason.find("<html>") != std::string::npos);
    failure.reset();
    CHECK(read_json({204, {}, "", ""}, "поиск", failure).is_null());
    CHECK_FALSE(failure);
}
