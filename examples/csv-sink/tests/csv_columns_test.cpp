// Column names, the cell each takes from a lead, titles and the time zone of created_at.
#include <catch2/catch.hpp>

#include "csv_columns.hpp"

using namespace csv_sink;
using leadhub::sdk::Json;

namespace {
Json sample_lead() {
    return {{"id", 42}, {"tenant", "salon"}, {"source", "site"}, {"channel", "webform"}, {"name", "Анна"},
            {"phone", "+79131234567"}, {"email", nullptr}, {"text", "Маникюр завтра"},
            {"utm", {{"utm_source", "vk"}, {"utm_campaign", "spring"}}}, {"created_at", "2026-03-10T20:30:00.123Z"},
            {"extra", {{"form_id", "rec123"}, {"fields", {{"Удобное время", "вечер"}}}}},
            {"services", {"manicure"}}, {"urgent", true}};
}
}  // namespace

TEST_CASE("known fields, utm tags and extra keys are columns") {
    for (const auto& column : known_lead_columns()) CHECK(column_problem(column).empty());
    CHECK(column_problem("utm_source").empty());
    CHECK(column_problem("utm_yclid").empty());
    CHECK(column_problem("extra.form_id").empty());
    CHECK(column_problem("lead.intent").empty());
}

TEST_CASE("anything else is refused, a typo with a suggestion") {
    CHECK(column_problem("emial").rfind("unknown column 'emial' (did you mean 'email'?)", 0) == 0);
    CHECK(column_problem("emial").find("lead.<field>") != std::string::npos);
    CHECK(column_problem("utm_sorce").empty());  // any tag may exist, so no typo check there
    CHECK(column_problem("budget") == "unknown column 'budget' (a lead field newer than this plugin is written as lead.<field>)");
    CHECK_FALSE(column_problem("utm_").empty());
    CHECK_FALSE(column_problem("extra.").empty());
    CHECK_FALSE(column_problem("lead.").empty());
    CHECK_FALSE(column_problem("").empty());
}

TEST_CASE("cells come from the lead: strings as they are, numbers as digits, null as empty") {
    Json lead = sample_lead();
    CHECK(column_value(lead, "id", 0) == "42");
    CHECK(column_value(lead, "name", 0) == "Анна");
    CHECK(column_value(lead, "email", 0) == "");
    CHECK(column_value(lead, "external_user_id", 0) == "");
    CHECK(column_value(lead, "utm_source", 0) == "vk");
    CHECK(column_value(lead, "utm_medium", 0) == "");
    CHECK(column_value(lead, "extra.form_id", 0) == "rec123");
    CHECK(column_value(lead, "extra.fields", 0) == R"({"Удобное время":"вечер"})");
    CHECK(column_value(lead, "extra.missing", 0) == "");
    CHECK(column_value(lead, "lead.source", 0) == "site");
    CHECK(column_value(lead, "lead.services", 0) == R"(["manicure"])");
    CHECK(column_value(lead, "lead.urgent", 0) == "true");
    CHECK(column_value(lead, "lead.missing", 0) == "");
}

TEST_CASE("a lead without utm or extra, or not an object at all, gives empty cells") {
    Json lead = {{"name", "Борис"}, {"utm", nullptr}};
    CHECK(column_value(lead, "utm_source", 0) == "");
    CHECK(column_value(lead, "extra.form_id", 0) == "");
    CHECK(column_value(Json::array(), "name", 0) == "");
}

TEST_CASE("created_at is written in the chosen time zone, in a form spreadsheets read as a date") {
    Json lead = sample_lead();
    CHECK(column_value(lead, "created_at", 0) == "2026-03-10 20:30:00");
    CHECK(column_value(lead, "created_at", 7) == "2026-03-11 03:30:00");
    CHECK(column_value(lead, "created_at", -5) == "2026-03-10 15:30:00");
    CHECK(local_time_text("2026-12-31T23:00:00Z", 3) == "2027-01-01 02:00:00");
}

TEST_CASE("a created_at that is not an ISO UTC time is kept as it is") {
    CHECK(local_time_text("вчера", 3) == "вчера");
    CHECK(local_time_text("2026-03-10T20:30:00+03:00", 3) == "2026-03-10T20:30:00+03:00");
    CHECK(local_time_text("2026-13-10T20:30:00Z", 3) == "2026-13-10T20:30:00Z");
    CHECK(local_time_text("", 3) == "");
}

TEST_CASE("default titles are Russian and name the time zone") {
    CHECK(default_title("name", 0) == "Имя");
    CHECK(default_title("phone", 0) == "Телефон");
    CHECK(default_title("created_at", 0) == "Дата и время (UTC)");
    CHECK(default_title("created_at", 7) == "Дата и время (UTC+7)");
    CHECK(default_title("created_at", -3) == "Дата и время (UTC-3)");
    CHECK(default_title("utm_source", 0) == "utm_source");
    CHECK(default_title("extra.form_id", 0) == "form_id");
    CHECK(default_title("lead.intent", 0) == "intent");
}
