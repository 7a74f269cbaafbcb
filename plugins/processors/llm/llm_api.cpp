#include "llm_api.hpp"

#include <leadhub/sdk/safe_text.hpp>

#include <cmath>
#include <cstdlib>

namespace leadhub::llm {

using sdk::Json;

namespace {

Json nullable(Json type_schema) {
    return {{"anyOf", Json::array({std::move(type_schema), {{"type", "null"}}})}};
}

// The provider's own words: {"error": {"message": ..., "code": ...}} (OpenAI, llama.cpp), or a
// bare {"message": ...} some proxies send, else the first bytes of the body. Escaped
// (sdk::escape_control): they end up in a log line and in the hub's record of the failure.
std::string provider_message(const Json& body, const std::string& raw) {
    if (body.is_object()) {
        if (auto e = body.find("error"); e != body.end()) {
            if (e->is_object() && e->contains("message") && (*e)["message"].is_string())
                return sdk::escape_control((*e)["message"].get<std::string>());
            if (e->is_string()) return sdk::escape_control(e->get<std::string>());
        }
        if (auto m = body.find("message"); m != body.end() && m->is_string()) return sdk::escape_control(m->get<std::string>());
    }
    return sdk::escape_control(raw.substr(0, 200));
}

bool is_insufficient_quota(const Json& body) {
    if (!body.is_object() || !body.contains("error") || !body["error"].is_object()) return false;
    const Json& e = body["error"];
    return e.value("code", Json()) == "insufficient_quota" || e.value("type", Json()) == "insufficient_quota";
}

ChatFailure http_failure(const sdk::HttpResponse& r, const Json& body) {
    ChatFailure f;
    f.status = r.status;
    const std::string said = provider_message(body, r.body);
    const std::string prefix = "HTTP " + std::to_string(r.status) + ": ";
    if (r.status == 429 && is_insufficient_quota(body)) {
        f.reason = prefix + "out of quota (waiting will not help; top up the account or raise its limit): " + said;
        return f;
    }
    if (r.status == 429 || r.status == 408 || r.status >= 500) {
        f.retryable = true;
        f.retry_after_ms = retry_after_ms(r.header("Retry-After"));
        f.reason = prefix + said;
        return f;
    }
    if (r.status == 401 || r.status == 403)
        f.reason = prefix + "credentials rejected (check api_key and auth): " + said;
    else
        f.reason = prefix + said;
    return f;
}

ChatFailure permanent(std::string reason, int status) { return {std::move(reason), false, std::nullopt, status}; }

}  // namespace

Json reading_schema(const std::vector<std::string>& service_ids) {
    Json service_item = {{"type", "string"}};
    if (!service_ids.empty()) service_item["enum"] = service_ids;
    Json properties = {
        {"intent", {{"type", "string"}, {"enum", {"book", "reschedule", "cancel", "question", "complaint", "other"}}}},
        {"services", {{"type", "array"}, {"items", service_item}}},
        {"urgent", {{"type", "boolean"}}},
        {"name", nullable({{"type", "string"}})},
        {"phone", nullable({{"type", "string"}, {"description", "E.164, e.g. +79131234567"}})},
        {"date", nullable({{"type", "string"}, {"description", "YYYY-MM-DD"}})},
        {"time", nullable({{"type", "string"}, {"description", "HH:MM, 24-hour"}})},
        {"daypart", nullable({{"type", "string"}, {"enum", {"morning", "afternoon", "evening"}}})},
    };
    return {{"type", "object"},
            {"additionalProperties", false},
            {"required", {"intent", "services", "urgent", "name", "phone", "date", "time", "daypart"}},
            {"properties", properties}};
}

Json chat_request_body(const ChatCall& call) {
    Json messages = Json::array();
    for (const auto& m : call.messages) messages.push_back({{"role", m.role}, {"content", m.content}});
    Json body = {{"model", call.model}, {"messages", messages}, {"temperature", call.temperature}};
    if (call.max_tokens) body["max_tokens"] = *call.max_tokens;
    if (call.format == ResponseFormat::json_schema)
        body["response_format"] = {{"type", "json_schema"},
                                   {"json_schema", {{"name", "lead_reading"}, {"strict", true}, {"schema", call.schema}}}};
    else if (call.format == ResponseFormat::json_object)
        body["response_format"] = {{"type", "json_object"}};
    return body;
}

sdk::Headers chat_request_headers(const LlmOptions& options, const std::string& credential) {
    sdk::Headers h;
    for (const auto& [name, value] : options.extra_headers) h[name] = value;
    h["Content-Type"] = "application/json";
    h["Accept"] = "application/json";
    if (!credential.empty()) h["Authorization"] = (options.auth == AuthScheme::api_key ? "Api-Key " : "Bearer ") + credential;
    return h;
}

ChatResult read_chat_response(const sdk::HttpResponse& r) {
    if (r.status == 0) {
        ChatFailure f;
        f.retryable = true;
        f.reason = "no answer from the model server (timeout or network error): " +
                   (r.error.empty() ? std::string("unknown error") : r.error);
        return f;
    }
    // The server's JSON, read with the SDK's depth bound (a deeper one counts as not JSON).
    sdk::JsonError error;
    const Json body = sdk::parse_json(r.body, &error);
    if (r.status < 200 || r.status >= 300) return http_failure(r, body);

    if (error.kind == sdk::JsonError::Kind::too_deep) return permanent("the server's answer is " + error.message, r.status);
    if (!body.is_object())
        return permanent("the server's answer is not JSON: " + sdk::escape_control(r.body.substr(0, 200)), r.status);
    auto choices = body.find("choices");
    if (choices == body.end() || !choices->is_array() || choices->empty() || !(*choices)[0].is_object())
        return permanent("the server's answer has no choices", r.status);
    const Json& choice = (*choices)[0];
    auto message = choice.find("message");
    if (message == choice.end() || !message->is_object()) return permanent("the server's answer has no message", r.status);
    if (auto refusal = message->find("refusal"); refusal != message->end() && refusal->is_string())
        return permanent("the model refused: " + sdk::escape_control(refusal->get<std::string>()), r.status);
    if (choice.value("finish_reason", Json()) == "length")
        return permanent("the answer was cut off at the token limit (finish_reason length): raise max_tokens", r.status);
    auto content = message->find("content");
    if (content == message->end() || !content->is_string() || content->get<std::string>().empty())
        return permanent("the server's answer has no message content", r.status);

    ChatAnswer answer;
    answer.content = content->get<std::string>();
    if (auto m = body.find("model"); m != body.end() && m->is_string()) answer.model = m->get<std::string>();
    if (auto u = body.find("usage"); u != body.end() && u->is_object())
        if (auto t = u->find("total_tokens"); t != u->end() && t->is_number_integer()) answer.total_tokens = t->get<int64_t>();
    return answer;
}

std::optional<int64_t> retry_after_ms(const std::string& header) {
    if (header.empty()) return std::nullopt;
    char* end = nullptr;
    const double seconds = std::strtod(header.c_str(), &end);
    if (end == header.c_str() || *end != '\0' || !std::isfinite(seconds) || seconds < 0 || seconds > 86400)
        return std::nullopt;
    return static_cast<int64_t>(std::llround(seconds * 1000));
}

Json failure_output(const ChatFailure& failure) {
    Json out = {{"error", failure.reason}, {"retryable", failure.retryable}};
    if (failure.retry_after_ms) out["retry_after_ms"] = *failure.retry_after_ms;
    return out;
}

}  // namespace leadhub::llm
