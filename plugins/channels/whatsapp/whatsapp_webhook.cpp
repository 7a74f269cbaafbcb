// Meta's WhatsApp webhook envelope walked change by change (see whatsapp_api.hpp for what each
// field becomes). Every element is checked for its shape: one broken message is counted as
// ignored, never a reason to lose its neighbours or to answer 500.
#include "whatsapp_api.hpp"

#include <leadhub/sdk/safe_text.hpp>

namespace leadhub::whatsapp {

namespace {

using sdk::Json;

const Json& array_member(const Json& j, const char* key) {
    static const Json empty = Json::array();
    auto it = j.find(key);
    return it != j.end() && it->is_array() ? *it : empty;
}

const Json& object_member(const Json& j, const char* key) {
    static const Json empty = Json::object();
    auto it = j.find(key);
    return it != j.end() && it->is_object() ? *it : empty;
}

std::vector<ContactInfo> read_contacts_of(const Json& value) {
    std::vector<ContactInfo> out;
    for (const auto& c : array_member(value, "contacts")) {
        if (!c.is_object()) continue;
        out.push_back({sdk::string_member_or(c, "wa_id"), sdk::string_member_or(c, "user_id"),
                       sdk::string_member_or(object_member(c, "profile"), "name")});
    }
    return out;
}

// The sender of one message: the contact whose wa_id (or business-scoped user_id) it names; else
// the only contact of the change (Meta sends one contact per customer message, and its wa_id is
// the id the fixtures and Meta's docs key on); else the message's own ids, without a name.
ContactInfo contact_for(const Json& message, const std::vector<ContactInfo>& contacts) {
    const std::string from = sdk::string_member_or(message, "from");
    const std::string from_user = sdk::string_member_or(message, "from_user_id");
    for (const auto& c : contacts)
        if ((!from.empty() && c.wa_id == from) || (!from_user.empty() && c.user_id == from_user)) return c;
    if (contacts.size() == 1 && (!contacts.front().wa_id.empty() || !contacts.front().user_id.empty()))
        return contacts.front();
    return {from, from_user, ""};
}

void add_address(sdk::Message& m, const ContactInfo& who, const std::string& phone_number_id) {
    Recipient to;
    to.field = who.wa_id.empty() ? "recipient" : "to";
    to.id = who.wa_id.empty() ? who.user_id : who.wa_id;
    to.phone_number_id = phone_number_id;
    if (!to.id.empty()) m.address = address_of(to);
}

void read_messages(const Json& value, const std::string& phone_number_id, ParsedWebhook& out) {
    const auto contacts = read_contacts_of(value);
    for (const auto& element : array_member(value, "messages")) {
        if (!element.is_object()) {
            ++out.ignored;
            continue;
        }
        const ContactInfo who = contact_for(element, contacts);
        auto message = message_from(element, who);
        if (!message || !message->external_user_id) {
            ++out.ignored;
            continue;
        }
        add_address(*message, who, phone_number_id);
        out.messages.push_back(std::move(*message));
    }
}

void read_statuses(const Json& value, const std::string& phone_number_id, ParsedWebhook& out) {
    for (const auto& status : array_member(value, "statuses")) {
        ++out.ignored;  // sent / delivered / read, and failed ones too: none is a customer's message
        if (!status.is_object() || sdk::string_member_or(status, "status") != "failed") continue;
        FailedStatus failed;
        failed.message_id = sdk::string_member_or(status, "id");
        failed.recipient_id = sdk::string_member_or(status, "recipient_id");
        failed.phone_number_id = phone_number_id;
        const Json& errors = array_member(status, "errors");
        if (!errors.empty()) failed.error = meta::graph_error_from_json(errors.front());
        if (!failed.message_id.empty()) out.failures.push_back(std::move(failed));
    }
}

// The business's own messages sent from the WhatsApp Business app on a number shared with the
// Cloud API: recorded on the customer's conversation as "the business answered".
void read_echoes(const Json& value, const std::string& phone_number_id, ParsedWebhook& out) {
    for (const auto& echo : array_member(value, "message_echoes")) {
        if (!echo.is_object()) {
            ++out.ignored;
            continue;
        }
        ContactInfo customer{sdk::string_member_or(echo, "to"), sdk::string_member_or(echo, "to_user_id"), ""};
        auto message = message_from(echo, customer);
        if (!message || !message->external_user_id) {
            ++out.ignored;
            continue;
        }
        message->event = sdk::MessageEvent::business_message;
        add_address(*message, customer, phone_number_id);
        out.messages.push_back(std::move(*message));
    }
}

// "Stop" on marketing messages: the customer does not want to hear from the business.
void read_preferences(const Json& value, const std::string& phone_number_id, ParsedWebhook& out) {
    const auto contacts = read_contacts_of(value);
    for (const auto& pref : array_member(value, "user_preferences")) {
        const std::string wa_id = sdk::string_member_or(pref, "wa_id");
        const std::string user_id = sdk::string_member_or(pref, "user_id");
        if (!pref.is_object() || sdk::string_member_or(pref, "value") != "stop" || (wa_id.empty() && user_id.empty())) {
            ++out.ignored;
            continue;
        }
        ContactInfo who{wa_id, user_id, ""};
        for (const auto& c : contacts)
            if ((!wa_id.empty() && c.wa_id == wa_id) || (!user_id.empty() && c.user_id == user_id)) who.name = c.name;
        sdk::Message m;
        m.channel = "whatsapp";
        m.event = sdk::MessageEvent::customer_blocked;
        m.external_user_id = wa_id.empty() ? user_id : wa_id;
        if (!wa_id.empty() && wa_id.find_first_not_of("0123456789") == std::string::npos) m.phone = "+" + wa_id;
        if (!who.name.empty()) m.name = who.name;
        auto ts = pref.find("timestamp");
        const std::string when = ts == pref.end() ? "" : ts->is_string() ? ts->get<std::string>() : ts->dump();
        m.external_message_id = "user_preferences:" + *m.external_user_id + ":" + when;
        m.extra["preference"] = pref;
        add_address(m, who, phone_number_id);
        out.messages.push_back(std::move(m));
    }
}

}  // namespace

std::optional<ParsedWebhook> parse_webhook(std::string_view body, std::string* error) {
    sdk::JsonError problem;
    const Json json = sdk::parse_json(body, &problem);
    if (problem) {
        if (error) *error = problem.message;
        return std::nullopt;
    }
    if (!json.is_object()) {
        if (error) *error = "not a JSON object";
        return std::nullopt;
    }
    ParsedWebhook out;
    if (sdk::string_member_or(json, "object") != "whatsapp_business_account") {
        out.whatsapp = false;
        out.ignored = 1;
        return out;
    }
    auto entries = json.find("entry");
    if (entries == json.end() || !entries->is_array()) {
        if (error) *error = "a WhatsApp webhook without an entry array";
        return std::nullopt;
    }
    for (const auto& entry : *entries) {
        for (const auto& change : array_member(entry, "changes")) {
            const std::string field = sdk::string_member_or(change, "field");
            const Json& value = object_member(change, "value");
            const std::string phone_number_id = sdk::string_member_or(object_member(value, "metadata"), "phone_number_id");
            if (field == "messages") {
                read_messages(value, phone_number_id, out);
                read_statuses(value, phone_number_id, out);
                if (!array_member(value, "errors").empty()) ++out.ignored;  // system errors of the account
            } else if (field == "smb_message_echoes") {
                read_echoes(value, phone_number_id, out);
            } else if (field == "user_preferences") {
                read_preferences(value, phone_number_id, out);
            } else {
                ++out.ignored;  // account, template and quality updates, history syncs, calls, ...
            }
        }
    }
    return out;
}

}  // namespace leadhub::whatsapp
