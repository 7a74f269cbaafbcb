#include "isolation/forwarding_services.hpp"

#include "isolation/wire.hpp"

namespace leadhub::isolation {
namespace {
// A service call the hub does not answer within this time fails; the plugin sees an ordinary error.
constexpr int64_t kServiceTimeoutMs = 60000;
}  // namespace

std::optional<nlohmann::json> ForwardingServices::ask(nlohmann::json request) {
    auto answer = channel_.request(std::move(request), kServiceTimeoutMs);
    if (answer.kind != FrameChannel::Answer::Kind::answered) return std::nullopt;
    return std::move(answer.message);
}

void ForwardingServices::log(lh_log_level level, const std::string& message) {
    channel_.send({{"op", "log"}, {"level", static_cast<int>(level)}, {"message", message}});
}

void ForwardingServices::metric_add(const std::string& name, double value) {
    channel_.send({{"op", "metric"}, {"name", name}, {"value", value}});
}

std::optional<std::string> ForwardingServices::state_get(const std::string& key) {
    auto answer = ask({{"op", "state_get"}, {"key", key}});
    if (!answer || !answer->value("found", false)) return std::nullopt;
    return base64_decode(answer->value("value_base64", std::string()));
}

bool ForwardingServices::state_put(const std::string& key, const std::string& value) {
    auto answer = ask({{"op", "state_put"}, {"key", key}, {"value_base64", base64_encode(value)}});
    return answer && answer->value("ok", false);
}

bool ForwardingServices::register_route(const std::string& method, const std::string& path) {
    auto answer = ask({{"op", "register_route"}, {"method", method}, {"path", path}});
    return answer && answer->value("ok", false);
}

host::SubmitResult ForwardingServices::submit(const nlohmann::json& message) {
    auto answer = ask({{"op", "submit"}, {"message", message}});
    if (!answer) return {LH_ERROR, "the hub did not answer"};
    return {static_cast<lh_status>(answer->value("status", static_cast<int>(LH_ERROR))), answer->value("error", std::string())};
}

}  // namespace leadhub::isolation
