// The processor's input built from a lead, and its answer checked before it may replace the
// built-in reading; the processor job planned with the routes' jobs.
#include "pipeline/sink_routing.hpp"
#include "pipeline/understanding_update.hpp"
#include "pipeline_support.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace leadhub::pipeline;
using namespace leadhub::pipeline::testing;
using nlohmann::json;

namespace {

config::TenantConfig tenant_with_processor(bool enabled = true) {
    config::TenantConfig t = salon_tenant();
    config::InstanceConfig llm;
    llm.name = "llm-main";
    llm.plugin = "llm";
    llm.kind = config::InstanceKind::processor;
    llm.enabled = enabled;
    t.processors.push_back(llm);
    config::InstanceConfig crm;
    crm.name = "crm";
    crm.plugin = "http";
    crm.kind = config::InstanceKind::sink;
    t.sinks.push_back(crm);
    config::RouteConfig route;
    route.from_any = true;
    route.to = {"crm"};
    t.routes.push_back(route);
    t.understanding.processor = "llm-main";
    return t;
}

store::StoredMessage message(int64_t id, std::optional<std::string> text, int64_t received_at_ms) {
    store::StoredMessage m;
    m.id = id;
    m.text = std::move(text);
    m.received_at_ms = received_at_ms;
    return m;
}

json good_answer() {
    return {{"intent", "book"},   {"services", {"manicure"}}, {"urgent", false}, {"name", "анна"},
            {"phone", "8 913 123-45-67"}, {"date", "2026-03-03"}, {"time", "14:00"}, {"daypart", nullptr},
            {"backend", "llm"},   {"model", "gpt-4o-mini"}};
}

}  // namespace

TEST_CASE("a tenant with understanding gets the processor job first, besides its routes' jobs") {
    auto jobs = plan_jobs(tenant_with_processor(), RouteFacts{"site", "webform", "other", {}, 20});
    REQUIRE(jobs.size() == 2);
    CHECK(jobs[0].sink == "llm-main");
    CHECK(jobs[0].payload["task"] == "understand");
    CHECK(jobs[1].sink == "crm");
    CHECK(plan_jobs(tenant_with_processor(false), RouteFacts{"site", "webform", "other", {}, 20}).size() == 1);
    CHECK(plan_jobs(salon_tenant(), RouteFacts{"site", "webform", "other", {}, 20}).empty());
}

TEST_CASE("the processor reads the whole conversation with the tenant's catalog and zone") {
    config::TenantConfig t = tenant_with_processor();
    store::Lead lead;
    lead.id = 7;
    lead.channel = "telegram";
    lead.reading.intent = "question";
    // 2026-03-02 09:14 in Krasnoyarsk (UTC+7) = 02:14 UTC.
    const int64_t at = 1772417640000;
    auto in = processor_input(t, lead, {message(1, "Здравствуйте", at - 60000), message(2, std::nullopt, at - 30000),
                                         message(3, "Можно на маникюр завтра в 14?", at)});
    CHECK(in.messages_read == 3);
    REQUIRE(in.input.is_object());
    CHECK(in.input["task"] == "understand");
    CHECK(in.input["text"] == "Здравствуйте\nМожно на маникюр завтра в 14?");
    CHECK(in.input["received_at"] == "2026-03-02T09:14:00+07:00");
    CHECK(in.input["channel"] == "telegram");
    CHECK(in.input["catalog"]["timezone"] == "Asia/Krasnoyarsk");
    CHECK(in.input["catalog"]["services"][1]["id"] == "manicure");
    CHECK(in.input["baseline"]["intent"] == "question");

    auto nothing = processor_input(t, lead, {message(1, std::nullopt, at), message(2, "", at)});
    CHECK(nothing.input.is_null());
}

TEST_CASE("a good answer becomes a reading update with the tenant's score") {
    config::TenantConfig t = tenant_with_processor();
    auto answer = read_processor_answer(t, good_answer(), "llm-main", 2);
    INFO(answer.error);
    REQUIRE(answer.update);
    const auto& u = *answer.update;
    CHECK(u.reading.intent == "book");
    CHECK(u.reading.services == std::vector<std::string>{"manicure"});
    CHECK(u.reading.date == "2026-03-03");
    CHECK(u.reading.time == "14:00");
    CHECK_FALSE(u.reading.daypart);
    CHECK(u.reading.score == "hot");  // book with a date, by the default rules
    CHECK(u.name == "Анна");
    CHECK(u.phone == "+79131234567");
    CHECK(u.source == "llm-main");
    CHECK(u.messages_read == 2);

    json no_phone = good_answer();
    no_phone["phone"] = "call me";
    no_phone["date"] = nullptr;
    no_phone.erase("time");
    auto weaker = read_processor_answer(t, no_phone, "llm-main", 1);
    REQUIRE(weaker.update);
    CHECK_FALSE(weaker.update->phone);
    CHECK(weaker.update->reading.score == "warm");
}

TEST_CASE("a processor's failure is passed on with its class") {
    config::TenantConfig t = tenant_with_processor();
    auto busy = read_processor_answer(t, {{"error", "HTTP 429"}, {"retryable", true}, {"retry_after_ms", 2000}}, "llm-main", 1);
    CHECK_FALSE(busy.update);
    CHECK(busy.error == "HTTP 429");
    CHECK(busy.retryable);
    CHECK(busy.retry_after_ms == 2000);
    CHECK_FALSE(busy.invalid);
    auto refused = read_processor_answer(t, {{"error", "HTTP 401"}}, "llm-main", 1);
    CHECK_FALSE(refused.retryable);
    CHECK_FALSE(refused.invalid);
    auto bad_answer = read_processor_answer(t, {{"error", "fails the schema"}, {"retryable", false}, {"invalid_answer", true}},
                                            "llm-main", 1);
    CHECK(bad_answer.invalid);
    CHECK_FALSE(bad_answer.update);
}

TEST_CASE("an answer that fails any check is refused as a whole, naming the field") {
    config::TenantConfig t = tenant_with_processor();
    auto refused_for = [&](const std::string& field, const json& value) {
        json a = good_answer();
        if (value.is_discarded()) a.erase(field);
        else a[field] = value;
        auto answer = read_processor_answer(t, a, "llm-main", 1);
        CHECK_FALSE(answer.update);
        CHECK(answer.invalid);
        CHECK_FALSE(answer.retryable);
        return answer.error;
    };
    CHECK_THAT(refused_for("intent", "booking"), Catch::Contains("'intent'"));
    CHECK_THAT(refused_for("intent", json(json::value_t::discarded)), Catch::Contains("'intent'"));
    CHECK_THAT(refused_for("services", {"pedicure"}), Catch::Contains("service 'pedicure' is not in the tenant's catalog"));
    CHECK_THAT(refused_for("services", "manicure"), Catch::Contains("'services'"));
    CHECK_THAT(refused_for("urgent", "yes"), Catch::Contains("'urgent'"));
    CHECK_THAT(refused_for("date", "2026-02-30"), Catch::Contains("'date'"));
    CHECK_THAT(refused_for("time", "25:00"), Catch::Contains("'time'"));
    CHECK_THAT(refused_for("daypart", "night"), Catch::Contains("'daypart'"));
    CHECK_THAT(refused_for("name", 42), Catch::Contains("'name'"));
    auto not_object = read_processor_answer(t, json::array(), "llm-main", 1);
    CHECK(not_object.invalid);
    CHECK_FALSE(not_object.update);
}
