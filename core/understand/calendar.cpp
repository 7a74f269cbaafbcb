#include "understand/calendar.hpp"

#include <array>
#include <cstdio>
#include <utility>

namespace leadhub::understand {

// Howard Hinnant's days_from_civil / civil_from_days.
long Date::days() const {
    const int y = month <= 2 ? year - 1 : year;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned mp = static_cast<unsigned>(month > 2 ? month - 3 : month + 9);
    const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(day) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

Date Date::from_days(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int y = static_cast<int>(static_cast<long>(yoe) + era * 400) + (m <= 2 ? 1 : 0);
    return Date{y, m, d};
}

int Date::weekday() const {
    long d = days();  // 1970-01-01 was a Thursday (3 counting from Monday = 0)
    return static_cast<int>(((d % 7) + 7 + 3) % 7);
}

std::string Date::iso() const {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
    return buffer;
}

int days_in_month(int year, int month) {
    static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[static_cast<std::size_t>(month - 1)];
}

bool is_valid_date(int year, int month, int day) { return day >= 1 && day <= days_in_month(year, month); }

std::optional<int> fixed_utc_offset(std::string_view zone) {
    static constexpr std::array<std::pair<std::string_view, int>, 30> zones{{
        {"Europe/Kaliningrad", 2},  {"Europe/Moscow", 3},       {"Europe/Simferopol", 3},  {"Europe/Kirov", 3},
        {"Europe/Volgograd", 3},    {"Europe/Minsk", 3},        {"Europe/Samara", 4},      {"Europe/Astrakhan", 4},
        {"Europe/Saratov", 4},      {"Europe/Ulyanovsk", 4},    {"Asia/Yekaterinburg", 5}, {"Asia/Omsk", 6},
        {"Asia/Novosibirsk", 7},    {"Asia/Barnaul", 7},        {"Asia/Tomsk", 7},         {"Asia/Novokuznetsk", 7},
        {"Asia/Krasnoyarsk", 7},    {"Asia/Irkutsk", 8},        {"Asia/Chita", 9},         {"Asia/Yakutsk", 9},
        {"Asia/Khandyga", 9},       {"Asia/Vladivostok", 10},   {"Asia/Ust-Nera", 10},     {"Asia/Magadan", 11},
        {"Asia/Sakhalin", 11},      {"Asia/Srednekolymsk", 11}, {"Asia/Kamchatka", 12},    {"Asia/Anadyr", 12},
        {"Asia/Almaty", 5},         {"UTC", 0},
    }};
    for (const auto& [name, hours] : zones)
        if (name == zone) return hours * 60;
    return std::nullopt;
}

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
    long minutes = Date{y, mo, d}.days() * 1440 + h * 60 + mi;
    std::optional<int> tenant_offset = fixed_utc_offset(zone);
    if (written_offset && tenant_offset) minutes += *tenant_offset - *written_offset;
    long day = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440;
    return LocalMoment{Date::from_days(day), static_cast<int>(minutes - day * 1440)};
}

}  // namespace leadhub::understand
