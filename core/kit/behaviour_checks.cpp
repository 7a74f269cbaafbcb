#include "kit/checks.hpp"

#include "kit/raw_instance.hpp"
#include "kit/result_shape.hpp"

#include <leadhub/sdk/json.hpp>

#include <atomic>

namespace leadhub::kit {

using nlohmann::json;

namespace {

// A started instance driven through the raw C table, or the reason there is none.
std::unique_ptr<RawInstance> started(const PluginUnderTest& plugin, std::string& problem) {
    auto instance = RawInstance::create(load_plugin(plugin), plugin.options, problem);
    if (!instance) {
        problem = "create failed: " + problem;
        return nullptr;
    }
    if (std::string error = instance->start(); !error.empty()) {
        problem = "start failed: " + error;
        return nullptr;
    }
    return instance;
}

std::string escaped_problem(const RawCall& call, const char* function) {
    if (call.function_missing) return std::string("the function table has no ") + function;
    if (!call.escaped.empty())
        return std::string("an exception escaped the plugin's ") + function + " across the C boundary: " + call.escaped;
    return "";
}

// --- sources -------------------------------------------------------------------------------

std::string binary_garbage() {
    std::string bytes;
    unsigned state = 2463534242u;  // xorshift: the same garbage on every run
    for (int i = 0; i < 4096; ++i) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        bytes += static_cast<char>(state & 0xff);
    }
    bytes[100] = '\0';
    return bytes;
}

Check malformed_webhook(std::string what, std::string body) {
    return {"source: " + what + " is answered 4xx", true, [body](const PluginUnderTest& plugin) {
                std::string problem;
                auto instance = started(plugin, problem);
                if (!instance) return fail(problem);
                sdk::HttpRequest request;
                request.method = "POST";
                request.target = "/";
                request.headers["Content-Type"] = "application/json";
                request.body = body;
                RawCall call = instance->handle_http(request);
                if (auto p = escaped_problem(call, "handle_http"); !p.empty()) return fail(p);
                WebhookAnswer answer = read_webhook_answer(call.output);
                if (!answer.problem.empty()) return fail(answer.problem);
                const std::string said = "HTTP " + std::to_string(answer.status) + " '" + excerpt(answer.body, 80) + "'";
                if (answer.status < 400 || answer.status > 499) return fail("answered " + said + ", expected a 4xx");
                if (answer.messages != 0) return fail("answered " + said + " but still handed over messages to store");
                return pass(said);
            }};
}

// --- sinks and notifiers -------------------------------------------------------------------

json delivery(const std::string& kind, const json& lead) {
    json d = {{"job_id", 1}, {"idempotency_key", "check:1"}, {"attempt", 1}, {"kind", kind},
              {"tenant", "check"}, {"sink", "check"}};
    if (!lead.is_null()) d["lead"] = lead;
    return d;
}

json complete_lead() {
    return {{"id", 1}, {"tenant", "check"}, {"source", "site"}, {"channel", "webform"},
            {"name", "Анна Проверкина"}, {"phone", "+79161234567"}, {"email", "anna@example.ru"},
            {"text", "Хочу записаться на маникюр в субботу"}, {"utm", {{"utm_source", "yandex"}}},
            {"created_at", "2026-01-01T00:00:00Z"}};
}

json odd_lead() {
    std::string long_text;
    while (long_text.size() < 20000) long_text += "Ж😀\"\\<>&";
    return {{"id", 2}, {"tenant", "check"}, {"source", ""}, {"channel", ""}, {"name", ""}, {"phone", ""},
            {"email", "not-an-email"}, {"text", long_text}, {"utm", json::object()}, {"created_at", ""},
            {"field_newer_than_the_sdk", {{"nested", {1, 2, 3}}}}};
}

Check odd_delivery(std::string name, json payload) {
    return {name + " gets a classified outcome", true, [payload](const PluginUnderTest& plugin) {
                std::string problem;
                auto instance = started(plugin, problem);
                if (!instance) return fail(problem);
                RawCall call = instance->deliver(sdk::dump(payload));
                if (auto p = escaped_problem(call, "deliver"); !p.empty()) return fail(p);
                if (auto p = outcome_problem(call.output); !p.empty()) return fail(p);
                return pass(outcome_summary(call.output));
            }};
}

// Host services that count every call a plugin makes, to tell whether any plugin code ran.
class CountingServices : public host::DefaultServices {
public:
    CountingServices() : DefaultServices([this](lh_log_level, const std::string&) { ++calls; }) {}
    sdk::HttpResponse http(const sdk::HttpRequest& r) override { ++calls; return DefaultServices::http(r); }
    std::optional<std::string> state_get(const std::string& k) override { ++calls; return DefaultServices::state_get(k); }
    bool state_put(const std::string& k, const std::string& v) override { ++calls; return DefaultServices::state_put(k, v); }
    void metric_add(const std::string& n, double v) override { ++calls; DefaultServices::metric_add(n, v); }
    host::SubmitResult submit(const json& m) override { ++calls; return DefaultServices::submit(m); }
    std::atomic<int> calls{0};
};

// Runs `call` on a stopped instance: the host must refuse it without running plugin code.
template <class Call, class Refused>
Verdict refused_after_stop(const PluginUnderTest& plugin, Call call, Refused refused) {
    auto services = std::make_shared<CountingServices>();
    auto created = make_instance(load_plugin(plugin), plugin.options, services);
    if (!created) return fail("create failed: " + created.error);
    if (std::string error = created.instance->start(); !error.empty()) return fail("start failed: " + error);
    created.instance->stop();
    const int before = services->calls.load();
    std::string answer;
    if (!refused(call(*created.instance), answer)) return fail("the call after stop was answered " + answer);
    if (services->calls.load() != before) return fail("plugin code ran after stop (it used the host's services)");
    return pass(answer);
}

Check deliver_after_stop(const std::string& kind) {
    return {kind + ": a deliver after stop is refused by the host, not passed to the plugin", true,
            [](const PluginUnderTest& plugin) {
                return refused_after_stop(
                    plugin, [](host::PluginInstance& i) { return i.deliver(delivery("lead", complete_lead())); },
                    [](const sdk::Outcome& o, std::string& said) {
                        said = std::string(sdk::to_string(o.kind)) + ": " + o.reason;
                        return o.kind == sdk::Outcome::Kind::retry && o.reason.find("not running") != std::string::npos;
                    });
            }};
}

Check webhook_after_stop() {
    return {"source: a webhook after stop is refused by the host, not passed to the plugin", true,
            [](const PluginUnderTest& plugin) {
                return refused_after_stop(
                    plugin,
                    [](host::PluginInstance& i) {
                        sdk::HttpRequest r;
                        r.method = "POST";
                        r.target = "/";
                        r.body = "{}";
                        return i.handle_http(r);
                    },
                    [](const host::WebhookAnswer& r, std::string& said) {
                        said = "HTTP " + std::to_string(r.status) + " " + excerpt(r.body, 80);
                        return r.status == 503 && r.messages.empty();
                    });
            }};
}

// --- processors ----------------------------------------------------------------------------

Check processor_input(std::string what, json input) {
    return {"processor: " + what + " gets a JSON object back", true, [input](const PluginUnderTest& plugin) {
                std::string problem;
                auto instance = started(plugin, problem);
                if (!instance) return fail(problem);
                RawCall call = instance->process(sdk::dump(input));
                if (auto p = escaped_problem(call, "process"); !p.empty()) return fail(p);
                if (auto p = processor_output_problem(call.output); !p.empty()) return fail(p);
                return pass(excerpt(call.output, 100));
            }};
}

Check process_after_stop() {
    return {"processor: a call after stop is refused by the host, not passed to the plugin", true,
            [](const PluginUnderTest& plugin) {
                return refused_after_stop(
                    plugin, [](host::PluginInstance& i) { return i.process(json{{"text", "after stop"}}); },
                    [](const json& out, std::string& said) {
                        said = excerpt(out.dump(), 100);
                        return out.contains("error") && out.value("error", std::string()).find("not running") != std::string::npos;
                    });
            }};
}

}  // namespace

std::vector<Check> behaviour_checks(const PluginUnderTest& plugin) {
    std::vector<Check> checks;
    if (plugin.has_kind("source")) {
        checks.push_back(malformed_webhook("an empty body", ""));
        checks.push_back(malformed_webhook("a body that is not JSON", "name=Анна&phone=+7916 {oops"));
        checks.push_back(malformed_webhook("a huge body (3 MiB)", std::string(3u << 20, 'a')));
        checks.push_back(malformed_webhook("binary garbage", binary_garbage()));
        checks.push_back(webhook_after_stop());
    }
    if (plugin.is_sink()) {
        const std::string kind = plugin.has_kind("sink") ? "sink" : "notifier";
        json only_id = {{"id", 3}};
        json no_contacts = complete_lead();
        for (const char* field : {"name", "phone", "email"}) no_contacts[field] = nullptr;
        checks.push_back(odd_delivery(kind + ": a complete lead", delivery("lead", complete_lead())));
        checks.push_back(odd_delivery(kind + ": a lead without name, phone or email", delivery("lead", no_contacts)));
        checks.push_back(odd_delivery(kind + ": a lead with nothing but an id", delivery("lead", only_id)));
        checks.push_back(odd_delivery(kind + ": a delivery without a lead", delivery("lead", nullptr)));
        checks.push_back(odd_delivery(kind + ": a lead with odd values (empty strings, 20 KB text, emoji, unknown fields)",
                                      delivery("lead", odd_lead())));
        if (plugin.has_kind("notifier"))
            checks.push_back(odd_delivery("notifier: a notice", delivery("notice", complete_lead())));
        checks.push_back(deliver_after_stop(kind));
    }
    if (plugin.has_kind("processor")) {
        checks.push_back(processor_input("an empty object", json::object()));
        checks.push_back(processor_input("a customer's text", {{"text", "Здравствуйте! Срочно нужна запись, +7 916 123-45-67"}}));
        checks.push_back(processor_input("a list instead of an object", json::array({1, "two", nullptr})));
        checks.push_back(processor_input("an object with nulls and wrong types", {{"text", nullptr}, {"lead", 42}}));
        checks.push_back(process_after_stop());
    }
    return checks;
}

}  // namespace leadhub::kit
