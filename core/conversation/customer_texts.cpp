#include "conversation/customer_texts.hpp"

#include "conversation/reply_context.hpp"
#include "conversation/russian_grammar.hpp"

#include <leadhub/sdk/text_template.hpp>

#include <map>

namespace leadhub::conversation {

namespace {

using Json = nlohmann::json;

const std::map<std::string, std::string>& reminder_defaults() {
    static const std::map<std::string, std::string> texts = {
        {"reminder",
         "Здравствуйте{{#name}}, {{name}}{{/name}}! Напоминаем: вы записаны{{#services}} на {{services}}{{/services}} {{when}}. "
         "Ответьте, пожалуйста, «да», если придёте, или «не смогу», если планы изменились."},
        {"confirmed", "Спасибо! Ждём вас {{when}}."},
        {"cancelled", "Поняли, запись {{when}} отменяем. Если захотите записаться снова, просто напишите нам."},
        {"moved", "Поняли, передали администратору: он предложит другое время."},
        {"rebook", "Жаль, что не получилось прийти{{#name}}, {{name}}{{/name}}. Хотите записаться на другое время? Напишите, когда вам удобно."},
        {"cancelled_alert", "❌ Клиент отменил запись: заявка №{{lead_id}}{{#name}}, {{name}}{{/name}}, {{when}}. Ответ: «{{answer}}»"},
        {"moved_alert", "🔁 Клиент просит перенести запись: заявка №{{lead_id}}{{#name}}, {{name}}{{/name}}, {{when}}. Ответ: «{{answer}}». Предложите другое время."},
        {"unclear_alert", "❓ Непонятный ответ на напоминание: заявка №{{lead_id}}{{#name}}, {{name}}{{/name}}, {{when}}. Ответ: «{{answer}}». Ответьте клиенту сами."},
        {"unreachable_alert", "⚠️ Напоминание не отправлено: клиенту заявки №{{lead_id}}{{#name}} ({{name}}){{/name}} не написать ни в его канал, ни по SMS. Запись {{when}}: позвоните ему."},
    };
    return texts;
}

const std::vector<std::string>& follow_up_defaults() {
    static const std::vector<std::string> texts = {
        "Здравствуйте{{#name}}, {{name}}{{/name}}! Вы писали нам{{#services}} про запись на {{services}}{{/services}}. Подобрать для вас удобное время?",
        "{{#name}}{{name}}, мы{{/name}}{{^name}}Мы{{/name}} на связи, если захотите записаться{{#services}} на {{services}}{{/services}}. Просто ответьте на это сообщение.",
    };
    return texts;
}

std::string trim_text(std::string text) {
    auto first = text.find_first_not_of(" \n");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \n") - first + 1);
}

}  // namespace

std::optional<LocalMinutes> parse_visit(const std::string& booked_for) {
    if (booked_for.size() != 16 || booked_for[10] != 'T') return std::nullopt;
    auto date = parse_date(std::string_view(booked_for).substr(0, 10));
    auto clock = parse_clock(std::string_view(booked_for).substr(11));
    if (!date || !clock) return std::nullopt;
    return LocalMinutes(std::chrono::local_days(*date).time_since_epoch() + std::chrono::minutes(*clock));
}

LocalMinutes local_now(const config::TenantConfig& tenant, int64_t now_ms) {
    const base::WorkingClock clock = config::working_clock(tenant);
    return std::chrono::floor<std::chrono::minutes>(clock.zone().local(base::Instant(std::chrono::milliseconds(now_ms))));
}

Json customer_text_context(const config::TenantConfig& tenant, const store::Lead& lead, const Json& described,
                           const std::string& booked_for, LocalMinutes now) {
    std::vector<std::string> names;
    for (const auto& id : lead.reading.services)
        if (const auto* service = tenant.find_service(id)) names.push_back(accusative(lower_first(service->name)));
    Json c = {{"lead_id", lead.id},
              {"name", lead.name ? Json(*lead.name) : Json(nullptr)},
              {"services", join_with_and(names)},
              {"business", tenant.name},
              {"channel_title", described.value("channel_title", Json(channel_title(lead.channel)))},
              {"answer", ""}};
    if (auto visit = parse_visit(booked_for)) c["when"] = spoken_moment(*visit, now);
    else c["when"] = "";
    return c;
}

std::string reminder_text(const config::TenantConfig& tenant, const std::string& name, const Json& context) {
    auto own = tenant.reminders.texts.find(name);
    const auto& defaults = reminder_defaults();
    auto fallback = defaults.find(name);
    const std::string& text = own != tenant.reminders.texts.end() ? own->second
                              : fallback != defaults.end()        ? fallback->second
                                                                  : name;
    return trim_text(sdk::render_template(text, context));
}

std::string follow_up_text(const config::TenantConfig& tenant, std::size_t n, const Json& context) {
    const auto& own = tenant.follow_ups.texts;
    const auto& defaults = follow_up_defaults();
    const std::string& text = n < own.size() ? own[n] : defaults[std::min(n, defaults.size() - 1)];
    return trim_text(sdk::render_template(text, context));
}

}  // namespace leadhub::conversation
