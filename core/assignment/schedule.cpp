#include "assignment/schedule.hpp"

#include <algorithm>

namespace leadhub::assignment {

using namespace std::chrono;

Moment local_moment(int64_t utc_ms, const std::string& iana_zone) {
    Moment now;
    now.instant = base::Instant{milliseconds{utc_ms}};
    now.zone = base::TimeZone::find(iana_zone).value_or(base::TimeZone::utc());
    const base::LocalTime local = now.zone.local(now.instant);
    const local_days day = floor<days>(local);
    now.date = base::Date::from(year_month_day{day});
    now.minute_of_day = static_cast<int>(floor<minutes>(local - day).count());
    return now;
}

namespace {

bool works_on(const config::ShiftConfig& shift, int weekday) {
    return std::find(shift.days.begin(), shift.days.end(), weekday) != shift.days.end();
}

// The shift as it runs from `start_day`: from its start to its end on the tenant's clocks, as
// instants (an end not after the start is on the next day).
bool within(const config::ShiftConfig& shift, local_days start_day, const Moment& now) {
    const bool crosses_midnight = shift.to_minute <= shift.from_minute;
    const base::LocalTime from = start_day + minutes{shift.from_minute};
    const base::LocalTime to = start_day + days{crosses_midnight ? 1 : 0} + minutes{shift.to_minute};
    return now.zone.instant(from) <= now.instant && now.instant < now.zone.instant(to);
}

}  // namespace

bool on_shift(const config::StaffConfig& person, const Moment& now) {
    if (person.shifts.empty()) return true;
    const local_days today{days{now.date.days()}};
    const int weekday = now.date.weekday();
    const int yesterday = (weekday + 6) % 7;
    for (const auto& shift : person.shifts) {
        if (works_on(shift, weekday) && within(shift, today, now)) return true;
        // The part after midnight of a shift that started yesterday.
        if (works_on(shift, yesterday) && within(shift, today - days{1}, now)) return true;
    }
    return false;
}

bool absent(const config::StaffConfig& person, const base::LocalMoment& now) {
    const std::string today = now.date.iso();  // YYYY-MM-DD compares as text in date order
    return std::any_of(person.absences.begin(), person.absences.end(),
                       [&](const config::AbsenceConfig& a) { return a.from <= today && today <= a.to; });
}

}  // namespace leadhub::assignment
