#include "staff_card.hpp"

#include <leadhub/sdk/text_template.hpp>

namespace leadhub::telegram {

using sdk::Json;

namespace {

struct ActionName {
    const char* action;
    const char* label;
};
constexpr ActionName kActions[] = {
    {"take", "Беру"}, {"later", "Перезвоню позже"}, {"junk", "Не целевой"}, {"booked", "Записан"}};

// How a status press shows on the card: «Записан — Марина».
const char* status_words(std::string_view action) {
    if (action == "later") return "Перезвонить позже";
    if (action == "junk") return "Не целевой";
    if (action == "booked") return "Записан";
    return "Готово";
}

std::string name_of(const Json& person) {
    return person.is_object() ? sdk::string_member_or(person, "name") : std::string();
}

// An HTML line with the value escaped, as the card's values are.
std::string html_line(const std::string& words, const std::string& value) {
    return sdk::render_template(words, Json{{"v", value}}, sdk::Escape::html);
}

}  // namespace

bool is_card_action(std::string_view action) {
    for (const auto& a : kActions)
        if (action == a.action) return true;
    return false;
}

const char* card_action_label(std::string_view action) {
    for (const auto& a : kActions)
        if (action == a.action) return a.label;
    return "";
}

std::optional<CardButton> parse_card_data(std::string_view data) {
    const std::size_t colon = data.find(':');
    if (colon == std::string_view::npos || colon + 1 >= data.size() || data.size() > 64) return std::nullopt;
    CardButton button{std::string(data.substr(0, colon)), std::string(data.substr(colon + 1))};
    if (!is_card_action(button.action)) return std::nullopt;
    return button;
}

std::string card_lead_ref(const Json& reply_markup) {
    auto rows = reply_markup.is_object() ? reply_markup.find("inline_keyboard") : reply_markup.end();
    if (!reply_markup.is_object() || rows == reply_markup.end() || !rows->is_array()) return {};
    for (const Json& row : *rows) {
        if (!row.is_array()) continue;
        for (const Json& button : row)
            if (auto parsed = parse_card_data(sdk::string_member_or(button, "callback_data"))) return parsed->lead_ref;
    }
    return {};
}

std::string cut_text(const std::string& text, std::size_t limit) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // inside a sequence
        if (chars++ == limit) return text.substr(0, i) + "…";
    }
    return text;
}

Json card_data(const Json& lead) {
    Json data = lead.is_object() ? lead : Json::object();
    if (auto urgent = data.find("urgent"); urgent != data.end() && *urgent != Json(true)) data.erase(urgent);
    std::string words = sdk::string_member_or(data, "display_text");
    if (words.empty()) words = sdk::string_member_or(data, "text");
    if (words.empty()) data.erase("display_text");
    else data["display_text"] = cut_text(words, kMaxCardWords);
    return data;
}

std::string render_card(const std::string& card_template, const Json& lead) {
    std::string text = sdk::render_template(card_template, card_data(lead), sdk::Escape::html);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text;
}

Json card_keyboard(const std::string& lead_ref, const std::vector<std::string>& actions) {
    Json rows = Json::array();
    for (std::size_t i = 0; i < actions.size(); ++i) {
        if (i % 2 == 0) rows.push_back(Json::array());
        rows.back().push_back({{"text", card_action_label(actions[i])}, {"callback_data", actions[i] + ":" + lead_ref}});
    }
    return {{"inline_keyboard", std::move(rows)}};
}

std::vector<std::string> new_card_actions() { return {"take", "later", "junk", "booked"}; }

ResultView result_view(const Json& payload, const Json& lead) {
    ResultView view;
    const std::string action = sdk::string_member_or(payload, "action");
    const std::string result = sdk::string_member_or(payload, "result");
    const std::string reason = sdk::string_member_or(payload, "reason");
    std::string assignee = name_of(payload.value("assignee", Json()));
    if (assignee.empty()) assignee = sdk::string_member_or(lead, "assignee_name");
    const std::string staff = name_of(payload.value("staff", Json()));
    const bool assigned = !assignee.empty() || !sdk::string_member_or(lead, "assignee").empty();

    if (result == "taken" || result == "already_yours" || result == "taken_by_other") {
        if (result == "taken") {
            view.answer = "Заявка ваша";
            const std::string who = sdk::string_member_or(lead, "name"), phone = sdk::string_member_or(lead, "phone");
            if (!who.empty() || !phone.empty()) view.answer += ": " + who + (who.empty() || phone.empty() ? "" : ", ") + phone;
        } else if (result == "already_yours") {
            view.answer = "Заявка уже ваша";
        } else {
            view.answer = "Заявку уже взял(а) " + (assignee.empty() ? std::string("другой сотрудник") : assignee);
            view.alert = true;
        }
        view.edit = true;
        view.status = html_line("В работе: {{v}}", assignee.empty() ? staff : assignee);
        view.actions = {"booked", "later", "junk"};
    } else if (result == "status_set") {
        view.answer = "Готово";
        view.edit = true;
        view.status = html_line(std::string(status_words(action)) + "{{#v}} — {{v}}{{/v}}", staff);
        if (assigned) view.status += "\n" + html_line("В работе: {{v}}", assignee);
        if (!assigned) view.actions.push_back("take");
        for (const char* a : {"booked", "later", "junk"})
            if (action != a) view.actions.push_back(a);
    } else if (result == "replied") {
        view.answer = "Отправлено клиенту";
    } else if (result == "no_such_lead") {
        view.answer = "Заявка не найдена";
        view.alert = true;
        view.reply_problem = view.answer;
    } else if (result == "refused") {
        view.answer = reason.empty() ? "Не получилось" : "Не получилось: " + reason;
        view.alert = true;
        view.reply_problem = view.answer;
    } else {
        // A result newer than this plugin: the press is still answered (empty), so its spinner
        // stops; a reply gets nothing.
    }
    view.answer = cut_text(view.answer, 190);
    return view;
}

}  // namespace leadhub::telegram
