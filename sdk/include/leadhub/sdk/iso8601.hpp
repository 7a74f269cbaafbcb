// An instant as ISO 8601 in UTC with milliseconds ("2026-03-10T05:00:00.123Z"): how the hub's
// logs, admin API and leads, and the plugins' files, write a time.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace leadhub::sdk {

// `unix_ms` is milliseconds since 1970-01-01T00:00:00Z. Days and milliseconds are split with
// floor division, so instants before 1970 come out right too (-1 is 1969-12-31T23:59:59.999Z);
// the civil date is H. Hinnant's civil_from_days on 64 bits, so every int64 instant has its year.
inline std::string iso8601_utc(int64_t unix_ms) {
    const int64_t ms_per_day = 86400000;
    const int64_t days = unix_ms >= 0 ? unix_ms / ms_per_day : (unix_ms - (ms_per_day - 1)) / ms_per_day;
    const int64_t ms_of_day = unix_ms - days * ms_per_day;
    const int64_t z = days + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const int64_t y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
    char text[96];  // room for any int64 year, so the compiler can prove nothing is cut
    std::snprintf(text, sizeof text, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", static_cast<long long>(y), m, d,
                  static_cast<long long>(ms_of_day / 3600000), static_cast<long long>(ms_of_day / 60000 % 60),
                  static_cast<long long>(ms_of_day / 1000 % 60), static_cast<long long>(ms_of_day % 1000));
    return text;
}

}  // namespace leadhub::sdk
