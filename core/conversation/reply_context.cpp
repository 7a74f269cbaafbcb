#include "conversation/reply_context.hpp"

#include "conversation/russian_grammar.hpp"
#include "conversation/spoken_time.hpp"

#include <map>

namespace leadhub::conversation {

namespace {

std::string trimmed(const std::optional<std::string>& text) {
    if (!text) return "";
    std::size_t begin = text->find_first_not_of(" \t\n");
    if (begin == std::string::npos) return "";
    return text->substr(begin, text->find_last_not_of(" \t\n") - begin + 1);
}

}  // namespace

std::string channel_title(const std::string& channel) {
    static const std::map<std::string, std::string> titles = {
        {"telegram", "Telegram"}, {"whatsapp", "WhatsApp"}, {"instagram", "Instagram"}, {"vk", "ВКонтакте"},
        {"call", "Звонок"},       {"webform", "Сайт"},       {"email", "E-mail"},        {"avito", "Авито"},
        {"max", "MAX"}};
    auto it = titles.find(channel);
    return it == titles.end() ? channel : it->second;
}

nlohmann::json reply_context(const config::TenantConfig& tenant, const ReplyFacts& facts) {
    const store::LeadReading& r = facts.reading;
    std::vector<std::string> names, names_acc;
    for (const auto& id : r.services) {
        const config::ServiceConfig* service = tenant.find_service(id);
        std::string name = lower_first(service ? service->name : id);
        names_acc.push_back(accusative(name));
        names.push_back(std::move(name));
    }
    auto date = r.date ? parse_date(*r.date) : std::nullopt;
    auto clock = r.time ? parse_clock(*r.time) : std::nullopt;
    std::string daypart = daypart_text(r.daypart.value_or(""));
    std::string opens_at;
    if (!facts.open_now && facts.opens_at) opens_at = spoken_moment(*facts.opens_at, facts.now_local);
    auto today = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(facts.now_local));
    return {
        {"name", trimmed(facts.name)},
        {"service_names", join_with_and(names)},
        {"service_names_acc", join_with_and(names_acc)},
        {"when", spoken_when(date, clock, r.daypart.value_or(""), facts.now_local)},
        {"date_text", date ? spoken_date(*date, today) : ""},
        {"time", clock ? clock_text(*clock) : ""},
        {"daypart_text", daypart},
        {"business", tenant.name},
        {"answer_within", duration_text(facts.answer_within_minutes.value_or(0))},
        {"opens_at", opens_at},
        {"channel_title", channel_title(facts.channel)},
    };
}

}  // namespace leadhub::conversation
