#include "kit/result_shape.hpp"

namespace leadhub::kit {

using nlohmann::json;

std::string excerpt(const std::string& text, std::size_t limit) {
    if (text.size() <= limit) return text;
    return text.substr(0, limit) + "… (" + std::to_string(text.size()) + " bytes)";
}

namespace {

bool non_empty_string(const json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_string() && !it->get<std::string>().empty();
}

}  // namespace

std::string outcome_problem(const std::string& text) {
    if (text.empty()) return "the plugin wrote no outcome at all";
    json outcome = json::parse(text, nullptr, false);
    if (outcome.is_discarded()) return "the outcome is not JSON: '" + excerpt(text) + "'";
    if (!outcome.is_object()) return "the outcome is not a JSON object: " + excerpt(text);
    auto status = outcome.find("status");
    if (status == outcome.end() || !status->is_string()) return "the outcome has no string 'status': " + excerpt(text);
    const std::string s = status->get<std::string>();
    if (s == "ok") {
        if (outcome.contains("external_id") && !outcome.at("external_id").is_string())
            return "an ok outcome's 'external_id' must be a string: " + excerpt(text);
        return "";
    }
    if (s != "retry" && s != "permanent")
        return "the outcome status '" + s + "' is not one of ok, retry, permanent";
    if (!non_empty_string(outcome, "reason")) return "a " + s + " outcome needs a non-empty 'reason': " + excerpt(text);
    if (auto after = outcome.find("retry_after_ms"); after != outcome.end()) {
        if (s != "retry") return "only a retry outcome may carry 'retry_after_ms': " + excerpt(text);
        if (!after->is_number_integer() || after->get<long long>() < 0)
            return "'retry_after_ms' must be a whole number of milliseconds >= 0: " + excerpt(text);
    }
    return "";
}

std::string outcome_summary(const std::string& text) {
    json outcome = json::parse(text, nullptr, false);
    if (!outcome.is_object()) return excerpt(text);
    const std::string status = outcome.value("status", std::string("?"));
    if (status == "ok") {
        const std::string id = outcome.value("external_id", std::string());
        return id.empty() ? "ok" : "ok (external id '" + excerpt(id, 60) + "')";
    }
    return status + ": " + excerpt(outcome.value("reason", std::string()), 100);
}

WebhookAnswer read_webhook_answer(const std::string& text) {
    WebhookAnswer answer;
    if (text.empty()) {
        answer.problem = "the plugin wrote no webhook result at all";
        return answer;
    }
    json result = json::parse(text, nullptr, false);
    if (result.is_discarded()) {
        answer.problem = "the webhook result is not JSON: '" + excerpt(text) + "'";
        return answer;
    }
    if (!result.is_object() || !result.contains("status") || !result.at("status").is_number_integer()) {
        answer.problem = "the webhook result has no integer 'status': " + excerpt(text);
        return answer;
    }
    answer.status = result.at("status").get<int>();
    if (answer.status < 100 || answer.status > 599) {
        answer.problem = "the webhook result's status " + std::to_string(answer.status) + " is not an HTTP status";
        return answer;
    }
    for (const char* key : {"body", "content_type"}) {
        if (result.contains(key) && !result.at(key).is_string()) {
            answer.problem = std::string("the webhook result's '") + key + "' must be a string";
            return answer;
        }
    }
    answer.body = result.value("body", std::string());
    if (auto headers = result.find("headers"); headers != result.end() && !headers->is_null()) {
        bool strings = headers->is_object();
        if (strings)
            for (const auto& [name, value] : headers->items()) strings = strings && value.is_string();
        if (!strings) {
            answer.problem = "the webhook result's 'headers' must be an object of strings";
            return answer;
        }
    }
    if (auto messages = result.find("messages"); messages != result.end() && !messages->is_null()) {
        if (!messages->is_array()) {
            answer.problem = "the webhook result's 'messages' must be a list";
            return answer;
        }
        for (const auto& m : *messages) {
            if (!m.is_object() || !m.contains("channel") || !m.at("channel").is_string()) {
                answer.problem = "every message needs a string 'channel': " + excerpt(m.dump());
                return answer;
            }
        }
        answer.messages = messages->size();
    }
    return answer;
}

std::string processor_output_problem(const std::string& text) {
    if (text.empty()) return "the processor wrote no output at all";
    json output = json::parse(text, nullptr, false);
    if (output.is_discarded()) return "the output is not JSON: '" + excerpt(text) + "'";
    if (!output.is_object()) return "the output is not a JSON object: " + excerpt(text);
    if (output.contains("error") && !non_empty_string(output, "error"))
        return "an 'error' in the output must be a non-empty string: " + excerpt(text);
    return "";
}

}  // namespace leadhub::kit
