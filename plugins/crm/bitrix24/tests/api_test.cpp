// The options and the pure mapping: requests built from a hub lead, Bitrix24's answers (the
// documented samples and their variants) read and classified, events read into status updates.
#include "bitrix24_api.hpp"
#include "bitrix24_event.hpp"
#include "bitrix24_test_support.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::bitrix24;
using namespace bitrix24_test;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

namespace {

Bitrix24Options api_options(const Json& given = webhook_options("https://portal.bitrix24.ru")) {
    Json normalized;
    auto errors = leadhub::sdk::validate_options(leadhub::sdk::options_schema(bitrix24_options().specs()), given, normalized);
    REQUIRE(errors.empty());
    return read_bitrix24_options(leadhub::sdk::Options(normalized));
}

Answer answer_of(const std::string& file, int64_t now_ms = 0) { return read_answer("m", http_answer(file), now_ms, {}); }

}  // namespace

TEST_CASE("the manifest: source and sink, Bitrix24's leaky bucket, lead updates, secrets marked") {
    FakeHost host;
    Json manifest = Harness::linked(host).manifest();
    CHECK(manifest.at("kinds") == Json::array({"source", "sink"}));
    CHECK(manifest.at("defaults").at("rate_per_second") == 1);
    CHECK(manifest.at("defaults").at("burst") == 20);
    CHECK(manifest.at("defaults").at("concurrency") == 1);
    CHECK(manifest.at("defaults").at("lead_updates") == true);
    for (const auto& o : manifest.at("options"))
        if (o.at("name") == "webhook_url" || o.at("name") == "client_secret" || o.at("name") == "refresh_token" ||
            o.at("name") == "application_token")
            CHECK(o.at("secret") == true);
}

TEST_CASE("options: one way of authorising, the application token, hub statuses, templates") {
    FakeHost host;
    auto harness = Harness::linked(host);
    CHECK(harness.create("b", webhook_options("https://p.bitrix24.ru")) == "");
    CHECK(harness.create("b", oauth_options("https://p.bitrix24.ru")) == "");
    Json none = {{"application_token", kAppToken}};
    CHECK_THAT(harness.create("b", none), Catch::Contains("webhook_url"));
    Json both = oauth_options("https://p.bitrix24.ru");
    both["webhook_url"] = "https://p.bitrix24.ru/rest/1/x/";
    CHECK_THAT(harness.create("b", both), Catch::Contains("not both"));
    Json no_token = webhook_options("https://p.bitrix24.ru");
    no_token.erase("application_token");
    CHECK_THAT(harness.create("b", no_token), Catch::Contains("application_token"));
    Json bad_status = webhook_options("https://p.bitrix24.ru");
    bad_status["crm_status_map"] = {{"NEW", "fresh"}};
    CHECK_THAT(harness.create("b", bad_status), Catch::Contains("crm_status_map"));
    Json bad_template = webhook_options("https://p.bitrix24.ru");
    bad_template["title_template"] = "{{#name}}x";
    CHECK_THAT(harness.create("b", bad_template), Catch::Contains("title_template"));
    Json bad_url = webhook_options("https://p.bitrix24.ru");
    bad_url["webhook_url"] = "p.bitrix24.ru/rest/1/x";
    CHECK_THAT(harness.create("b", bad_url), Catch::Contains("webhook_url"));

    auto o = api_options({{"webhook_url", "https://p.bitrix24.ru/rest/1/x"}, {"application_token", "t"}, {"source_map", {{"telegram", "5"}}}});
    CHECK(o.webhook_url == "https://p.bitrix24.ru/rest/1/x/");
    CHECK(source_id_for(o, "webform") == "WEB");
    CHECK(source_id_for(o, "call") == "CALL");
    CHECK(source_id_for(o, "telegram") == "5");
    CHECK(source_id_for(o, "vk") == "OTHER");
}

TEST_CASE("crm.lead.add is built from the hub's lead: multi-fields, source, UTM, assignee, comments, origin") {
    Json params = lead_add_params(api_options(), hub_lead());
    const Json& f = params.at("fields");
    CHECK(f.at("TITLE") == "Заявка: Стрижка, Окрашивание — Анна");
    CHECK(f.at("NAME") == "Анна");
    CHECK(f.at("PHONE") == Json::array({{{"VALUE", "+79161234567"}, {"VALUE_TYPE", "MOBILE"}}}));
    CHECK(f.at("EMAIL") == Json::array({{{"VALUE", "anna@example.ru"}, {"VALUE_TYPE", "WORK"}}}));
    CHECK(f.at("SOURCE_ID") == "WEB");
    CHECK(f.at("SOURCE_DESCRIPTION") == "leadhub: Сайт (site)");
    CHECK(f.at("UTM_SOURCE") == "yandex");
    CHECK(f.at("UTM_CAMPAIGN") == "spring_promo");
    CHECK_FALSE(f.contains("UTM_TERM"));
    CHECK(f.at("ASSIGNED_BY_ID") == "7");
    CHECK(f.at("ORIGINATOR_ID") == "leadhub");
    CHECK(f.at("ORIGIN_ID") == "salon:42");
    CHECK(params.at("params").at("REGISTER_SONET_EVENT") == "Y");
    const std::string comments = f.at("COMMENTS");
    CHECK_THAT(comments, Catch::Contains("Услуги: Стрижка, Окрашивание"));
    CHECK_THAT(comments, Catch::Contains("Когда: 2026-01-03 15:00"));
    CHECK_THAT(comments, Catch::Contains("Срочность: срочно"));
    CHECK_THAT(comments, Catch::Contains("Оценка: 80"));
    CHECK_THAT(comments, Catch::Contains("[2026-01-01 10:00] Клиент: Хочу записаться"));
    CHECK_THAT(comments, Catch::Contains("Ответ (olga): Здравствуйте!"));

    Json bare = {{"id", 5}, {"key", "t:5"}, {"channel", "telegram"}, {"text", "Привет"}, {"assignee", "nobody"}};
    Json p = lead_add_params(api_options(), bare);
    CHECK(p.at("fields").at("TITLE") == "Заявка: обращение — без имени");
    CHECK(p.at("fields").at("SOURCE_ID") == "OTHER");
    CHECK_FALSE(p.at("fields").contains("PHONE"));
    CHECK_FALSE(p.at("fields").contains("ASSIGNED_BY_ID"));
    CHECK_THAT(p.at("fields").at("COMMENTS").get<std::string>(), Catch::Contains("Клиент: Привет"));
}

TEST_CASE("batch commands are PHP queries; the two findbycomm searches go in one batch") {
    CHECK(php_query({{"fields", {{"TITLE", "Заявка"}}}}) == "fields%5BTITLE%5D=%D0%97%D0%B0%D1%8F%D0%B2%D0%BA%D0%B0");
    Json batch = findbycomm_batch(hub_lead());
    CHECK(batch.at("halt") == 0);
    CHECK(batch.at("cmd").at("phone") == "crm.duplicate.findbycomm?type=PHONE&values%5B0%5D=%2B79161234567");
    CHECK(batch.at("cmd").at("email") == "crm.duplicate.findbycomm?type=EMAIL&values%5B0%5D=anna%40example.ru");
    CHECK(findbycomm_batch({{"name", "x"}}).is_null());
}

TEST_CASE("the samples' answers: results, the duplicate search, the batch with and without errors") {
    Answer added = answer_of("crm.lead.add.hub-lead.json");
    REQUIRE(added.kind == Answer::Kind::ok);
    CHECK(id_value(added.result) == 3466);
    CHECK(added.operating_reset_at_s == 1705765533);
    CHECK(answer_of("crm.timeline.comment.add.json").result == 999);
    CHECK(answer_of("crm.lead.get.json").result.at("STATUS_ID") == "IN_PROCESS");

    BatchAnswer found;
    found.results["phone"] = answer_of("crm.duplicate.findbycomm.json").result;
    found.results["email"] = answer_of("crm.duplicate.findbycomm.no-match.json").result;  // []
    auto existing = pick_existing(found, {"contact", "lead"});
    REQUIRE(existing);
    CHECK(existing->entity == "contact");
    CHECK(existing->id == 2297);
    CHECK(external_id_of(*existing) == "contact:2297");
    CHECK_FALSE(pick_existing(found, {"lead"}));
    BatchAnswer strings;
    strings.results["phone"] = {{"LEAD", {"12", "7", "x"}}};
    CHECK(pick_existing(strings, {"contact", "lead"})->id == 12);
    BatchAnswer nothing;
    nothing.results["phone"] = Json::array();
    CHECK_FALSE(pick_existing(nothing, {"contact", "lead"}));

    BatchAnswer ok = read_batch(answer_of("batch.json").result);
    CHECK(ok.results.at("lead") == 3467);
    CHECK(ok.errors.empty());
    BatchAnswer partial = read_batch(answer_of("batch.partial-error.json").result);
    CHECK(partial.results.empty());
    REQUIRE(partial.errors.size() == 2);
    CHECK(partial.errors.at("get_user").first == "insufficient_scope");
    Answer scope = classify_error("crm.duplicate.findbycomm", 0, "insufficient_scope", "", 0, {});
    CHECK(scope.kind == Answer::Kind::permanent);
    CHECK_THAT(scope.reason, Catch::Contains("scope"));

    CHECK(first_listed_id(Json::array({{{"ID", "3470"}}, {{"ID", "3466"}}})) == 3466);
    CHECK_FALSE(first_listed_id(Json::array()));
}

TEST_CASE("errors are classified as the contract says") {
    CHECK(answer_of("error.expired-token.json").kind == Answer::Kind::expired_token);
    Answer no_auth = answer_of("error.no-auth-found.json");
    CHECK(no_auth.kind == Answer::Kind::permanent);
    CHECK_THAT(no_auth.reason, Catch::Contains("webhook_url"));
    Answer limit = answer_of("error.query-limit-exceeded.json");
    CHECK(limit.kind == Answer::Kind::retry);
    CHECK(limit.retry_after_ms > 0);
    Answer invalid = answer_of("crm.contact.add.validation-error.json");
    CHECK(invalid.kind == Answer::Kind::permanent);
    CHECK_THAT(invalid.reason, Catch::Contains("Work e-mail"));

    Answer time_limit = classify_error("crm.lead.add", 429, "OPERATION_TIME_LIMIT", "", 1000000, 1100);
    CHECK(time_limit.kind == Answer::Kind::retry);
    CHECK(time_limit.retry_after_ms == 100000);
    CHECK(classify_error("m", 503, "OVERLOAD_LIMIT", "REST API is blocked due to overload", 0, {}).kind == Answer::Kind::permanent);
    CHECK(classify_error("m", 403, "INVALID_CREDENTIALS", "", 0, {}).kind == Answer::Kind::permanent);
    CHECK(classify_error("m", 403, "ACCESS_DENIED", "", 0, {}).kind == Answer::Kind::permanent);
    CHECK(classify_error("m", 400, "", "Access denied.", 0, {}).kind == Answer::Kind::permanent);
    CHECK(classify_error("m", 500, "INTERNAL_SERVER_ERROR", "", 0, {}).kind == Answer::Kind::retry);

    auto raw = [](int status, std::string body) {
        leadhub::sdk::HttpResponse r;
        r.status = status;
        r.body = std::move(body);
        return read_answer("crm.lead.add", r, 0, {});
    };
    Answer html = raw(200, "<html><body>Bad gateway</body></html>");
    CHECK(html.kind == Answer::Kind::retry);
    CHECK_THAT(html.reason, Catch::Contains("не JSON"));
    CHECK(raw(200, "").kind == Answer::Kind::retry);
    CHECK(raw(502, "{\"x\":1}").kind == Answer::Kind::retry);
    CHECK(raw(200, "{\"time\":{}}").kind == Answer::Kind::retry);
    CHECK(raw(200, "{\"error\":\"ERROR_CORE\",\"error_description\":\"bad\"}").kind == Answer::Kind::permanent);
    CHECK(raw(0, "").kind == Answer::Kind::retry);
}

TEST_CASE("external ids name a lead or a contact") {
    CHECK(record_from_external_id("3466")->entity == "lead");
    CHECK(record_from_external_id("contact:275")->id == 275);
    CHECK(record_from_external_id("lead:9")->entity == "lead");
    CHECK_FALSE(record_from_external_id("deal:4"));
    CHECK_FALSE(record_from_external_id("abc"));
    CHECK_FALSE(record_from_external_id(""));
}

TEST_CASE("OAuth: the refresh request and its answers") {
    auto o = api_options(oauth_options("https://p.bitrix24.ru"));
    CHECK(refresh_url(o, "r1") == "https://p.bitrix24.ru/oauth/token/?client_id=app.573ad8a0346747.09223434&client_secret=sec"
                                  "&grant_type=refresh_token&refresh_token=r1");
    TokenAnswer got = read_token_answer(http_answer("oauth.refresh.json"));
    REQUIRE(got.kind == TokenAnswer::Kind::ok);
    CHECK(got.tokens.refresh_token == "3s6lr4kr3cv2od4v853gvrchb875bwxb");
    leadhub::sdk::HttpResponse grant{400, {}, R"({"error":"invalid_grant","error_description":"Invalid grant"})", ""};
    TokenAnswer refused = read_token_answer(grant);
    CHECK(refused.kind == TokenAnswer::Kind::permanent);
    CHECK_THAT(refused.reason, Catch::Contains("re-authorise"));
    CHECK(read_token_answer({502, {}, "<html>", ""}).kind == TokenAnswer::Kind::retry);
    CHECK(read_token_answer({0, {}, "", "timeout"}).kind == TokenAnswer::Kind::retry);
}

TEST_CASE("an event is read from its form; the record read back becomes the hub's status") {
    const Json fixture = sample("crm-bitrix24-01-oncrmleadupdate.json");
    Event e = read_event(fixture.at("request").at("body").get<std::string>());
    CHECK(e.event == "ONCRMLEADUPDATE");
    CHECK(e.id == "3466");
    CHECK(e.ts == "1714750242");
    CHECK(e.domain == "example.bitrix24.ru");
    CHECK(e.member_id == "c4e8a1f0b7d94e2a8f61d3b5a9c07e12");
    CHECK(e.application_token == kAppToken);
    CHECK(entity_of(e.event) == Entity::lead);
    CHECK_FALSE(entity_of("ONCRMLEADADD"));

    auto o = api_options();
    Json lead = answer_of("crm.lead.get.json").result;
    auto u = status_update(Entity::lead, lead, o);
    REQUIRE(u);
    CHECK(u->status == "in_work");
    CHECK(u->crm_status == "IN_PROCESS");
    CHECK(u->external_id == "3466");
    CHECK_FALSE(u->lead_id);  // ORIGINATOR_ID "lead-hub" is not this plugin
    CHECK(u->changed_by == "7");

    lead["ORIGINATOR_ID"] = "leadhub";
    lead["ORIGIN_ID"] = "salon:42";
    lead["STATUS_ID"] = "JUNK";
    lead["UF_CRM_VISIT"] = "2024-05-04T15:30:00+03:00";
    o.booked_for_field = "UF_CRM_VISIT";
    u = status_update(Entity::lead, lead, o);
    REQUIRE(u);
    CHECK(u->lead_id == 42);
    CHECK(u->status == "lost");
    CHECK(u->reason == "Bitrix24: стадия JUNK");
    CHECK(u->booked_for == "2024-05-04T15:30");
    lead["STATUS_ID"] = "UC_CUSTOM";
    std::string stage;
    CHECK_FALSE(status_update(Entity::lead, lead, o, &stage));
    CHECK(stage == "UC_CUSTOM");

    Json deal = {{"ID", 88}, {"STAGE_ID", "C3:WON"}, {"LEAD_ID", "3466"}, {"MODIFY_BY_ID", "9"}};
    auto d = status_update(Entity::deal, deal, o);
    REQUIRE(d);
    CHECK(d->status == "visited");
    CHECK(d->external_id == "3466");
    CHECK(d->changed_by == "9");
    deal.erase("LEAD_ID");
    CHECK(status_update(Entity::deal, deal, o)->external_id == "deal:88");

    auto m = status_message(e, Entity::lead, *status_update(Entity::lead, answer_of("crm.lead.get.json").result, api_options()));
    CHECK(m.external_message_id == "bitrix24:ONCRMLEADUPDATE:3466:1714750242");
    CHECK(m.event == leadhub::sdk::MessageEvent::lead_status);
}
