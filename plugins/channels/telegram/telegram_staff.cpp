#include "telegram_staff.hpp"

#include "staff_card.hpp"

#include <algorithm>

namespace leadhub::telegram {

using sdk::Json;
using sdk::Message;

namespace {

const Json* field_object(const Json& object, const char* key) {
    auto it = object.find(key);
    return it != object.end() && it->is_object() ? &*it : nullptr;
}

std::optional<int64_t> field_int(const Json* object, const char* key) {
    if (!object) return std::nullopt;
    auto it = object->find(key);
    return it == object->end() ? std::nullopt : sdk::integer_value<int64_t>(*it);
}

std::optional<std::string> person_name(const Json& person) {
    std::string name = sdk::string_member_or(person, "first_name");
    const std::string last = sdk::string_member_or(person, "last_name");
    if (!last.empty()) name += (name.empty() ? "" : " ") + last;
    return name.empty() ? std::nullopt : std::optional<std::string>(name);
}

bool may_act(const StaffConfig& staff, const std::string& user_id) {
    return staff.user_ids.empty() || std::find(staff.user_ids.begin(), staff.user_ids.end(), user_id) != staff.user_ids.end();
}

// The staff chat, or the member's own private chat with the bot (its id is the user's).
bool staff_side_chat(const StaffConfig& staff, int64_t chat_id, int64_t user_id) {
    return (staff.chat_id && chat_id == *staff.chat_id) || chat_id == user_id;
}

Message staff_message(const Json& from, int64_t user_id, std::string external_message_id, sdk::StaffAction action) {
    Message m;
    m.channel = "telegram";
    m.event = sdk::MessageEvent::staff_action;
    m.external_user_id = std::to_string(user_id);
    m.external_message_id = std::move(external_message_id);
    m.name = person_name(from);
    action.staff_external_id = std::to_string(user_id);
    m.staff_action = std::move(action);
    return m;
}

StaffReading from_press(const Json& query, const StaffConfig& staff) {
    StaffReading out;
    out.callback_query_id = sdk::string_member_or(query, "id");
    const Json* from = field_object(query, "from");
    const Json* card = field_object(query, "message");
    const Json* chat = card ? field_object(*card, "chat") : nullptr;
    auto user = field_int(from, "id");
    auto chat_id = field_int(chat, "id");
    auto message_id = field_int(card, "message_id");
    auto button = parse_card_data(sdk::string_member_or(query, "data"));
    if (out.callback_query_id.empty() || !user) {
        out.ignored = "callback_query without an id or a sender";
        out.callback_query_id.clear();
        return out;
    }
    if (!button || !chat_id || !message_id) {
        out.ignored = "callback_query that is not a lead card's button";
        return out;
    }
    if (!staff_side_chat(staff, *chat_id, *user)) {
        out.ignored = "callback_query: a card's button pressed outside the staff chat (chat " + std::to_string(*chat_id) + ")";
        return out;
    }
    if (!may_act(staff, std::to_string(*user))) {
        out.ignored = "callback_query: a card's button pressed by " + std::to_string(*user) + ", who is not in staff_user_ids";
        out.callback_text = kOnlyForStaff;
        return out;
    }
    // A press on a customer's later message shown under the card (card_thread.hpp) acts on the
    // card: the result edits the card, and the customer's words stay as they were. Only those
    // lines are replies among the bot's messages with card buttons.
    const Json* replied = field_object(*card, "reply_to_message");
    const auto card_id = field_int(replied, "message_id");
    sdk::StaffAction action;
    action.lead_ref = button->lead_ref;
    action.action = button->action;
    action.answer_to = {{"callback_query_id", out.callback_query_id}, {"chat_id", *chat_id}, {"message_id", card_id.value_or(*message_id)}};
    out.message = staff_message(*from, *user, "cb:" + out.callback_query_id, std::move(action));
    out.callback_query_id.clear();  // the hub answers it, with the result
    return out;
}

std::optional<StaffReading> from_message(const Json& msg, const StaffConfig& staff) {
    const Json* chat = field_object(msg, "chat");
    const Json* from = field_object(msg, "from");
    auto chat_id = field_int(chat, "id");
    const bool in_staff_chat = staff.chat_id && chat_id == staff.chat_id;
    const bool in_private = chat && sdk::string_member_or(*chat, "type") == "private";
    if (!in_staff_chat && !in_private) return std::nullopt;  // another group: the customers' reader ignores it

    const Json* replied = field_object(msg, "reply_to_message");
    const Json* replied_from = replied ? field_object(*replied, "from") : nullptr;
    const bool to_bot = replied_from && replied_from->value("is_bot", false) == true;
    const std::string lead_ref = to_bot ? card_lead_ref(replied->value("reply_markup", Json())) : std::string();
    if (lead_ref.empty()) {
        if (!in_staff_chat) return std::nullopt;  // a private message: a customer's, as always
        return StaffReading{std::nullopt, "a message in the staff chat that is not a reply to a lead card", {}, {}};
    }
    StaffReading out;
    auto user = field_int(from, "id");
    auto message_id = field_int(&msg, "message_id");
    if (!user || !message_id || from->value("is_bot", false) == true) {
        out.ignored = "a reply to a card without a message_id or from a bot";
        return out;
    }
    if (!may_act(staff, std::to_string(*user))) {
        out.ignored = "a reply to a card by " + std::to_string(*user) + ", who is not in staff_user_ids";
        return out;
    }
    std::string text = sdk::string_member_or(msg, "text");
    if (text.empty()) text = sdk::string_member_or(msg, "caption");
    if (text.empty()) {
        out.ignored = "a reply to a card without text (only text reaches the customer)";
        return out;
    }
    sdk::StaffAction action;
    action.lead_ref = lead_ref;
    action.action = "reply";
    action.text = std::move(text);
    action.answer_to = {{"chat_id", *chat_id}, {"message_id", *message_id}};
    out.message = staff_message(*from, *user, std::to_string(*chat_id) + ":" + std::to_string(*message_id), std::move(action));
    return out;
}

}  // namespace

StaffConfig staff_config(const TelegramOptions& options) { return {options.staff_chat_id, options.staff_user_ids}; }

std::optional<StaffReading> read_staff_update(const Json& update, const StaffConfig& staff) {
    if (!update.is_object()) return std::nullopt;
    if (const Json* query = field_object(update, "callback_query")) return from_press(*query, staff);
    if (const Json* msg = field_object(update, "message")) return from_message(*msg, staff);
    return std::nullopt;
}

}  // namespace leadhub::telegram
