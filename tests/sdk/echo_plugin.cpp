// A minimal plugin of every kind, linked into the SDK tests to exercise the export macro and
// the test kit through the real C tables.
#include <leadhub/sdk/sdk.hpp>

using namespace leadhub::sdk;

namespace {

class Echo final : public Instance {
public:
    explicit Echo(const Context& ctx) : Instance(ctx) {
        if (options().str("mode") == "explode") throw std::runtime_error("refusing to be created");
    }
    void start() override { host().info("echo started as " + name()); }
    WebhookResult on_webhook(const HttpRequest& request) override {
        if (request.body == "throw") throw std::runtime_error("bad body");
        WebhookResult r;
        Message m;
        m.channel = "test";
        m.text = request.body;
        m.external_message_id = request.header("X-Id");
        r.messages.push_back(m);
        return r;
    }
    Outcome deliver(const Delivery& d) override {
        if (d.lead.text == std::optional<std::string>("retry")) return Outcome::retry("asked to", 1500);
        if (d.lead.text == std::optional<std::string>("throw")) throw std::runtime_error("boom");
        HttpRequest req;
        req.method = "POST";
        req.target = options().str("url");
        req.body = *d.lead.text;
        auto r = host().http(req);
        if (r.status == 0) return Outcome::retry(r.error);
        return Outcome::ok("ext-" + std::to_string(d.job_id));
    }
    Json process(const Json& in) override { return {{"echo", in}}; }
    Json control(const Json& request) override {
        if (request.value("action", "") == "status") return {{"name", name()}};
        if (request.value("action", "") == "array") return Json::array({1, 2});
        return Instance::control(request);  // the SDK's refusal of an unknown action
    }
};

PluginInfo info() {
    return {"echo", "1.2.3", "test plugin", {"source", "sink", "processor"},
            {OptionSpec::string("url", "where to post").with_default("http://127.0.0.1:9/"),
             OptionSpec::string("mode", "behaviour").with_default("normal").one_of({"normal", "explode"}),
             OptionSpec::integer("limit", "a bound").with_default(5).between(1, 10)},
            {{"rate_per_second", 5}}};
}

std::unique_ptr<Instance> make(const Context& ctx) { return std::make_unique<Echo>(ctx); }

}  // namespace

LEADHUB_PLUGIN(info, make)
