#include <leadhub/sdk/text_template.hpp>

#include <catch2/catch.hpp>

using leadhub::sdk::check_template;
using leadhub::sdk::Escape;
using leadhub::sdk::Json;
using leadhub::sdk::render_template;

namespace {
Json lead() {
    return Json::parse(R"({"id": 42, "name": "Ольга", "phone": null, "score": "hot", "urgent": true,
        "services": ["маникюр", "педикюр"], "service_names": [], "utm": {"utm_source": "vk"},
        "assignee_contacts": {"telegram": "784512396"}, "conversation": [{"text": "привет"}],
        "text": "<b>жду</b> & \"скорее\""})");
}
}  // namespace

TEST_CASE("a template fills paths, joins arrays and leaves missing values empty", "[sdk][template]") {
    CHECK(render_template("Заявка #{{id}} от {{name}}", lead()) == "Заявка #42 от Ольга");
    CHECK(render_template("{{services}}", lead()) == "маникюр, педикюр");
    CHECK(render_template("{{utm.utm_source}}/{{assignee_contacts.telegram}}", lead()) == "vk/784512396");
    CHECK(render_template("[{{phone}}][{{nothing.at.all}}][{{urgent}}]", lead()) == "[][][true]");
    CHECK(render_template("{{conversation}}{{utm}}", lead()).empty());  // objects render as nothing
}

TEST_CASE("a fallback stands in for an empty value", "[sdk][template]") {
    CHECK(render_template("{{phone|без телефона}}", lead()) == "без телефона");
    CHECK(render_template("{{service_names|не указана}}", lead()) == "не указана");
    CHECK(render_template("{{ name | аноним }}", lead()) == "Ольга");
}

TEST_CASE("sections show their text only when the value is there (or, inverted, when it is not)", "[sdk][template]") {
    CHECK(render_template("A{{#phone}} тел. {{phone}}{{/phone}}B", lead()) == "AB");
    CHECK(render_template("A{{#score}} оценка {{score}}{{/score}}B", lead()) == "A оценка hotB");
    CHECK(render_template("{{^phone}}нет телефона{{/phone}}", lead()) == "нет телефона");
    CHECK(render_template("{{#name}}{{#score}}{{name}}:{{score}}{{/score}}{{/name}}", lead()) == "Ольга:hot");
    CHECK(render_template("{{#name}}x{{#name}}y{{/name}}z{{/name}}", lead()) == "xyz");  // the same name nested
}

TEST_CASE("values are escaped for HTML on request, the template's own markup never", "[sdk][template]") {
    CHECK(render_template("<b>{{text}}</b>", lead(), Escape::html) ==
          "<b>&lt;b&gt;жду&lt;/b&gt; &amp; &quot;скорее&quot;</b>");
    CHECK(render_template("{{text}}", lead()) == "<b>жду</b> & \"скорее\"");
}

TEST_CASE("a broken template renders as text and the check names what is wrong", "[sdk][template]") {
    CHECK(render_template("{{name", lead()) == "{{name");
    CHECK(render_template("a {{#score}} never closed", lead()) == "a {{#score}} never closed");
    CHECK(render_template("{{/stray}}ok", lead()) == "ok");
    CHECK(check_template("{{#score}}x") == std::string("section 'score' is never closed with {{/score}}"));
    CHECK(check_template("{{#}}x{{/}}") == std::string("a section without a name"));
    CHECK_FALSE(check_template("{{#score}}{{score}}{{/score}} {{name|—}}"));
}

TEST_CASE("a value that is itself template text is not expanded again", "[sdk][template]") {
    Json data = {{"text", "{{id}} {{#x}}"}, {"id", 7}};
    CHECK(render_template("{{text}}", data) == "{{id}} {{#x}}");
}
