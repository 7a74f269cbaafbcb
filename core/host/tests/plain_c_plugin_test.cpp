// The plugin written in plain C, loaded and run like any other.
#include "host/plugin_instance.hpp"
#include "test_plugins.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::host;
using namespace leadhub::host::testing;
using nlohmann::json;
namespace sdk = leadhub::sdk;

namespace {

std::shared_ptr<PluginInstance> c_instance(const std::filesystem::path& shadow, std::shared_ptr<InstanceServices> services) {
    auto library = load_good("plain_c", shadow);
    CreateResult created = PluginInstance::create(library, "clinic", "c", json::object(), std::move(services));
    INFO(created.error);
    REQUIRE(created);
    REQUIRE(created.instance->start() == "");  // the C plugin has no start: that is allowed
    return created.instance;
}

}  // namespace

TEST_CASE("the C plugin declares itself", "[plain_c]") {
    TempDir shadow;
    auto library = load_good("plain_c", shadow.path());
    CHECK(library->name() == "test-plain-c");
    CHECK(library->version() == "0.1.0");
    CHECK(library->kinds() == std::vector<std::string>{"source", "sink"});
    CHECK(library->api().start == nullptr);
    CHECK(library->api().process == nullptr);
}

TEST_CASE("the C plugin delivers", "[plain_c]") {
    TempDir shadow;
    auto instance = c_instance(shadow.path(), std::make_shared<DefaultServices>());
    sdk::Outcome outcome = instance->deliver({{"job_id", 1234}, {"kind", "lead"}, {"lead", {{"name", "Ольга"}}}});
    CHECK(outcome.kind == sdk::Outcome::Kind::ok);
    CHECK(outcome.external_id == "c-1234");

    outcome = instance->deliver({{"kind", "lead"}});
    CHECK(outcome.kind == sdk::Outcome::Kind::permanent);
    CHECK(outcome.reason == "delivery has no job_id");
}

TEST_CASE("the C plugin turns a webhook into one message", "[plain_c]") {
    TempDir shadow;
    auto services = std::make_shared<RecordingServices>();
    auto instance = c_instance(shadow.path(), services);
    sdk::HttpRequest request;
    request.method = "POST";
    request.target = "/";
    request.body = "Запись на \"чистку\"\\ завтра\nв 10:00";
    WebhookAnswer result = instance->handle_http(request);
    CHECK(result.status == 200);
    CHECK(result.body == "ok");
    REQUIRE(result.messages.size() == 1);
    CHECK(result.messages[0].message().channel == "c-test");
    CHECK(result.messages[0].message().text == request.body);
    CHECK(services->logged("plain_c: webhook handled"));

    request.body.clear();
    result = instance->handle_http(request);
    CHECK(result.status == 400);
    CHECK(result.body == "empty body");
    CHECK(result.messages.empty());
}
