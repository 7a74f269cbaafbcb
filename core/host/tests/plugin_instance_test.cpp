// Running instances: options checked before plugin code, failures as values, checked results,
// lifetimes, independence of two copies, and the host services reached through the C table.
#include "host/host_api_bridge.hpp"
#include "host/plugin_instance.hpp"
#include "host/plugin_registry.hpp"
#include "test_plugins.hpp"

#include <catch2/catch.hpp>

#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>

using namespace leadhub::host;
using namespace leadhub::host::testing;
using nlohmann::json;
namespace fs = std::filesystem;
namespace sdk = leadhub::sdk;

namespace {

json delivery(int64_t job_id) {
    return {{"job_id", job_id}, {"idempotency_key", "k" + std::to_string(job_id)}, {"attempt", 1}, {"kind", "lead"},
            {"tenant", "salon"}, {"sink", "crm"}, {"lead", {{"id", 7}, {"name", "Анна"}, {"phone", "+79001234567"}}}};
}

std::shared_ptr<PluginInstance> started(std::shared_ptr<PluginLibrary> library, const json& options,
                                        std::shared_ptr<InstanceServices> services, const std::string& name = "crm") {
    CreateResult created = PluginInstance::create(std::move(library), "salon", name, options, std::move(services));
    INFO(created.error);
    REQUIRE(created);
    REQUIRE(created.instance->start() == "");
    return created.instance;
}

sdk::HttpRequest post(const std::string& target, const std::string& body) {
    sdk::HttpRequest request;
    request.method = "POST";
    request.target = target;
    request.body = body;
    return request;
}

// Services whose every method throws: the bridge must keep the exceptions out of plugin code.
class ThrowingServices : public DefaultServices {
public:
    std::optional<std::string> state_get(const std::string&) override { throw std::runtime_error("store is down"); }
    bool state_put(const std::string&, const std::string&) override { throw std::runtime_error("store is down"); }
    bool register_route(const std::string&, const std::string&) override { throw std::runtime_error("no router"); }
    void metric_add(const std::string&, double) override { throw std::runtime_error("no metrics"); }
    SubmitResult submit(const json&) override { throw std::runtime_error("store is down"); }
    sdk::HttpResponse http(const sdk::HttpRequest&) override { throw std::runtime_error("no network"); }
};

}  // namespace

TEST_CASE("options failing validation are refused before create runs", "[instance]") {
    TempDir shadow;
    auto library = load_good("requires_option", shadow.path());
    auto services = std::make_shared<RecordingServices>();
    CreateResult created = PluginInstance::create(library, "salon", "crm", {{"tokn", "x"}, {"limit", 50}}, services);
    CHECK_FALSE(created);
    CHECK(created.error ==
          "leadhub-test-requires_option.so, instance 'crm' of tenant 'salon': invalid options: "
          "unknown option 'tokn' (did you mean 'token'?); option 'token' is required: the API token; "
          "option 'limit' must be at most 10.0, got 50");
    CHECK(services->logs().empty());

    created = PluginInstance::create(library, "salon", "crm", json::array(), services);
    CHECK(created.error == "leadhub-test-requires_option.so, instance 'crm' of tenant 'salon': invalid options: "
                           "options must be a map of name: value");
    CHECK(services->logs().empty());

    // The same plugin with valid options does run its factory, with defaults filled in.
    created = PluginInstance::create(library, "salon", "crm", {{"token", "secret-1"}}, services);
    REQUIRE(created);
    CHECK(services->logged("requires_option: create ran with token secret-1"));
    CHECK(created.instance->options() == json({{"token", "secret-1"}, {"limit", 5}}));
}

TEST_CASE("a throwing factory gives an error, not a crash", "[instance]") {
    TempDir shadow;
    auto library = load_good("factory_throws", shadow.path());
    CreateResult created = PluginInstance::create(library, "salon", "crm", json(), std::make_shared<DefaultServices>());
    CHECK_FALSE(created);
    CHECK(created.error == "leadhub-test-factory_throws.so, instance 'crm' of tenant 'salon': create failed: "
                           "factory exploded on purpose");
}

TEST_CASE("a throwing start gives an error and the instance never runs", "[instance]") {
    TempDir shadow;
    auto library = load_good("start_throws", shadow.path());
    CreateResult created = PluginInstance::create(library, "salon", "crm", json(), std::make_shared<DefaultServices>());
    REQUIRE(created);
    CHECK(created.instance->start() == "leadhub-test-start_throws.so, instance 'crm' of tenant 'salon': start failed: "
                                       "start exploded on purpose");
    CHECK_FALSE(created.instance->running());
    sdk::Outcome outcome = created.instance->deliver(delivery(1));
    CHECK(outcome.kind == sdk::Outcome::Kind::retry);
    CHECK_THAT(outcome.reason, Catch::Contains("the instance is not running"));
    CHECK_THAT(created.instance->start(), Catch::Contains("cannot start again"));
}

TEST_CASE("an exception escaping deliver becomes a retry outcome", "[instance]") {
    TempDir shadow;
    auto instance = started(load_good("deliver_throws", shadow.path()), json(), std::make_shared<DefaultServices>());
    sdk::Outcome outcome = instance->deliver(delivery(1));
    CHECK(outcome.kind == sdk::Outcome::Kind::retry);
    CHECK(outcome.reason == "leadhub-test-deliver_throws.so, instance 'crm' of tenant 'salon': the plugin threw: "
                            "deliver exploded on purpose");
    // Still usable afterwards.
    CHECK(instance->deliver(delivery(2)).kind == sdk::Outcome::Kind::retry);
    CHECK(instance->handle_http(post("/", "x")).status == 404);
}

TEST_CASE("the good plugin's outcomes come back classified", "[instance]") {
    TempDir shadow;
    auto library = load_good("good", shadow.path());
    auto services = std::make_shared<RecordingServices>();
    auto ok = started(library, json(), services, "ok");
    auto retry = started(library, {{"fail", "retry"}}, services, "retry");
    auto permanent = started(library, {{"fail", "permanent"}}, services, "permanent");

    sdk::Outcome o = ok->deliver(delivery(41));
    CHECK(o.kind == sdk::Outcome::Kind::ok);
    CHECK(o.external_id == "good-41-1");
    o = retry->deliver(delivery(42));
    CHECK(o.kind == sdk::Outcome::Kind::retry);
    CHECK(o.reason == "asked to retry");
    CHECK(o.retry_after_ms == 1500);
    o = permanent->deliver(delivery(43));
    CHECK(o.kind == sdk::Outcome::Kind::permanent);
    CHECK(o.reason == "asked to fail");
    CHECK(services->metric("good.delivered") == 3);
    CHECK(services->logged("good started as ok"));
    CHECK(services->routes() == std::vector<std::pair<std::string, std::string>>(3, {"POST", "/"}));
}

TEST_CASE("the same file loaded twice gives two copies with separate static state", "[instance]") {
    TempDir shadow;
    auto services = std::make_shared<DefaultServices>();
    auto first = started(load_good("good", shadow.path()), json(), services, "first");
    auto second = started(load_good("good", shadow.path()), json(), services, "second");
    CHECK(first->library() != second->library());
    CHECK(first->deliver(delivery(1)).external_id == "good-1-1");
    CHECK(first->deliver(delivery(2)).external_id == "good-2-2");
    CHECK(first->deliver(delivery(3)).external_id == "good-3-3");
    CHECK(second->deliver(delivery(4)).external_id == "good-4-1");
}

TEST_CASE("an instance keeps its library loaded after the registry forgets it", "[instance]") {
    TempDir shadow;
    std::shared_ptr<PluginInstance> instance;
    fs::path copy;
    {
        PluginRegistry registry(shadow.path());
        registry.scan({test_plugin_dir()});
        auto library = registry.find("test-plain-c");
        REQUIRE(library);
        copy = library->shadow_path();
        instance = started(library, json(), std::make_shared<DefaultServices>());
        CHECK(registry.remove("test-plain-c"));
    }
    CHECK(fs::exists(copy));
    CHECK(instance->deliver(delivery(9)).external_id == "c-9");
    instance.reset();
    CHECK_FALSE(fs::exists(copy));
}

TEST_CASE("calls outside the running state are refused, start and stop are checked", "[instance]") {
    TempDir shadow;
    CreateResult created =
        PluginInstance::create(load_good("good", shadow.path()), "salon", "crm", json(), std::make_shared<DefaultServices>());
    REQUIRE(created);
    auto& instance = *created.instance;
    CHECK(instance.deliver(delivery(1)).kind == sdk::Outcome::Kind::retry);
    CHECK(instance.handle_http(post("/", "x")).status == 503);
    CHECK(instance.process(json::object()).contains("error"));
    REQUIRE(instance.start() == "");
    CHECK(instance.running());
    CHECK_THAT(instance.start(), Catch::Contains("already started"));
    CHECK(instance.deliver(delivery(1)).kind == sdk::Outcome::Kind::ok);
    instance.stop();
    CHECK_FALSE(instance.running());
    CHECK_THAT(instance.deliver(delivery(2)).reason, Catch::Contains("the instance is not running"));
    instance.stop();  // a second stop is harmless
}

TEST_CASE("calls of a kind the plugin lacks are refused with a reason", "[instance]") {
    TempDir shadow;
    auto sink_only = started(load_good("requires_option", shadow.path()), {{"token", "t"}}, std::make_shared<DefaultServices>());
    WebhookAnswer web = sink_only->handle_http(post("/", "x"));
    CHECK(web.status == 404);
    CHECK_THAT(web.body, Catch::Contains("not a source"));
    CHECK_THAT(sink_only->process(json::object()).at("error").get<std::string>(), Catch::Contains("not a processor"));
}

TEST_CASE("results the plugin gets wrong are replaced by errors with reasons", "[instance]") {
    TempDir shadow;
    auto instance = started(load_good("bad_results", shadow.path()), json(), std::make_shared<DefaultServices>());
    const std::string label = "leadhub-test-bad_results.so, instance 'crm' of tenant 'salon': ";

    CHECK(instance->handle_http(post("/", "fine")).status == 202);
    auto check_500 = [&](const std::string& body, const std::string& reason) {
        WebhookAnswer result = instance->handle_http(post("/", body));
        INFO(body);
        CHECK(result.status == 500);
        CHECK(result.body == label + reason);
        CHECK(result.messages.empty());
    };
    check_500("not-json", "the plugin returned a webhook result that is not JSON");
    check_500("nothing", "the plugin returned a webhook result that is not JSON");
    check_500("no-status", "the plugin returned a webhook result without a status");
    check_500("status-text", "the plugin returned a webhook result without a status");
    check_500("status-999", "the plugin returned HTTP status 999");
    WebhookAnswer bad_message = instance->handle_http(post("/", "bad-message"));
    CHECK(bad_message.status == 500);
    CHECK_THAT(bad_message.body, Catch::StartsWith(label + "the plugin returned a malformed webhook result: "));

    sdk::Outcome outcome = instance->deliver(delivery(1));
    CHECK(outcome.kind == sdk::Outcome::Kind::retry);
    CHECK(outcome.reason == label + "the plugin returned an outcome that is not JSON: 'ok, delivered!'");

    CHECK(instance->process({{"text", "hi"}}) == json({{"error", label + "the plugin returned output that is not JSON"}}));

    // Valid JSON 100,000 levels deep would overflow the stack of whatever copies or writes it
    // next (the store, the pipeline, the log): refused while it is read, and the instance goes on.
    check_500("deep-message", "the plugin returned a webhook result nested deeper than 66 levels (a message may nest 64)");
    json deep_delivery = delivery(2);
    deep_delivery["kind"] = "deep";
    outcome = instance->deliver(deep_delivery);
    CHECK(outcome.kind == sdk::Outcome::Kind::retry);
    CHECK(outcome.reason == label + "the plugin returned an outcome JSON nested deeper than 72 levels");
    CHECK(instance->process({{"text", "deep"}}) ==
          json({{"error", label + "the plugin returned output JSON nested deeper than 72 levels"}}));
    CHECK(instance->handle_http(post("/", "fine")).status == 202);
}

TEST_CASE("webhooks and host services travel through the C tables", "[instance]") {
    TempDir shadow;
    auto services = std::make_shared<RecordingServices>();
    auto instance = started(load_good("good", shadow.path()), json(), services);

    sdk::HttpRequest request = post("/", "Хочу записаться на маникюр");
    request.headers["X-Id"] = "m-1";
    WebhookAnswer result = instance->handle_http(request);
    CHECK(result.status == 200);
    REQUIRE(result.messages.size() == 1);
    CHECK(result.messages[0].message().text == "Хочу записаться на маникюр");
    CHECK(result.messages[0].external_message_id == "m-1");

    CHECK(instance->handle_http(post("/state", "cursor=42")).body == "put");
    CHECK(instance->handle_http(post("/state", "cursor")).body == "42");
    CHECK(instance->handle_http(post("/state", "unknown")).body == "<none>");
    CHECK(services->state_get("cursor") == "42");

    CHECK(instance->handle_http(post("/submit", "m-7")).body == "stored");
    CHECK(instance->handle_http(post("/submit", "m-7")).body == "duplicate");
    REQUIRE(services->submitted().size() == 1);
    CHECK(services->submitted()[0].at("external_message_id") == "m-7");

    sdk::HttpRequest fetch = post("/fetch", "");
    fetch.query = "ftp://example.org/file";
    CHECK(instance->handle_http(fetch).body ==
          "0 invalid URL 'ftp://example.org/file': the scheme must be http or https");
}

TEST_CASE("a message submitted nested deeper than 64 levels is refused, naming the limit", "[instance]") {
    auto services = std::make_shared<RecordingServices>();
    HostApiBridge bridge(services, "leadhub-x.so, instance 'poller'");
    const lh_host_api* api = bridge.api();
    auto submit = [&](const std::string& text, std::string& error) {
        lh_write_fn append = [](void* ctx, const char* data, size_t size) { static_cast<std::string*>(ctx)->append(data, size); };
        return api->submit(api->ctx, text.data(), text.size(), append, &error);
    };
    std::string error;
    const std::string deep = R"({"channel": "x", "extra": )" + std::string(100000, '[') + std::string(100000, ']') + "}";
    CHECK(submit(deep, error) == LH_ERROR);
    CHECK(error == "the message is JSON nested deeper than 64 levels");
    CHECK(services->submitted().empty());

    error.clear();
    CHECK(submit(R"({"channel": "x", "external_message_id": "m-1"})", error) == LH_OK);
    CHECK(services->submitted().size() == 1);
}

TEST_CASE("exceptions from the services never reach plugin code", "[instance]") {
    TempDir shadow;
    auto instance = started(load_good("good", shadow.path()), json(), std::make_shared<ThrowingServices>());
    CHECK(instance->handle_http(post("/state", "a=1")).body == "put failed");
    CHECK(instance->handle_http(post("/state", "a")).body == "<none>");
    CHECK(instance->handle_http(post("/submit", "m-1")).body == "the hub could not store the message: store is down");
    sdk::HttpRequest fetch = post("/fetch", "");
    fetch.query = "http://127.0.0.1:9/";
    CHECK(instance->handle_http(fetch).body == "0 host HTTP client failed: no network");
    CHECK(instance->deliver(delivery(5)).kind == sdk::Outcome::Kind::ok);  // metric_add threw inside
}

TEST_CASE("concurrent deliveries and webhooks on one instance", "[instance]") {
    TempDir shadow;
    auto services = std::make_shared<DefaultServices>();
    auto instance = started(load_good("good", shadow.path()), json(), services);
    constexpr int kThreads = 8, kCalls = 50;
    std::atomic<int> ok{0}, answered{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kCalls; ++i) {
                if (instance->deliver(delivery(t * kCalls + i)).kind == sdk::Outcome::Kind::ok) ++ok;
                if (instance->handle_http(post("/", "x")).messages.size() == 1) ++answered;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    CHECK(ok == kThreads * kCalls);
    CHECK(answered == kThreads * kCalls);
    CHECK(services->metric("good.delivered") == kThreads * kCalls);
    instance->stop();
}

TEST_CASE("create refuses missing arguments instead of crashing", "[instance]") {
    TempDir shadow;
    CHECK(PluginInstance::create(nullptr, "salon", "crm", json(), std::make_shared<DefaultServices>()).error ==
          "instance 'crm': no plugin library given");
    CHECK(PluginInstance::create(load_good("good", shadow.path()), "salon", "crm", json(), nullptr).error ==
          "leadhub-test-good.so, instance 'crm': no host services given");
}

namespace {
// Services whose metric_add (called by the good plugin's deliver) waits until released: a
// delivery that hangs inside the plugin, as a stuck CRM call would.
class GateServices : public DefaultServices {
public:
    void metric_add(const std::string&, double) override {
        std::unique_lock lock(gate_);
        inside_ = true;
        changed_.notify_all();
        changed_.wait(lock, [this] { return open_; });
    }
    void wait_inside() {
        std::unique_lock lock(gate_);
        changed_.wait(lock, [this] { return inside_; });
    }
    void open() {
        std::lock_guard lock(gate_);
        open_ = true;
        changed_.notify_all();
    }

private:
    std::mutex gate_;
    std::condition_variable changed_;
    bool inside_ = false, open_ = false;
};
}  // namespace

TEST_CASE("stop_within gives a hanging call its time, then leaves the instance to the call", "[instance]") {
    TempDir shadow;
    auto services = std::make_shared<GateServices>();
    auto instance = started(load_good("good", shadow.path()), json(), services);
    std::thread call([&] { CHECK(instance->deliver(delivery(1)).kind == sdk::Outcome::Kind::ok); });
    services->wait_inside();

    auto began = std::chrono::steady_clock::now();
    CHECK_FALSE(instance->stop_within(std::chrono::milliseconds(100)));
    CHECK(std::chrono::steady_clock::now() - began >= std::chrono::milliseconds(100));
    CHECK(instance->running());  // not stopped under the call's feet

    services->open();
    CHECK(instance->stop_within(std::chrono::milliseconds(5000)));
    call.join();
    CHECK_FALSE(instance->running());
    CHECK(instance->deliver(delivery(2)).kind == sdk::Outcome::Kind::retry);  // refused once stopped
}
