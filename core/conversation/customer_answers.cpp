#include "conversation/customer_answers.hpp"

#include "conversation/customer_texts.hpp"
#include "conversation/reply_plan.hpp"
#include "sla/staff_alerts.hpp"

#include "base/text.hpp"

#include <algorithm>
#include <array>

namespace leadhub::conversation {

namespace {

using Json = nlohmann::json;

bool contains_any(const std::string& text, std::initializer_list<const char*> words) {
    return std::any_of(words.begin(), words.end(), [&](const char* w) { return text.find(w) != std::string::npos; });
}

// Lower case, letters and digits kept, everything else one space, padded with spaces so
// " да " finds a whole word.
std::string words_of(const std::string& text) {
    std::string lower = base::fold_case(text);
    std::string out = " ";
    for (char c : lower) {
        const auto u = static_cast<unsigned char>(c);
        const bool keep = u >= 0x80 || std::isalnum(u) || c == '+';
        if (keep) out += c;
        else if (out.back() != ' ') out += ' ';
    }
    if (out.back() != ' ') out += ' ';
    return out;
}

// The customer's messages since the hub's or the staff's last message.
std::vector<const store::StoredMessage*> latest_words(const std::vector<store::StoredMessage>& messages) {
    std::vector<const store::StoredMessage*> out;
    for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
        if (it->kind != "customer") break;
        out.insert(out.begin(), &*it);
    }
    return out;
}

// The last reminder sent, if nothing answered it since (reminder_answer after it).
bool reminder_awaits_answer(const std::vector<store::LeadEvent>& history) {
    bool awaiting = false;
    for (const auto& e : history) {
        if (e.kind == "reminder_sent") awaiting = true;
        if (e.kind == "reminder_answer") awaiting = false;
    }
    return awaiting;
}

}  // namespace

const char* to_string(CustomerAnswer answer) {
    switch (answer) {
        case CustomerAnswer::confirm: return "confirmed";
        case CustomerAnswer::cancel: return "cancelled";
        case CustomerAnswer::move: return "move";
        case CustomerAnswer::stop: return "stop";
        case CustomerAnswer::unclear: return "unclear";
    }
    return "unclear";
}

bool asks_to_stop(const std::string& text) {
    const std::string w = words_of(text);
    return contains_any(w, {" стоп ", " stop ", " отпишите", " отписаться", " не пишите", " не присылайте", " хватит писать",
                            " больше не пишите", " удалите мой номер", " не беспокойте"});
}

CustomerAnswer classify_answer(const std::string& text, const std::string& intent) {
    if (asks_to_stop(text)) return CustomerAnswer::stop;
    const std::string w = words_of(text);
    // Negations first: «не смогу», «не буду» are cancellations whatever else the text says.
    if (intent == "cancel" || contains_any(w, {" не смогу", " не приду", " не получится", " не буду", " не успеваю", " отмен"}))
        return CustomerAnswer::cancel;
    if (intent == "reschedule" || contains_any(w, {" перенес", " перенос", " другое время", " другой день"}))
        return CustomerAnswer::move;
    if (contains_any(w, {" да ", " подтверждаю", " подтверждаем", " буду ", " приду", " ок ", " окей", " хорошо", " конечно",
                         " договорились", " + ", " ага ", " yes "}))
        return CustomerAnswer::confirm;
    if (text.find("👍") != std::string::npos) return CustomerAnswer::confirm;
    return CustomerAnswer::unclear;
}

std::optional<store::TimerSpec> answer_timer(const store::InboundMessage& message) {
    if (message.kind != "customer") return std::nullopt;
    store::TimerSpec spec;
    spec.purpose = "answer";
    spec.due_at_ms = message.received_at_ms + kReplyGatherMs;
    spec.keep_pending = true;  // a burst of messages is read once
    return spec;
}

store::TimerFiring plan_answer(const config::TenantConfig& tenant, const store::Lead& lead, const Json& described,
                               const std::vector<store::StoredMessage>& messages, const std::vector<store::LeadEvent>& history,
                               int64_t now_ms) {
    store::TimerFiring firing;
    auto latest = latest_words(messages);
    if (latest.empty()) return firing;
    std::string words;
    for (const auto* m : latest) words += (words.empty() ? "" : " ") + m->text.value_or("");
    if (asks_to_stop(words)) {
        firing.opt_out = true;  // recorded on the contact, every timer of the lead cancelled
        return firing;
    }
    if (!reminder_awaits_answer(history) || lead.status != "booked") return firing;

    // The intents of the latest words: a cancellation or a move read by the understanding counts.
    std::string intent = "other";
    for (const auto* m : latest) {
        const std::string i = m->reading.value("intent", std::string("other"));
        if (i == "cancel" || i == "reschedule") intent = i;
    }
    const CustomerAnswer answer = classify_answer(words, intent);
    const std::string booked_for = lead.booked_for.value_or("");
    Json context = customer_text_context(tenant, lead, described, booked_for, local_now(tenant, now_ms));
    context["answer"] = words;
    firing.notes.push_back({"reminder_answer", {{"answer", to_string(answer)}, {"text", words}, {"booked_for", booked_for}}, "customer", "answer"});
    auto tell_staff = [&](const char* alert, const char* text_name) {
        auto jobs = sla::alert_jobs(tenant, alert, reminder_text(tenant, text_name, context),
                                    sla::responsible_staff(tenant, described, now_ms), true);
        firing.jobs.insert(firing.jobs.end(), jobs.begin(), jobs.end());
    };
    auto say = [&](const char* text_name) {
        firing.reply = store::ReplyRequest{0, reminder_text(tenant, text_name, context), Json::array(), store::kAutomaticAuthor};
    };
    switch (answer) {
        case CustomerAnswer::confirm:
            say("confirmed");
            break;
        case CustomerAnswer::cancel:
            say("cancelled");
            tell_staff("appointment_cancelled", "cancelled_alert");
            firing.status = store::StatusChange{"cancelled", "customer", "answer", "клиент отменил в ответ на напоминание", "", Json::object()};
            break;
        case CustomerAnswer::move:
            say("moved");
            tell_staff("appointment_moved", "moved_alert");
            firing.cancel = {"remind:%"};  // the old time's reminders; the new booking brings its own
            break;
        case CustomerAnswer::stop:
        case CustomerAnswer::unclear:
            tell_staff("customer_unclear", "unclear_alert");
            break;
    }
    return firing;
}

}  // namespace leadhub::conversation
