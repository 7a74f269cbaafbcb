#include "http_date.hpp"

#include <cstdio>
#include <cstring>
#include <string>

namespace leadhub::http_sink {

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

int month_number(const char* name) {
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (int i = 0; i < 12; ++i)
        if (std::strcmp(name, months[i]) == 0) return i + 1;
    return 0;
}

std::optional<int64_t> to_ms(int year, const char* month, int day, int hour, int minute, int second) {
    int m = month_number(month);
    if (m == 0 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60)
        return std::nullopt;
    int64_t days = days_from_civil(year, static_cast<unsigned>(m), static_cast<unsigned>(day));
    return ((days * 24 + hour) * 60 + minute) * 60000 + int64_t{second} * 1000;
}

}  // namespace

std::optional<int64_t> parse_http_date(std::string_view text) {
    if (text.size() > 64) return std::nullopt;
    const std::string s(text);  // sscanf needs a terminated string
    int day = 0, year = 0, hour = 0, minute = 0, second = 0, used = 0;
    char month[4] = {}, zone[4] = {};
    if (std::sscanf(s.c_str(), "%*3[A-Za-z], %2d %3s %4d %2d:%2d:%2d %3s%n", &day, month, &year, &hour, &minute, &second, zone,
                    &used) == 7 &&
        used == static_cast<int>(s.size()) && std::strcmp(zone, "GMT") == 0)
        return to_ms(year, month, day, hour, minute, second);
    used = 0;
    if (std::sscanf(s.c_str(), "%*9[A-Za-z], %2d-%3[A-Za-z]-%2d %2d:%2d:%2d %3s%n", &day, month, &year, &hour, &minute, &second,
                    zone, &used) == 7 &&
        used == static_cast<int>(s.size()) && std::strcmp(zone, "GMT") == 0)
        return to_ms(year + (year >= 70 ? 1900 : 2000), month, day, hour, minute, second);
    used = 0;
    if (std::sscanf(s.c_str(), "%*3[A-Za-z] %3s %2d %2d:%2d:%2d %4d%n", month, &day, &hour, &minute, &second, &year, &used) == 6 &&
        used == static_cast<int>(s.size()))
        return to_ms(year, month, day, hour, minute, second);
    return std::nullopt;
}

}  // namespace leadhub::http_sink
