#include "reports/period.hpp"

#include "base/calendar.hpp"

#include <charconv>

namespace leadhub::reports {

namespace {

std::optional<base::Date> parse_date(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto number = [&](std::size_t at, std::size_t len, int& out) {
        auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + len, out);
        return ec == std::errc() && end == text.data() + at + len;
    };
    base::Date d;
    if (!number(0, 4, d.year) || !number(5, 2, d.month) || !number(8, 2, d.day)) return std::nullopt;
    if (!base::is_valid_date(d.year, d.month, d.day)) return std::nullopt;
    return d;
}

int64_t start_of(const base::TimeZone& zone, const base::Date& day) {
    const base::LocalTime midnight{std::chrono::milliseconds(day.days() * 86'400'000LL)};
    return zone.instant(midnight).time_since_epoch().count();
}

}  // namespace

std::variant<Period, std::string> local_period(const base::TimeZone& zone, const std::string& from, const std::string& to) {
    auto first = parse_date(from);
    if (!first) return "'from' must be a date such as 2026-12-01, not '" + from + "'";
    auto last = parse_date(to);
    if (!last) return "'to' must be a date such as 2026-12-07, not '" + to + "'";
    if (last->days() < first->days()) return "'to' (" + to + ") is before 'from' (" + from + ")";
    if (last->days() - first->days() + 1 > kMaxPeriodDays)
        return "a report covers at most " + std::to_string(kMaxPeriodDays) + " days; ask for " + from + " to " + to + " a year at a time";
    return Period{from, to, start_of(zone, *first), start_of(zone, last->plus_days(1))};
}

}  // namespace leadhub::reports
