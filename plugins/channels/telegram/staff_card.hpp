// The lead card of the staff side, without I/O: its text (the card template over the delivery's
// lead, Telegram's HTML), its buttons, the lead a card belongs to, and what the press's answer and
// the edited card say once the hub has acted (a staff_action_result notice).
//
// Buttons carry "<action>:<lead id>" as callback_data (1-64 bytes): take «Беру», later «Перезвоню
// позже», junk «Не целевой», booked «Записан», two to a row. A card always keeps some of them, so
// a staff member's reply to it can always be tied to its lead (from the keyboard Telegram sends
// back inside reply_to_message) and a mistaken press can be corrected.
#pragma once

#include <leadhub/sdk/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace leadhub::telegram {

// The Russian card (option card_template ""): only the lines whose values the lead has.
inline constexpr const char* kDefaultCardTemplate =
    "<b>Новая заявка</b>{{#urgent}} 🔥 срочно{{/urgent}}\n"
    "{{name|Без имени}}{{#phone}}, <a href=\"tel:{{phone}}\">{{phone}}</a>{{/phone}}\n"
    "{{#channel_title}}Канал: {{channel_title}}\n{{/channel_title}}"
    "{{#service_names}}Услуга: {{service_names}}\n{{/service_names}}"
    "{{#date}}Когда: {{date}}{{#time}} {{time}}{{/time}}{{#daypart}} ({{daypart}}){{/daypart}}\n{{/date}}"
    "{{^date}}{{#time}}Когда: {{time}}\n{{/time}}{{^time}}{{#daypart}}Когда: {{daypart}}\n{{/daypart}}{{/time}}{{/date}}"
    "{{#score}}Оценка: {{score}}\n{{/score}}"
    "{{#display_text}}«{{display_text}}»\n{{/display_text}}"
    "{{#assignee_name}}Ответственный: {{assignee_name}}{{#assignment_reason}} ({{assignment_reason}}){{/assignment_reason}}\n{{/assignee_name}}";

// take, later, junk, booked.
bool is_card_action(std::string_view action);
// The Russian label of a card action («Беру», …).
const char* card_action_label(std::string_view action);

struct CardButton {
    std::string action;    // one of the card actions
    std::string lead_ref;  // what follows the ':'
};
// "take:42" -> {take, 42}; nullopt for data that is not a card button's.
std::optional<CardButton> parse_card_data(std::string_view data);

// The lead a card belongs to, from the callback_data of its inline keyboard (a Message's
// reply_markup); "" when it has no card button.
std::string card_lead_ref(const sdk::Json& reply_markup);

// What the template is rendered over: the lead, with urgent only when true (a section tests
// non-empty, and false renders "false"), display_text falling back to text, and the customer's
// words cut to kMaxCardWords characters so the card stays within Telegram's 4096.
sdk::Json card_data(const sdk::Json& lead);
inline constexpr std::size_t kMaxCardWords = 1500;

// The card's HTML text, trailing line breaks trimmed.
std::string render_card(const std::string& card_template, const sdk::Json& lead);

// {"inline_keyboard": [[…, …], […]]}: the buttons of `actions` for the lead, two to a row.
sdk::Json card_keyboard(const std::string& lead_ref, const std::vector<std::string>& actions);
std::vector<std::string> new_card_actions();  // take, later, junk, booked

// What a staff_action_result notice does in the chat.
struct ResultView {
    std::string answer;               // answerCallbackQuery text (plain, at most 200 characters)
    bool alert = false;               // shown as an alert the member must dismiss
    bool edit = false;                // the card is edited to `status` with `actions`
    std::string status;               // HTML lines appended to the card
    std::vector<std::string> actions; // the buttons left on the card
    // A reply's result (no press to answer): "" = it reached the customer; else why it did not.
    std::string reply_problem;
};
ResultView result_view(const sdk::Json& payload, const sdk::Json& lead);

// At most `limit` characters (UTF-8 sequences kept whole), "…" added when cut.
std::string cut_text(const std::string& text, std::size_t limit);

}  // namespace leadhub::telegram
