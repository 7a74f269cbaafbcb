#include "kit/raw_instance.hpp"

#include "host/host_api_bridge.hpp"

#include <leadhub/sdk/c_http_request.hpp>
#include <leadhub/sdk/exception_text.hpp>
#include <leadhub/sdk/json.hpp>
#include <leadhub/sdk/options.hpp>
#include <leadhub/sdk/string_writer.hpp>

#include <exception>

namespace leadhub::kit {

// Wraps the bridge so the header needs no host_api_bridge.hpp.
class HostApiBridgeHolder {
public:
    HostApiBridgeHolder(std::shared_ptr<host::InstanceServices> services, std::string label)
        : bridge(std::move(services), std::move(label)) {}
    host::HostApiBridge bridge;
};

std::unique_ptr<RawInstance> RawInstance::create(std::shared_ptr<host::PluginLibrary> library, const nlohmann::json& options,
                                                 std::string& error) {
    nlohmann::json normalized;
    const auto problems = sdk::validate_options(library->manifest().at("options"), options, normalized);
    if (!problems.empty()) {
        error = "invalid options:";
        for (const auto& p : problems) error += " " + p.message + ";";
        error.pop_back();
        return nullptr;
    }
    std::unique_ptr<RawInstance> self(new RawInstance());
    self->library_ = std::move(library);
    // Plugin logs are kept out of the report: the checks judge results, not log lines.
    self->services_ = std::make_shared<host::DefaultServices>([](lh_log_level, const std::string&) {});
    self->bridge_ = std::make_unique<HostApiBridgeHolder>(self->services_, self->library_->display_name() + ", instance 'check'");
    const std::string text = sdk::dump(normalized);
    try {
        if (self->library_->api().create(self->bridge_->bridge.api(), "check", text.c_str(), &self->handle_, &sdk::append_to_string,
                                         &error) != LH_OK) {
            if (error.empty()) error = "create failed without a reason";
            self->handle_ = nullptr;
            return nullptr;
        }
    } catch (...) {
        error = "an exception escaped the plugin's create across the C boundary: " + sdk::exception_text(std::current_exception());
        self->handle_ = nullptr;
        return nullptr;
    }
    return self;
}

RawInstance::~RawInstance() {
    if (!handle_) return;
    try {
        if (started_ && library_->api().stop) library_->api().stop(handle_);
        library_->api().destroy(handle_);
    } catch (...) {
        // Reported by the lifecycle checks, which call stop and destroy on their own.
    }
}

std::string RawInstance::start() {
    std::string error;
    try {
        if (library_->api().start && library_->api().start(handle_, &sdk::append_to_string, &error) != LH_OK)
            return error.empty() ? "start failed without a reason" : error;
    } catch (...) {
        return "an exception escaped the plugin's start across the C boundary: " + sdk::exception_text(std::current_exception());
    }
    started_ = true;
    return "";
}

RawCall RawInstance::handle_http(const sdk::HttpRequest& request) {
    RawCall call;
    if (!library_->api().handle_http) {
        call.function_missing = true;
        return call;
    }
    // The checks call as a local client would, with no deadline of their own.
    sdk::HttpRequest local = request;
    local.remote_addr = "127.0.0.1";
    local.timeout_ms = 0;
    const sdk::CHttpRequest r(local);
    try {
        library_->api().handle_http(handle_, r.get(), &sdk::append_to_string, &call.output);
    } catch (...) {
        call.escaped = sdk::exception_text(std::current_exception());
    }
    return call;
}

RawCall RawInstance::deliver(const std::string& delivery_json) {
    RawCall call;
    if (!library_->api().deliver) {
        call.function_missing = true;
        return call;
    }
    try {
        library_->api().deliver(handle_, delivery_json.data(), delivery_json.size(), &sdk::append_to_string, &call.output);
    } catch (...) {
        call.escaped = sdk::exception_text(std::current_exception());
    }
    return call;
}

RawCall RawInstance::process(const std::string& input_json) {
    RawCall call;
    if (!library_->api().process) {
        call.function_missing = true;
        return call;
    }
    try {
        library_->api().process(handle_, input_json.data(), input_json.size(), &sdk::append_to_string, &call.output);
    } catch (...) {
        call.escaped = sdk::exception_text(std::current_exception());
    }
    return call;
}

}  // namespace leadhub::kit
