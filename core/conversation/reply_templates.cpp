// The defaults are written for a small Russian business answering a stranger: «вы», no
// exclamation after an apology, no name when there is none («Здравствуйте!», never
// «Здравствуйте, !»), and questions last, so the customer answers the last thing they read.
#include "conversation/reply_templates.hpp"

#include <map>

namespace leadhub::conversation {

namespace {

// «Здравствуйте, Анна» or «Здравствуйте».
#define LEADHUB_HELLO "Здравствуйте{{#name}}, {{name}}{{/name}}"

const std::map<std::string_view, std::string_view>& defaults() {
    static const std::map<std::string_view, std::string_view> texts = {
        // First replies to a new lead, by intent. A booking that lacks something is acknowledged
        // with what is known; the question for the missing thing follows (ask_*).
        {"first_book", LEADHUB_HELLO "! С радостью запишем вас{{#service_names_acc}} на {{service_names_acc}}"
                                     "{{/service_names_acc}}{{#when}} {{when}}{{/when}}. {{promise}}"},
        {"first_reschedule", LEADHUB_HELLO "! Поможем перенести вашу запись. {{promise}}"},
        {"first_question", LEADHUB_HELLO "! Спасибо за вопрос. {{promise}}"},
        {"first_cancel", LEADHUB_HELLO "! Поняли вас: запись{{#when}} {{when}}{{/when}} нужно отменить. {{promise}}"},
        // Never cheerful, never a question; a senior person and when.
        {"first_complaint",
         LEADHUB_HELLO ". Нам очень жаль, что так получилось, приносим извинения. Старший администратор свяжется "
                       "с вами лично {{#opens_at}}{{opens_at}}{{/opens_at}}{{^opens_at}}{{#answer_within}}не позже "
                       "чем через {{answer_within}}{{/answer_within}}{{^answer_within}}в ближайшее время"
                       "{{/answer_within}}{{/opens_at}}."},
        {"first_other", LEADHUB_HELLO "! Спасибо, что написали нам. {{promise}}"},
        // First replies when the reading has all a booking needs: a question to confirm.
        {"confirm_book", LEADHUB_HELLO "! Записываем вас на {{service_names_acc}} {{when}}? {{promise}}"},
        {"confirm_reschedule", LEADHUB_HELLO "! Переносим вашу запись{{#service_names_acc}} на {{service_names_acc}}"
                                             "{{/service_names_acc}} — вам удобно {{when}}? {{promise}}"},
        // What {{promise}} says: in working hours how soon, outside them when.
        {"promise", "Администратор свяжется с вами {{#answer_within}}не позже чем через {{answer_within}}"
                    "{{/answer_within}}{{^answer_within}}в ближайшее время{{/answer_within}}."},
        {"after_hours", "Сейчас мы закрыты; администратор ответит {{opens_at|в рабочее время}}."},
        // One question each, neutral enough to follow a first reply or stand alone.
        {"ask_service", "Подскажите, пожалуйста, на какую услугу вас записать?"},
        {"ask_date_time", "{{#date_text}}В какое время вам удобно прийти {{date_text}}?{{/date_text}}"
                          "{{^date_text}}{{#time}}На какой день вам удобно прийти к {{time}}?{{/time}}"
                          "{{^time}}На какой день и время вам удобно прийти?{{/time}}{{/date_text}}"},
        {"ask_name", "Как к вам обращаться?"},
        {"ask_phone", "Оставьте, пожалуйста, номер телефона для связи."},
        // Once, when nothing more will be asked.
        {"complete", "Спасибо{{#name}}, {{name}}{{/name}}! {{promise}}"},
    };
    return texts;
}

#undef LEADHUB_HELLO

}  // namespace

std::string_view default_template(std::string_view name) {
    auto it = defaults().find(name);
    return it == defaults().end() ? std::string_view() : it->second;
}

std::string_view template_for(const config::TenantConfig& tenant, const std::string& channel, const std::string& name) {
    if (const std::string* own = tenant.replies.template_text(channel, name)) return *own;
    return default_template(name);
}

}  // namespace leadhub::conversation
