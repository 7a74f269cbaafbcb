// Civil dates for the date grammar, and the moment a message arrived on the tenant's clocks.
//
// The calendar arithmetic is <chrono>'s (year_month_day, sys_days, weekday) and the time-zone
// conversion is TimeZone's (time_zone.hpp); Date only keeps the plain numbers the grammar builds dates
// from ("15 марта" is day 15, month 3 of some year).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace leadhub::base {

struct Date {
    int year = 1970, month = 1, day = 1;

    long days() const;  // days since 1970-01-01
    static Date from_days(long days);
    static Date from(std::chrono::year_month_day date);
    std::chrono::year_month_day ymd() const;
    Date plus_days(long n) const { return from_days(days() + n); }
    int weekday() const;  // 0 = Monday … 6 = Sunday
    std::string iso() const;
    auto operator<=>(const Date&) const = default;
};

int days_in_month(int year, int month);
bool is_valid_date(int year, int month, int day);

struct LocalMoment {
    Date date;
    int minute_of_day = 0;
};

// "2026-03-10T12:00:00+07:00" (or "Z", or no seconds) on the clocks of `iana_zone`, with the
// offset the zone has at that instant (TimeZone); a time written without an offset is
// taken as the zone's already. When the zone is empty or unknown, the written time is kept.
// nullopt when unreadable.
std::optional<LocalMoment> parse_received_at(std::string_view iso8601, std::string_view iana_zone);

}  // namespace leadhub::base
