#include "vk_longpoll_api.hpp"

#include "vk_api.hpp"

#include <leadhub/sdk/safe_text.hpp>

namespace leadhub::vk {

using sdk::Json;

std::string ts_text(const Json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (auto n = sdk::integer_value<int64_t>(value); n && !value.is_number_float()) return std::to_string(*n);
    return {};
}

std::optional<LongPollSession> read_longpoll_session(const Json& response) {
    if (!response.is_object()) return std::nullopt;
    LongPollSession s{sdk::string_member_or(response, "server"), sdk::string_member_or(response, "key"),
                      ts_text(response.value("ts", Json()))};
    if (s.server.empty() || s.key.empty()) return std::nullopt;
    // The user Long Poll API gave servers without a scheme; the bots one gives full URLs.
    if (s.server.find("://") == std::string::npos) s.server = "https://" + s.server;
    return s;
}

sdk::HttpRequest a_check_request(const LongPollSession& session, const std::string& ts, int64_t wait_s) {
    sdk::HttpRequest request;
    request.method = "GET";
    const char* join = session.server.find('?') == std::string::npos ? "?" : "&";
    request.target = session.server + join +
                     form_encode({{"act", "a_check"}, {"key", session.key}, {"ts", ts}, {"wait", std::to_string(wait_s)}});
    request.timeout_ms = static_cast<uint32_t>((wait_s + 10) * 1000);
    return request;
}

CheckAnswer read_a_check(const sdk::HttpResponse& response) {
    CheckAnswer a;
    if (response.status == 0) {
        a.error = "no answer from the long poll server: " + sdk::escape_control(response.error);
        return a;
    }
    if (response.status < 200 || response.status >= 300) {
        a.error = "the long poll server answered HTTP " + std::to_string(response.status);
        return a;
    }
    Json body = sdk::parse_json(response.body);
    if (!body.is_object()) {
        a.error = "the long poll server answered something that is not a JSON object";
        return a;
    }
    a.ts = ts_text(body.value("ts", Json()));
    if (auto failed = body.find("failed"); failed != body.end()) {
        a.failed = sdk::integer_value<int>(*failed).value_or(-1);
        if (a.failed == 1 && !a.ts.empty()) a.kind = CheckAnswer::Kind::ts_outdated;
        else if (a.failed == 2) a.kind = CheckAnswer::Kind::key_expired;
        else a.kind = CheckAnswer::Kind::info_lost;
        return a;
    }
    auto updates = body.find("updates");
    if (updates == body.end() || !updates->is_array() || a.ts.empty()) {
        a.error = "the long poll answer has no updates or ts";
        return a;
    }
    a.kind = CheckAnswer::Kind::updates;
    a.updates = std::move(*updates);
    return a;
}

}  // namespace leadhub::vk
