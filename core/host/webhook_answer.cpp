#include "host/webhook_answer.hpp"

#include <limits>

#include <nlohmann/json.hpp>

#include <simdjson.h>

#include <algorithm>
#include <memory>

namespace leadhub::host {
namespace {

namespace dom = simdjson::dom;

// A field the hub cannot trust; its text becomes the 500's reason.
struct Malformed {
    std::string why;
};

// Answers up to this size are read with the handler thread's own parser, which keeps its buffers
// for the next webhook; a larger one gets a parser of its own, so that one huge answer does not
// leave every handler thread holding buffers of its size.
constexpr std::size_t kReusedParserLimit = 64 * 1024;

// How deep an answer may nest: its messages sit two levels down (the result object, its messages
// array), and each may nest sdk::kMaxJsonDepth levels, as sdk::message_from_json reads it. simdjson
// refuses deeper while parsing (its own default is 1024). Nothing below walks the DOM by
// recursion: the fields are read by loops over one object at a time, and simdjson::minify
// recurses once per 16 levels. The messages kept go on to the store and the pipeline, whose
// nlohmann copies and dumps recurse once per level: this bound is what keeps them shallow.
constexpr std::size_t kAnswerDepth = sdk::kMaxJsonDepth + 2;

std::string quoted(std::string_view key) { return "'" + std::string(key) + "'"; }

// The fields of sdk::Message that are a string or null (sdk::opt_string).
bool is_optional_text_field(std::string_view key) {
    return key == "external_user_id" || key == "external_message_id" || key == "name" || key == "phone" ||
           key == "email" || key == "text";
}

// A present field of the answer that must be a string, as nlohmann's value() reads it.
std::string text_field(dom::object object, std::string_view key, std::string fallback) {
    dom::element value;
    if (object[key].get(value)) return fallback;
    std::string_view text;
    if (value.get_string().get(text)) throw Malformed{quoted(key) + " must be a string"};
    return std::string(text);
}

// A number sdk::integer_value<int64_t> reads (an integer in range, or a double it truncates into range).
bool fits_int64(dom::element value) {
    if (int64_t i; !value.get_int64().get(i)) return true;
    if (uint64_t u; !value.get_uint64().get(u)) return u <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
    if (double d; !value.get_double().get(d)) return d >= -9223372036854775808.0 && d < 9223372036854775808.0;
    return false;
}

// Checks one message as sdk::message_from_json reads it, and keeps its minified text.
MessageText read_message(dom::element element, std::size_t index) {
    const std::string which = "message " + std::to_string(index + 1) + ": ";
    dom::object object;
    if (element.get_object().get(object)) throw Malformed{which + "not an object"};
    MessageText out;
    for (auto field : object) {
        const std::string_view key = field.key;
        if (key == "channel") {
            if (!field.value.is_string()) throw Malformed{which + "'channel' must be a string"};
        } else if (is_optional_text_field(key)) {
            if (field.value.is_null()) {
                if (key == "external_message_id") out.external_message_id.reset();
                continue;
            }
            std::string_view text;
            if (field.value.get_string().get(text)) throw Malformed{which + quoted(key) + " must be a string or null"};
            if (key == "external_message_id") out.external_message_id = std::string(text);
        } else if (std::string_view event; key == "event" && !field.value.get_string().get(event)) {
            // message_from_json refuses an event it does not know (a string that is not one).
            try {
                sdk::message_event_from_string(std::string(event));
            } catch (const std::invalid_argument&) {
                throw Malformed{which + "unknown 'event' '" + sdk::escape_control(std::string(event).substr(0, 64)) +
                                "': customer_message, business_message, customer_blocked, staff_action or lead_status"};
            }
            // An event on a lead carries what it says in a member of its own name.
            for (std::string_view needs : {std::string_view("staff_action"), std::string_view("lead_status")})
                if (dom::object inner; event == needs && object[needs].get_object().get(inner))
                    throw Malformed{which + "a '" + std::string(needs) + "' event without its '" + std::string(needs) + "'"};
        } else if (key == "staff_action" || key == "lead_status") {
            // message_from_json reads a present member whatever the event (null: absent).
            if (field.value.is_null()) continue;
            dom::object inner;
            if (field.value.get_object().get(inner)) throw Malformed{which + quoted(key) + " must be an object"};
            if (dom::element id; key == "lead_status" && !inner["lead_id"].get(id) && !id.is_null() && !fits_int64(id))
                throw Malformed{which + "'lead_status.lead_id' must be an integer"};
        } else if (dom::object utm; key == "utm" && !field.value.get_object().get(utm)) {
            for (auto entry : utm)
                if (!entry.value.is_string())
                    throw Malformed{which + "UTM value " + quoted(entry.key) + " must be a string"};
        }
    }
    out.json = simdjson::minify(element);
    return out;
}

WebhookAnswer read_answer(dom::element document, const std::string& label) {
    dom::object object;
    dom::element status_value;
    if (document.get_object().get(object) || object["status"].get(status_value) ||
        !(status_value.is_int64() || status_value.is_uint64()))
        return WebhookAnswer::reject(500, label + ": the plugin returned a webhook result without a status");
    int64_t status = 0;
    if (status_value.get_int64().get(status) || status < 100 || status > 599)
        return WebhookAnswer::reject(500, label + ": the plugin returned HTTP status " + simdjson::minify(status_value));

    try {
        WebhookAnswer answer;
        answer.status = static_cast<int>(status);
        answer.content_type = text_field(object, "content_type", answer.content_type);
        answer.body = text_field(object, "body", "");
        dom::object headers;
        if (!object["headers"].get(headers))
            for (auto header : headers)
                if (std::string_view value; !header.value.get_string().get(value))
                    answer.headers[std::string(header.key)] = std::string(value);
        dom::array messages;
        if (!object["messages"].get(messages)) {
            std::size_t index = 0;
            for (dom::element message : messages) answer.messages.push_back(read_message(message, index++));
        }
        return answer;
    } catch (const Malformed& e) {
        return WebhookAnswer::reject(500, label + ": the plugin returned a malformed webhook result: " + e.why);
    }
}

}  // namespace

sdk::Message MessageText::message() const { return sdk::message_from_json(nlohmann::json::parse(json)); }

WebhookAnswer WebhookAnswer::reject(int status, std::string reason) {
    WebhookAnswer answer;
    answer.status = status;
    answer.body = std::move(reason);
    return answer;
}

WebhookAnswer webhook_answer_from_text(std::string_view text, const std::string& label) {
    thread_local dom::parser reused;
    std::unique_ptr<dom::parser> own;
    dom::parser* parser = &reused;
    if (text.size() > kReusedParserLimit) {
        own = std::make_unique<dom::parser>();
        parser = own.get();
    }
    // A parser keeps its depth when it grows; a new one (or this thread's first) gets it here.
    if (parser->max_depth() != kAnswerDepth && parser->allocate(std::max<std::size_t>(text.size(), 1), kAnswerDepth))
        return WebhookAnswer::reject(500, label + ": the hub could not allocate a parser for the webhook result");
    dom::element document;
    // The text is copied into the parser's padded buffer (realloc_if_needed): a plugin's answer
    // has no padding of its own.
    const simdjson::error_code error = parser->parse(text.data(), text.size(), true).get(document);
    if (error == simdjson::DEPTH_ERROR)
        return WebhookAnswer::reject(500, label + ": the plugin returned a webhook result nested deeper than " +
                                              std::to_string(kAnswerDepth) + " levels (a message may nest " +
                                              std::to_string(sdk::kMaxJsonDepth) + ")");
    if (error) return WebhookAnswer::reject(500, label + ": the plugin returned a webhook result that is not JSON");
    return read_answer(document, label);
}

}  // namespace leadhub::host
