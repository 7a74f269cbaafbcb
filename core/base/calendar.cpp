#include "base/calendar.hpp"

#include "base/time_zone.hpp"

#include <cstdio>

namespace leadhub::base {

using namespace std::chrono;

year_month_day Date::ymd() const {
    return {std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
            std::chrono::day{static_cast<unsigned>(day)}};
}

Date Date::from(year_month_day date) {
    return Date{static_cast<int>(date.year()), static_cast<int>(static_cast<unsigned>(date.month())),
                static_cast<int>(static_cast<unsigned>(date.day()))};
}

long Date::days() const { return static_cast<long>(sys_days{ymd()}.time_since_epoch().count()); }

Date Date::from_days(long z) { return from(year_month_day{sys_days{std::chrono::days{z}}}); }

int Date::weekday() const { return static_cast<int>(std::chrono::weekday{sys_days{ymd()}}.iso_encoding()) - 1; }

std::string Date::iso() const {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
}

int days_in_month(int year, int month) {
    if (month < 1 || month > 12) return 0;
    const year_month_day_last last{std::chrono::year{year}, month_day_last{std::chrono::month{static_cast<unsigned>(month)}}};
    return static_cast<int>(static_cast<unsigned>(last.day()));
}

bool is_valid_date(int year, int month, int day) { return day >= 1 && day <= days_in_month(year, month); }

std::optional<LocalMoment> parse_received_at(std::string_view s, std::string_view zone) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    auto digits = [&](std::size_t pos, std::size_t count, int& out) {
        if (pos + count > s.size()) return false;
        out = 0;
        for (std::size_t k = pos; k < pos + count; ++k) {
            if (s[k] < '0' || s[k] > '9') return false;
            out = out * 10 + (s[k] - '0');
        }
        return true;
    };
    if (!digits(0, 4, y) || s.size() < 16 || s[4] != '-' || !digits(5, 2, mo) || s[7] != '-' || !digits(8, 2, d) ||
        (s[10] != 'T' && s[10] != ' ') || !digits(11, 2, h) || s[13] != ':' || !digits(14, 2, mi))
        return std::nullopt;
    std::size_t pos = 16;
    if (pos < s.size() && s[pos] == ':') {
        if (!digits(pos + 1, 2, sec)) return std::nullopt;
        pos += 3;
        if (pos < s.size() && s[pos] == '.') {
            ++pos;
            while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
        }
    }
    if (!is_valid_date(y, mo, d) || h > 23 || mi > 59 || sec > 60) return std::nullopt;
    std::optional<int> written_offset;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) {
        written_offset = 0;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int oh = 0, om = 0;
        bool colon = pos + 3 < s.size() && s[pos + 3] == ':';
        if (!digits(pos + 1, 2, oh) || !digits(pos + (colon ? 4 : 3), 2, om) || pos + (colon ? 6 : 5) != s.size())
            return std::nullopt;
        written_offset = (s[pos] == '-' ? -1 : 1) * (oh * 60 + om);
    } else if (pos != s.size()) {
        return std::nullopt;
    }
    LocalTime local = local_days{Date{y, mo, d}.ymd()} + hours{h} + minutes{mi};
    if (written_offset) {
        // The instant the sender wrote, on the tenant's clocks.
        if (auto tenant = TimeZone::find(zone))
            local = tenant->local(Instant{local.time_since_epoch() - minutes{*written_offset}});
    }
    const local_days day = floor<std::chrono::days>(local);
    return LocalMoment{Date::from(year_month_day{day}), static_cast<int>(floor<minutes>(local - day).count())};
}

}  // namespace leadhub::base
