#include "conversation/missing_fields.hpp"

#include "conversation/spoken_time.hpp"

#include <algorithm>

namespace leadhub::conversation {

namespace {

bool listed(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

bool filled(const std::optional<std::string>& value) {
    return value && value->find_first_not_of(" \t\n") != std::string::npos;
}

}  // namespace

bool channel_hides_phone(const std::string& channel) {
    return channel == "telegram" || channel == "instagram" || channel == "vk";
}

std::vector<std::string> needed_fields(const std::string& intent, const std::string& channel,
                                       const std::vector<std::string>& order) {
    std::vector<std::string> wanted;
    if (intent == "complaint") return wanted;
    if (intent == "question" || intent == "cancel") wanted = {"name", "phone"};
    else if (intent == "reschedule") wanted = {"date_time", "name", "phone"};
    else wanted = {"service", "date_time", "name", "phone"};
    std::vector<std::string> out;
    for (const auto& field : order) {
        if (!listed(wanted, field)) continue;
        if (field == "phone" && !channel_hides_phone(channel)) continue;
        out.push_back(field);
    }
    return out;
}

bool has_field(const ReplyFacts& facts, const std::string& field) {
    const store::LeadReading& r = facts.reading;
    if (field == "service") return !r.services.empty();
    if (field == "date_time")
        return r.date && parse_date(*r.date) &&
               ((r.time && parse_clock(*r.time)) || (r.daypart && !daypart_text(*r.daypart).empty()));
    if (field == "name") return filled(facts.name);
    if (field == "phone") return filled(facts.phone);
    return true;
}

std::vector<std::string> missing_fields(const config::RepliesConfig& replies, const ReplyFacts& facts) {
    std::vector<std::string> out;
    for (const auto& field : needed_fields(facts.reading.intent, facts.channel, replies.ask_for))
        if (!has_field(facts, field)) out.push_back(field);
    return out;
}

std::optional<std::string> next_question(const config::RepliesConfig& replies, const ReplyFacts& facts) {
    if (facts.questions_asked >= replies.max_questions) return std::nullopt;
    for (const auto& field : missing_fields(replies, facts))
        if (!listed(facts.asked, field)) return field;
    return std::nullopt;
}

}  // namespace leadhub::conversation
