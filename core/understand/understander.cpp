#include <algorithm>
#include <stdexcept>

#include "base/calendar.hpp"
#include "understand/dates.hpp"
#include "understand/intent.hpp"
#include "understand/names.hpp"
#include "base/phone.hpp"
#include "understand/reschedule_range.hpp"
#include "understand/self_correction.hpp"
#include "understand/services.hpp"
#include "understand/text.hpp"
#include "understand/times.hpp"
#include "understand/understand.hpp"
#include "understand/urgency.hpp"

namespace leadhub::understand {
namespace {

// Keeps only the mentions from token `point` on, when there are any.
template <typename Mention>
void keep_from(std::vector<Mention>& mentions, std::size_t point) {
    bool later = std::any_of(mentions.begin(), mentions.end(), [&](const Mention& m) { return m.begin >= point; });
    if (later) std::erase_if(mentions, [&](const Mention& m) { return m.begin < point; });
}

}  // namespace

nlohmann::json Reading::to_json() const {
    auto optional = [](const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
    return {{"intent", intent}, {"services", services}, {"urgent", urgent}, {"name", optional(name)},
            {"phone", optional(phone)}, {"date", optional(date)}, {"time", optional(time)},
            {"daypart", optional(daypart)}};
}

struct Understander::Impl {
    Catalog catalog;
    ServiceFinder services;
    explicit Impl(const Catalog& c) : catalog(c), services(c.services) {}
};

Understander::Understander(const Catalog& catalog) : impl_(std::make_unique<Impl>(catalog)) {}
Understander::~Understander() = default;
Understander::Understander(Understander&&) noexcept = default;
Understander& Understander::operator=(Understander&&) noexcept = default;

Reading Understander::read(std::string_view text, std::string_view received_at) const {
    std::optional<LocalMoment> now = parse_received_at(received_at, impl_->catalog.timezone);
    if (!now) throw std::invalid_argument("received_at is not an ISO 8601 date and time: '" + std::string(received_at) + "'");
    const Date today = now->date;

    std::vector<Token> tokens = tokenize(text);
    std::vector<bool> consumed(tokens.size(), false);
    Reading reading;

    if (auto phone = base::find_phone(text, impl_->catalog.country.empty() ? "RU" : impl_->catalog.country)) {
        reading.phone = phone->e164;
        for (std::size_t i = 0; i < tokens.size(); ++i)
            if (tokens[i].begin >= phone->begin && tokens[i].end <= phone->end) consumed[i] = true;
    }
    std::vector<DateMention> dates = find_dates(tokens, consumed, today);
    std::vector<DaypartMention> dayparts = find_dayparts(tokens);
    bool evening = std::any_of(dayparts.begin(), dayparts.end(),
                               [](const DaypartMention& d) { return d.part == Daypart::Evening; });
    bool morning = std::any_of(dayparts.begin(), dayparts.end(),
                               [](const DaypartMention& d) { return d.part == Daypart::Morning; });
    std::vector<TimeMention> times = find_times(tokens, consumed, evening, morning);
    // "к 5.. нет, к 6 вечера", "на 20е, ой нет, на 21е": what follows a correction is meant,
    // and of several, the last word.
    if (std::size_t point = correction_point(tokens)) {
        // "в 7 вечера... нет, в 8": a bare hour keeps the half of the day of the one it corrects.
        std::optional<TimeMention> corrected;
        for (const TimeMention& t : times)
            if (t.begin < point) corrected = t;
        keep_from(times, point);
        keep_from(dayparts, point);
        if (times.size() > 1 && times.front().begin >= point) times.erase(times.begin(), times.end() - 1);
        if (corrected && times.size() == 1 && times.front().begin >= point && !times.front().qualified &&
            corrected->hour >= 12 && times.front().hour < 12 && times.front().hour + 12 > corrected->hour)
            times.front().hour += 12;
        if (std::any_of(dates.begin(), dates.end(), [&](const DateMention& d) { return d.begin >= point; })) {
            for (DateMention& d : dates)
                if (d.begin < point) d.instead = true;
            // "15-го? или нет, лучше 16-го": the "или" was the correction, not a choice left open.
            for (DateMention& d : dates)
                if (d.begin >= point) {
                    d.alternative = false;
                    break;
                }
        }
    }
    // "на 11:00 или на 12:00": the customer has not chosen yet.
    if (times.size() >= 2) {
        for (std::size_t k = times[0].end; k < times[1].begin; ++k)
            if (tokens[k].cyr == "или" || tokens[k].low == "or") times.clear();
    }
    std::vector<ServiceFinder::Mention> mentions = impl_->services.find(tokens);

    IntentFacts facts;
    facts.tokens = &tokens;
    facts.service_at.assign(tokens.size() + 2, false);
    for (const auto& m : mentions) {
        if (m.negated) continue;
        facts.has_service = true;
        for (std::size_t k = m.begin; k < m.end; ++k) facts.service_at[k] = true;
    }
    for (const DateMention& d : dates)
        if (!d.past && !d.event && !d.instead && !d.gloss) facts.date_starts.push_back(d.begin);
    facts.has_when = !facts.date_starts.empty() || !times.empty() || !dayparts.empty();
    facts.acute = says_urgent(tokens);
    facts.toll_free_phone = reading.phone && reading.phone->starts_with("+7800");
    reading.intent = classify_intent(facts);

    reading.services = impl_->services.select(mentions, reading.intent == "complaint");
    bool asks_when = reading.intent != "complaint" && reading.intent != "other";
    bool reschedule = reading.intent == "reschedule";
    // "записана на четверг … можно перенести на следующую неделю?": the day and time told are
    // the visit being moved; the new one is not chosen yet.
    if (std::size_t point = reschedule ? open_move_point(tokens) : 0) {
        std::erase_if(times, [&](const TimeMention& m) { return m.begin < point; });
        std::erase_if(dayparts, [&](const DaypartMention& m) { return m.begin < point; });
        for (DateMention& d : dates)
            if (d.begin < point) d.instead = true;
    }
    if (asks_when) {
        if (auto date = pick_date(dates, reschedule, reading.intent == "cancel")) reading.date = date->iso();
        if (!times.empty()) reading.time = (reschedule ? times.back() : times.front()).hhmm();
        if (!reading.time && !dayparts.empty())
            reading.daypart = daypart_name((reschedule ? dayparts.back() : dayparts.front()).part);
    }
    bool today_asked = reading.date && *reading.date == today.iso();
    bool acute = reschedule && facts.acute ? says_urgent(tokens, /*fever_counts=*/false) : facts.acute;
    reading.urgent = is_urgent(acute, reading.intent, today_asked);
    reading.name = find_customer_name(tokens);
    return reading;
}

}  // namespace leadhub::understand
