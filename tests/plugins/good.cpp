// A well-behaved C++ plugin (source and sink) through the SDK macro. The loader tests use it as the
// control group next to the broken ones, and to reach every host service through the C ABI.
#include <leadhub/sdk/sdk.hpp>

#include <atomic>
#include <string>

using namespace leadhub::sdk;

namespace {

// Static state of this copy of the library: two copies loaded from one file must count apart.
std::atomic<int> deliveries{0};

class Good final : public Source {
public:
    explicit Good(const Context& ctx) : Source(ctx) {}

    void start() override {
        host().register_route("POST", "/");
        host().info("good started as " + name());
    }

    WebhookResult on_webhook(const HttpRequest& request) override {
        if (request.target == "/fetch") return fetch(request.query);
        if (request.target == "/submit") return submit(request.body);
        if (request.target == "/state") return state(request.body);
        WebhookResult result;
        Message message;
        message.channel = "test";
        message.text = request.body;
        message.external_message_id = request.header("X-Id");
        result.messages.push_back(message);
        return result;
    }

    Outcome deliver(const Delivery& delivery) override {
        int count = ++deliveries;
        host().metric("good.delivered");
        const std::string fail = options().str("fail");
        if (fail == "retry") return Outcome::retry("asked to retry", 1500);
        if (fail == "permanent") return Outcome::permanent("asked to fail");
        return Outcome::ok("good-" + std::to_string(delivery.job_id) + "-" + std::to_string(count));
    }

private:
    // GET the URL given as the query and answer its status and body: exercises host->http_request.
    WebhookResult fetch(const std::string& url) const {
        HttpRequest outbound;
        outbound.target = url;
        outbound.timeout_ms = 2000;
        HttpResponse response = host().http(outbound);
        WebhookResult result;
        result.body = std::to_string(response.status) + " " + (response.status ? response.body : response.error);
        return result;
    }

    WebhookResult submit(const std::string& id) const {
        Message message;
        message.channel = "test";
        message.external_message_id = id;
        std::string error;
        Host::Submitted s = host().submit(message, &error);
        WebhookResult result;
        result.body = s == Host::Submitted::stored ? "stored" : s == Host::Submitted::duplicate ? "duplicate" : error;
        return result;
    }

    // "key=value" stores, "key" reads back: exercises state_put/state_get.
    WebhookResult state(const std::string& body) const {
        WebhookResult result;
        auto eq = body.find('=');
        if (eq != std::string::npos) {
            result.body = host().state_put(body.substr(0, eq), body.substr(eq + 1)) ? "put" : "put failed";
        } else {
            result.body = host().state_get(body).value_or("<none>");
        }
        return result;
    }
};

PluginInfo info() {
    return {"test-good", "1.0.0", "a well-behaved test plugin", {"source", "sink"},
            {OptionSpec::string("fail", "how deliver answers").with_default("none").one_of({"none", "retry", "permanent"})}};
}

std::unique_ptr<Instance> make(const Context& ctx) { return std::make_unique<Good>(ctx); }

}  // namespace

LEADHUB_PLUGIN(info, make)
