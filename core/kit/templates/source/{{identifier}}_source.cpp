#include "{{identifier}}_source.hpp"

#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/json.hpp>
#include <leadhub/sdk/safe_text.hpp>

#include <optional>

namespace {{identifier}}_plugin {

using leadhub::sdk::Json;
using leadhub::sdk::WebhookResult;

namespace {

// Reads an optional string field; false (with the reason) when it is there but not a string.
bool read_field(const Json& object, const char* key, std::optional<std::string>& out, std::string& error) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return true;
    if (!it->is_string()) {
        error = std::string("field '") + key + "' must be a string";
        return false;
    }
    if (!it->get<std::string>().empty()) out = it->get<std::string>();
    return true;
}

}  // namespace

bool parse_enquiry(const std::string& body, const std::string& channel, leadhub::sdk::Message& message, int& status,
                   std::string& error) {
    status = 400;
    // The SDK's reader: a body nested deeper than 64 levels is refused while parsing, before a
    // value exists whose copy or dump would recurse once per level.
    leadhub::sdk::JsonError problem;
    Json json = leadhub::sdk::parse_json(body, &problem);
    if (problem.kind == leadhub::sdk::JsonError::Kind::too_deep) {
        error = "the body is " + problem.message;
        return false;
    }
    if (json.is_discarded()) {
        error = "the body is not valid JSON";
        return false;
    }
    if (!json.is_object()) {
        error = "the body must be a JSON object of field: value";
        return false;
    }
    message.channel = channel;
    if (!read_field(json, "id", message.external_message_id, error) || !read_field(json, "name", message.name, error) ||
        !read_field(json, "phone", message.phone, error) || !read_field(json, "email", message.email, error) ||
        !read_field(json, "text", message.text, error))
        return false;
    if (auto utm = json.find("utm"); utm != json.end() && !utm->is_null()) {
        if (!utm->is_object()) {
            error = "field 'utm' must be an object of strings";
            return false;
        }
        for (const auto& [key, value] : utm->items()) {
            if (!value.is_string()) {
                error = "utm '" + leadhub::sdk::escape_control(key) + "' must be a string";  // one line in the log
                return false;
            }
            message.utm[key] = value.get<std::string>();
        }
    }
    if (!message.phone && !message.email && !message.text) {
        status = 422;
        error = "nothing to answer: give phone, email or text";
        return false;
    }
    status = 200;
    return true;
}

{{class}}Source::{{class}}Source(const leadhub::sdk::Context& ctx) : Source(ctx), options_(read_options(ctx.options)) {}

void {{class}}Source::start() { host().register_route("POST", "/"); }

WebhookResult {{class}}Source::refuse(int status, const std::string& reason) const {
    host().warn("{{name}} " + name() + ": refused with " + std::to_string(status) + ": " + reason);
    host().metric("{{identifier}}_refused");
    return WebhookResult::reject(status, reason);
}

WebhookResult {{class}}Source::on_webhook(const leadhub::sdk::HttpRequest& request) {
    if (request.method != "POST") return refuse(405, "method not allowed: send enquiries with POST");
    std::string token = request.header("X-Token");
    if (token.empty()) token = leadhub::sdk::form_value(leadhub::sdk::parse_form(request.query), "token");
    // secret_compare.hpp: in time that does not depend on where they differ.
    if (!leadhub::sdk::constant_time_equals(token, options_.token)) return refuse(403, "forbidden: wrong or missing token");
    if (request.body.size() > options_.max_body_bytes)
        return refuse(413, "the body is larger than " + std::to_string(options_.max_body_bytes) + " bytes");

    WebhookResult result;
    leadhub::sdk::Message message;
    std::string error;
    if (!parse_enquiry(request.body, options_.channel, message, result.status, error)) return refuse(result.status, error);
    result.messages.push_back(std::move(message));
    host().metric("{{identifier}}_received");
    return result;
}

}  // namespace {{identifier}}_plugin
