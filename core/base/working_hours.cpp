#include "base/working_hours.hpp"

#include <algorithm>
#include <utility>

namespace leadhub::base {

using namespace std::chrono;

namespace {

constexpr int kMinutesPerDay = 1440;
constexpr int kMaxSteps = 8;  // quiet periods followed in a row at most

struct Span {
    Instant from, to;
};

Date local_date(const TimeZone& zone, Instant t) {
    return Date::from(year_month_day{floor<days>(zone.local(t))});
}

Instant at_minute(const TimeZone& zone, const Date& date, int minute) {
    return zone.instant(LocalTime{local_days{date.ymd()}} + minutes{minute});
}

// The open spans of one local date, sorted and merged. A DST change can map a later local time
// to an earlier instant (a time in the skipped hour moves past the hour), so the spans are
// sorted and merged as instants, not as minutes.
std::vector<Span> day_spans(const WorkingHours& hours, const TimeZone& zone, const Date& date) {
    std::vector<Span> spans;
    for (const DayInterval& interval : hours.intervals_on(date)) {
        int from = std::clamp(interval.from_minute, 0, kMinutesPerDay);
        int to = std::clamp(interval.to_minute, 0, kMinutesPerDay);
        if (from >= to) continue;
        Span span{at_minute(zone, date, from), at_minute(zone, date, to)};
        if (span.from < span.to) spans.push_back(span);  // empty: wholly inside the skipped hour
    }
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.from < b.from; });
    std::vector<Span> merged;
    for (const Span& span : spans) {
        if (!merged.empty() && span.from <= merged.back().to) merged.back().to = std::max(merged.back().to, span.to);
        else merged.push_back(span);
    }
    return merged;
}

// Calls visit(span) for the open time from `from` on, in time order, date by date. Each span is
// clipped to begin where the previous one ended, so no instant is visited twice and none before
// `from`. Starts a date early, as a date's last span may end after the next date has begun
// (24:00 in a skipped hour). Stops when visit returns false, once a date begins more than a day
// after `until` (when given), or else after kHorizonDays dates in a row without open time.
template <typename Visit>
void walk(const WorkingHours& hours, const TimeZone& zone, Instant from, std::optional<Instant> until, Visit visit) {
    Instant cursor = from;
    int closed_days = 0;
    for (Date date = local_date(zone, from).plus_days(-1);; date = date.plus_days(1)) {
        if (until && at_minute(zone, date, 0) > *until + days{1}) return;
        bool any = false;
        for (Span span : day_spans(hours, zone, date)) {
            span.from = std::max(span.from, cursor);
            if (span.from >= span.to) continue;
            any = true;
            cursor = span.to;
            if (!visit(span)) return;
        }
        closed_days = any ? 0 : closed_days + 1;
        if (!until && closed_days > kHorizonDays) return;
    }
}

}  // namespace

const std::vector<DayInterval>& WorkingHours::intervals_on(const Date& date) const {
    auto it = exceptions.find(date);
    return it != exceptions.end() ? it->second : week[static_cast<std::size_t>(date.weekday())];
}

WorkingClock::WorkingClock(WorkingHours hours, TimeZone zone) : hours_(std::move(hours)), zone_(zone) {}

bool WorkingClock::is_open(Instant t) const {
    auto open = next_open(t);
    return open && *open == t;
}

std::optional<Instant> WorkingClock::next_open(Instant t) const {
    if (hours_.always_open) return t;
    std::optional<Instant> found;
    walk(hours_, zone_, t, std::nullopt, [&](const Span& span) {
        found = span.from;
        return false;
    });
    return found;
}

std::optional<Instant> WorkingClock::add(Instant start, milliseconds working) const {
    working = std::max(working, milliseconds{0});
    if (hours_.always_open) return start + working;
    std::optional<Instant> found;
    walk(hours_, zone_, start, std::nullopt, [&](const Span& span) {
        milliseconds length = span.to - span.from;
        if (working <= length) {
            found = span.from + working;
            return false;
        }
        working -= length;
        return true;
    });
    return found;
}

milliseconds WorkingClock::between(Instant from, Instant to) const {
    if (to <= from) return milliseconds{0};
    if (hours_.always_open) return to - from;
    milliseconds total{0};
    walk(hours_, zone_, from, to, [&](const Span& span) {
        if (span.from >= to) return false;
        total += std::min(span.to, to) - span.from;
        return true;
    });
    return total;
}

QuietHours::QuietHours(std::optional<DailyWindow> window, TimeZone zone) : zone_(zone) {
    if (window) {
        auto day_minute = [](int m) { return ((m % kMinutesPerDay) + kMinutesPerDay) % kMinutesPerDay; };
        window->from_minute = day_minute(window->from_minute);
        window->to_minute = day_minute(window->to_minute);
        if (window->from_minute != window->to_minute) window_ = window;
    }
}

std::optional<QuietHours::Period> QuietHours::period_at(Instant t) const {
    if (!window_) return std::nullopt;
    const bool crosses_midnight = window_->to_minute < window_->from_minute;
    const Date today = local_date(zone_, t);
    // Today's period, or yesterday's when it crosses midnight; tomorrow's only when the clocks
    // fell back across midnight, so an instant of today's second hour lies after tomorrow began.
    for (int shift : {-1, 0, 1}) {
        Date start = today.plus_days(shift);
        Period period{at_minute(zone_, start, window_->from_minute),
                      at_minute(zone_, start.plus_days(crosses_midnight ? 1 : 0), window_->to_minute)};
        if (period.from <= t && t < period.to) return period;
    }
    return std::nullopt;
}

bool QuietHours::contains(Instant t) const { return period_at(t).has_value(); }

Instant QuietHours::next_allowed(Instant t) const {
    // A period may end where the next begins when a clock change swallows the allowed time
    // between them (quiet 03:00-02:00 on the spring night in Berlin): go on to the next end. A
    // window is shorter than a day, so a few steps reach allowed time; the bound is a guard.
    for (int step = 0; step < kMaxSteps; ++step) {
        auto period = period_at(t);
        if (!period) break;
        t = period->to;
    }
    return t;
}

Instant QuietHours::last_allowed_before(Instant t) const {
    // Back to the start of the quiet stretch t is in, over periods that touch (see above).
    for (int step = 0; step < kMaxSteps; ++step) {
        auto period = period_at(t);
        if (!period) break;
        t = period->from;
        if (!period_at(t - milliseconds{1})) break;
        t -= milliseconds{1};
    }
    return t;
}

}  // namespace leadhub::base
