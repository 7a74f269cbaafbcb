#include "routing/schedule.hpp"

#include <algorithm>

namespace leadhub::routing {

understand::LocalMoment local_moment(int64_t utc_ms, const std::string& iana_zone) {
    int64_t minutes = (utc_ms >= 0 ? utc_ms : utc_ms - 59'999) / 60'000 + understand::fixed_utc_offset(iana_zone).value_or(0);
    int64_t day = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440;
    return {understand::Date::from_days(static_cast<long>(day)), static_cast<int>(minutes - day * 1440)};
}

namespace {

bool works_on(const config::ShiftConfig& shift, int weekday) {
    return std::find(shift.days.begin(), shift.days.end(), weekday) != shift.days.end();
}

}  // namespace

bool on_shift(const config::StaffConfig& person, const understand::LocalMoment& now) {
    if (person.shifts.empty()) return true;
    const int today = now.date.weekday();
    const int yesterday = (today + 6) % 7;
    for (const auto& shift : person.shifts) {
        bool crosses_midnight = shift.to_minute <= shift.from_minute;
        if (works_on(shift, today)) {
            int end = crosses_midnight ? 1440 : shift.to_minute;
            if (now.minute_of_day >= shift.from_minute && now.minute_of_day < end) return true;
        }
        // The part after midnight of a shift that started yesterday.
        if (crosses_midnight && works_on(shift, yesterday) && now.minute_of_day < shift.to_minute) return true;
    }
    return false;
}

bool absent(const config::StaffConfig& person, const understand::LocalMoment& now) {
    const std::string today = now.date.iso();  // YYYY-MM-DD compares as text in date order
    return std::any_of(person.absences.begin(), person.absences.end(),
                       [&](const config::AbsenceConfig& a) { return a.from <= today && today <= a.to; });
}

}  // namespace leadhub::routing
