#include "host/plugin_instance.hpp"

#include "host/host_api_bridge.hpp"

#include <leadhub/sdk/c_http_request.hpp>
#include <leadhub/sdk/exception_text.hpp>
#include <leadhub/sdk/json.hpp>
#include <leadhub/sdk/options.hpp>
#include <leadhub/sdk/safe_text.hpp>
#include <leadhub/sdk/string_writer.hpp>

#include <exception>
#include <mutex>

namespace leadhub::host {
namespace {

using nlohmann::json;

}  // namespace

PluginInstance::PluginInstance(std::shared_ptr<PluginLibrary> library, std::string tenant, std::string name,
                               std::shared_ptr<InstanceServices> services)
    : library_(std::move(library)), tenant_(std::move(tenant)), name_(std::move(name)) {
    bridge_ = std::make_unique<HostApiBridge>(std::move(services), label());
}

std::string PluginInstance::label() const {
    return library_->display_name() + ", instance '" + name_ + "' of tenant '" + tenant_ + "'";
}

CreateResult PluginInstance::create(std::shared_ptr<PluginLibrary> library, std::string tenant,
                                    std::string instance_name, const json& options,
                                    std::shared_ptr<InstanceServices> services) {
    if (!library) return {nullptr, "instance '" + instance_name + "': no plugin library given"};
    if (!services) return {nullptr, library->display_name() + ", instance '" + instance_name + "': no host services given"};
    std::shared_ptr<PluginInstance> self(
        new PluginInstance(std::move(library), std::move(tenant), std::move(instance_name), std::move(services)));

    // Options first: a config mistake must never reach plugin code.
    const json& schema = self->library_->manifest().at("options");
    const auto errors = sdk::validate_options(schema, options, self->options_);
    if (!errors.empty()) {
        std::string all;
        for (const auto& e : errors) all += (all.empty() ? "" : "; ") + e.message;
        return {nullptr, self->label() + ": invalid options: " + all};
    }

    const lh_plugin_api& api = self->library_->api();
    const std::string options_text = sdk::dump(self->options_);
    std::string error;
    lh_status status = LH_ERROR;
    try {
        status = api.create(self->bridge_->api(), self->name_.c_str(), options_text.c_str(), &self->handle_, &sdk::append_to_string, &error);
    } catch (...) {
        return {nullptr, self->label() + ": create threw: " + sdk::exception_text(std::current_exception())};
    }
    if (status != LH_OK)
        return {nullptr, self->label() + ": create failed: " + (error.empty() ? "the plugin gave no reason" : error)};
    self->created_ = true;
    return {self, ""};
}

PluginInstance::~PluginInstance() {
    stop();
    std::unique_lock lock(lifecycle_);
    if (!created_) return;
    try {
        library_->api().destroy(handle_);
    } catch (...) {
        // A destructor must not throw; the library is about to be released anyway.
    }
}

std::string PluginInstance::start() {
    std::unique_lock lock(lifecycle_);
    if (state_ == State::running) return label() + ": already started";
    if (state_ != State::created) return label() + ": a stopped or failed instance cannot start again; create a new one";
    const lh_plugin_api& api = library_->api();
    std::string error;
    lh_status status = LH_OK;
    try {
        if (api.start) status = api.start(handle_, &sdk::append_to_string, &error);
    } catch (...) {
        state_ = State::failed;
        return label() + ": start threw: " + sdk::exception_text(std::current_exception());
    }
    if (status != LH_OK) {
        state_ = State::failed;
        return label() + ": start failed: " + (error.empty() ? "the plugin gave no reason" : error);
    }
    state_ = State::running;
    return "";
}

void PluginInstance::stop() {
    std::unique_lock lock(lifecycle_);
    stop_locked();
}

bool PluginInstance::stop_within(std::chrono::milliseconds limit) {
    std::unique_lock lock(lifecycle_, std::defer_lock);
    if (!lock.try_lock_for(limit)) return false;
    stop_locked();
    return true;
}

void PluginInstance::stop_locked() {
    if (state_ != State::running) return;
    state_ = State::stopped;
    try {
        if (library_->api().stop) library_->api().stop(handle_);
    } catch (...) {
        // Stopping is best effort: the instance is considered stopped whatever the plugin did.
    }
}

bool PluginInstance::running() const {
    std::shared_lock lock(lifecycle_);
    return state_ == State::running;
}

std::string PluginInstance::not_running_reason() const {
    return state_ == State::running ? "" : label() + ": the instance is not running";
}

WebhookAnswer PluginInstance::handle_http(const sdk::HttpRequest& request) {
    std::shared_lock lock(lifecycle_);
    if (std::string reason = not_running_reason(); !reason.empty()) return WebhookAnswer::reject(503, reason);
    const lh_plugin_api& api = library_->api();
    if (!api.handle_http) return WebhookAnswer::reject(404, label() + ": the plugin is not a source");

    const sdk::CHttpRequest r(request);
    std::string result;
    try {
        api.handle_http(handle_, r.get(), &sdk::append_to_string, &result);
    } catch (...) {
        return WebhookAnswer::reject(500, label() + ": the plugin threw: " + sdk::exception_text(std::current_exception()));
    }
    return webhook_answer_from_text(result, label());
}

sdk::Outcome PluginInstance::deliver(const json& delivery) {
    std::shared_lock lock(lifecycle_);
    if (std::string reason = not_running_reason(); !reason.empty()) return sdk::Outcome::retry(reason);
    const lh_plugin_api& api = library_->api();
    if (!api.deliver) return sdk::Outcome::permanent(label() + ": the plugin is not a sink or notifier");

    const std::string input = sdk::dump(delivery);
    std::string output;
    try {
        api.deliver(handle_, input.data(), input.size(), &sdk::append_to_string, &output);
    } catch (...) {
        return sdk::Outcome::retry(label() + ": the plugin threw: " + sdk::exception_text(std::current_exception()));
    }
    // Bounded like every JSON the hub takes from a plugin (sdk::parse_json): an outcome is flat.
    sdk::JsonError error;
    json parsed = sdk::parse_json(output, &error, {sdk::kMaxWrappedJsonDepth});
    if (error.kind == sdk::JsonError::Kind::too_deep)
        return sdk::Outcome::retry(label() + ": the plugin returned an outcome " + error.message);
    if (parsed.is_discarded())
        return sdk::Outcome::retry(label() + ": the plugin returned an outcome that is not JSON: '" +
                                   sdk::escape_control(output.substr(0, 200)) + "'");
    return sdk::outcome_from_json(parsed);
}

json PluginInstance::process(const json& input) {
    std::shared_lock lock(lifecycle_);
    if (std::string reason = not_running_reason(); !reason.empty()) return {{"error", reason}};
    const lh_plugin_api& api = library_->api();
    if (!api.process) return {{"error", label() + ": the plugin is not a processor"}};

    const std::string text = sdk::dump(input);
    std::string output;
    try {
        api.process(handle_, text.data(), text.size(), &sdk::append_to_string, &output);
    } catch (...) {
        return {{"error", label() + ": the plugin threw: " + sdk::exception_text(std::current_exception())}};
    }
    // The output goes on to the pipeline, which copies and writes it (recursing once per level):
    // read with the bound of wrapped data, so a model's answer cannot nest it any deeper.
    sdk::JsonError error;
    json parsed = sdk::parse_json(output, &error, {sdk::kMaxWrappedJsonDepth});
    if (error.kind == sdk::JsonError::Kind::too_deep)
        return {{"error", label() + ": the plugin returned output " + error.message}};
    if (parsed.is_discarded()) return {{"error", label() + ": the plugin returned output that is not JSON"}};
    return parsed;
}

json PluginInstance::control(const json& request) {
    std::shared_lock lock(lifecycle_);
    if (std::string reason = not_running_reason(); !reason.empty()) return {{"error", reason}};
    const lh_plugin_api& api = library_->api();
    if (!api.control) return {{"error", label() + ": the plugin offers no operator actions"}};

    const std::string text = sdk::dump(request);
    std::string output;
    try {
        api.control(handle_, text.data(), text.size(), &sdk::append_to_string, &output);
    } catch (...) {
        return {{"error", label() + ": the plugin threw: " + sdk::exception_text(std::current_exception())}};
    }
    sdk::JsonError error;
    json parsed = sdk::parse_json(output, &error, {sdk::kMaxWrappedJsonDepth});
    if (error.kind == sdk::JsonError::Kind::too_deep)
        return {{"error", label() + ": the plugin answered " + error.message}};
    if (parsed.is_discarded() || !parsed.is_object())
        return {{"error", label() + ": the plugin's answer is not a JSON object"}};
    return parsed;
}

}  // namespace leadhub::host
