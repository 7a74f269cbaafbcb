// The tenant's working hours and quiet hours, on its clocks:
//
//   working_hours:
//     mon-fri: "10:00-21:00"
//     sat: "11:00-14:00, 15:00-18:00"
//     sun: closed
//     exceptions: {"2026-12-31": "10:00-16:00", "2027-01-01": closed}
//   quiet_hours: "21:00-09:00"
//
// Working intervals stay within a day (a night is written as two days' intervals), so every
// interval belongs to one local date and an exception replaces exactly one date's hours. Quiet
// hours are one daily window that may cross midnight.
#include "config/sections.hpp"

#include <leadhub/sdk/suggest.hpp>

#include <algorithm>
#include <array>
#include <map>

namespace leadhub::config {

namespace {

constexpr std::array<const char*, 7> kWeekdayKeys = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
const char* const kDayKeyHelp =
    "use mon, tue, wed, thu, fri, sat, sun, a range such as mon-fri, a list such as sat,sun, daily, or exceptions";
const char* const kIntervalsHelp = "use HH:MM-HH:MM such as \"10:00-21:00\", several separated by commas, or closed";

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t at; (at = text.find(separator, start)) != std::string::npos; start = at + 1)
        parts.push_back(trimmed(std::string_view(text).substr(start, at - start)));
    parts.push_back(trimmed(std::string_view(text).substr(start)));
    return parts;
}

std::string clock_text(int minute) {
    std::string out = "00:00";
    out[0] = static_cast<char>('0' + minute / 600);
    out[1] = static_cast<char>('0' + minute / 60 % 10);
    out[3] = static_cast<char>('0' + minute % 60 / 10);
    out[4] = static_cast<char>('0' + minute % 10);
    return out;
}

std::string interval_text(const base::DayInterval& interval) {
    return clock_text(interval.from_minute) + "-" + clock_text(interval.to_minute);
}

std::optional<int> weekday_index(const std::string& name) {
    for (std::size_t i = 0; i < kWeekdayKeys.size(); ++i)
        if (name == kWeekdayKeys[i]) return static_cast<int>(i);
    return std::nullopt;
}

// "mon", "fri-mon" (a range may wrap past Sunday), "sat,sun", "mon-wed,fri" or "daily" as
// weekday indexes in the order written; nullopt (reported) when a name is not a day.
std::optional<std::vector<int>> parse_day_key(YamlReader& reader, const YAML::Node& key) {
    const std::string text = key.Scalar();
    if (text == "daily") return std::vector<int>{0, 1, 2, 3, 4, 5, 6};
    std::vector<int> days;
    for (const std::string& item : split(text, ',')) {
        const auto ends = split(item, '-');
        std::vector<std::optional<int>> indexes;
        for (const std::string& end : ends) indexes.push_back(weekday_index(end));
        const bool known = ends.size() <= 2 &&
                           std::all_of(indexes.begin(), indexes.end(), [](auto i) { return i.has_value(); });
        if (!known) {
            std::vector<std::string> names(kWeekdayKeys.begin(), kWeekdayKeys.end());
            names.insert(names.end(), {"daily", "exceptions"});
            reader.error(key.Mark(), "unknown day '" + item + "' in working_hours: " + kDayKeyHelp +
                                         sdk::suggestion_suffix(item, names));
            return std::nullopt;
        }
        if (ends.size() == 2 && *indexes[0] == *indexes[1]) {
            reader.error(key.Mark(), "the range '" + item + "' must run between two different days, e.g. mon-fri");
            return std::nullopt;
        }
        for (int day = *indexes[0];; day = (day + 1) % 7) {
            days.push_back(day);
            if (day == *indexes.back()) break;
        }
    }
    return days;
}

// "10:00-21:00", "11:00-14:00, 15:00-18:00" or "closed" as sorted intervals; nullopt (reported)
// when a piece is malformed, ends before it starts, or overlaps another.
std::optional<std::vector<base::DayInterval>> read_intervals(YamlReader& reader, const YAML::Node& node,
                                                             const YAML::Mark& key_mark) {
    if (!present(node)) {
        reader.error(key_mark, std::string("expected working hours after the key: ") + kIntervalsHelp);
        return std::nullopt;
    }
    auto text = reader.text(node, "working hours such as \"10:00-21:00\" or closed");
    if (!text) return std::nullopt;
    std::vector<base::DayInterval> intervals;
    if (trimmed(*text) == "closed") return intervals;
    for (const std::string& piece : split(*text, ',')) {
        const auto ends = split(piece, '-');
        if (ends.size() != 2) {
            reader.error(node.Mark(), "'" + piece + "' is not an interval: " + kIntervalsHelp);
            return std::nullopt;
        }
        const auto from = parse_clock(ends[0], false);
        const auto to = parse_clock(ends[1], true);
        for (const auto& [value, end] : {std::pair{from, ends[0]}, std::pair{to, ends[1]}}) {
            if (value) continue;
            reader.error(node.Mark(), "'" + end + "' in '" + piece +
                                          "' is not a time of day: use HH:MM from 00:00 to 23:59 (24:00 as an end)");
            return std::nullopt;
        }
        if (*from >= *to) {
            reader.error(node.Mark(), "interval " + piece +
                                          " must end after it starts: working hours stay within a day, so write a "
                                          "night as two days' intervals, e.g. fri: \"20:00-24:00\", "
                                          "sat: \"00:00-02:00\"");
            return std::nullopt;
        }
        intervals.push_back({*from, *to});
    }
    std::sort(intervals.begin(), intervals.end(),
              [](const auto& a, const auto& b) { return a.from_minute < b.from_minute; });
    for (std::size_t i = 1; i < intervals.size(); ++i) {
        if (intervals[i].from_minute >= intervals[i - 1].to_minute) continue;
        reader.error(node.Mark(), "intervals " + interval_text(intervals[i - 1]) + " and " +
                                      interval_text(intervals[i]) + " overlap");
        return std::nullopt;
    }
    return intervals;
}

// "YYYY-MM-DD" naming a day of the calendar; nullopt (reported) otherwise.
std::optional<base::Date> parse_exception_date(YamlReader& reader, const YAML::Node& key) {
    const std::string& text = key.Scalar();
    bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) shaped = shaped && text[i] >= '0' && text[i] <= '9';
    if (!shaped) {
        reader.error(key.Mark(), "'" + text + "' is not a date: use YYYY-MM-DD, e.g. \"2026-12-31\"");
        return std::nullopt;
    }
    const base::Date date{std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)), std::stoi(text.substr(8, 2))};
    if (!base::is_valid_date(date.year, date.month, date.day)) {
        const bool month_ok = date.month >= 1 && date.month <= 12;
        const std::string why = month_ok ? "that month has " +
                                               std::to_string(base::days_in_month(date.year, date.month)) + " days"
                                         : "months run from 01 to 12";
        reader.error(key.Mark(), "'" + text + "' is not a day of the calendar (" + why + ")");
        return std::nullopt;
    }
    return date;
}

bool is_empty_map(YamlReader& reader, const YAML::Node& node, const YAML::Mark& key_mark, const std::string& name,
                  const std::string& example) {
    if (node.size() != 0) return false;
    reader.error(key_mark, name + " is empty: " + example);
    return true;
}

void read_exceptions(YamlReader& reader, const YAML::Node& node, const YAML::Mark& key_mark,
                     base::WorkingHours& hours) {
    if (!present(node)) {
        reader.error(key_mark, "expected exceptions as a mapping of dates, e.g. {\"2027-01-01\": closed}");
        return;
    }
    if (!reader.expect_map(node, "exceptions as a mapping of dates, e.g. {\"2027-01-01\": closed}")) return;
    if (is_empty_map(reader, node, key_mark, "exceptions",
                     "name dates such as \"2027-01-01\": closed, or leave exceptions out"))
        return;
    std::map<base::Date, int> lines;  // where each date was written
    for (const auto& entry : node) {
        const YAML::Node& key = entry.first;
        if (!key.IsScalar()) {
            reader.error(key.Mark(), "keys in exceptions must be dates such as \"2027-01-01\", got " + describe(key));
            continue;
        }
        auto date = parse_exception_date(reader, key);
        auto intervals = read_intervals(reader, entry.second, key.Mark());
        if (!date) continue;
        auto [it, fresh] = lines.emplace(*date, key.Mark().line + 1);
        if (!fresh) {
            reader.error(key.Mark(), "exception " + date->iso() + " is written twice (first at line " +
                                         std::to_string(it->second) + ")");
            continue;
        }
        if (intervals) hours.exceptions[*date] = std::move(*intervals);
    }
}

void read_working_hours(YamlReader& reader, const YAML::Node& node, const YAML::Mark& key_mark,
                        base::WorkingHours& hours) {
    const char* const example = "working hours as a mapping, e.g. {mon-fri: \"10:00-21:00\", sat: \"11:00-16:00\"}";
    if (!reader.expect_map(node, example)) return;
    hours.always_open = false;  // written: the days not named are closed
    if (is_empty_map(reader, node, key_mark, "working_hours",
                     "name days such as mon-fri: \"10:00-21:00\", or leave working_hours out to be open around the "
                     "clock"))
        return;
    struct Named {
        std::string key;
        int line;
    };
    std::array<std::optional<Named>, 7> named;  // which key named each weekday
    bool exceptions_seen = false;
    for (const auto& entry : node) {
        const YAML::Node& key = entry.first;
        if (!key.IsScalar()) {
            reader.error(key.Mark(), "keys in working_hours must be days such as mon-fri, got " + describe(key));
            continue;
        }
        if (key.Scalar() == "exceptions") {
            if (exceptions_seen) reader.error(key.Mark(), "duplicate key 'exceptions' in working_hours");
            else read_exceptions(reader, entry.second, key.Mark(), hours);
            exceptions_seen = true;
            continue;
        }
        auto days = parse_day_key(reader, key);
        auto intervals = read_intervals(reader, entry.second, key.Mark());
        if (!days) continue;
        for (int day : *days) {
            if (named[day]) {
                reader.error(key.Mark(), std::string("'") + kWeekdayKeys[day] + "' is named twice in working_hours " +
                                             "(first by '" + named[day]->key + "' at line " +
                                             std::to_string(named[day]->line) + ")");
                continue;
            }
            named[day] = Named{key.Scalar(), key.Mark().line + 1};
            if (intervals) hours.week[day] = *intervals;
        }
    }
}

void read_quiet_hours(YamlReader& reader, const YAML::Node& node, std::optional<base::DailyWindow>& quiet) {
    const char* const help = "use HH:MM-HH:MM such as \"21:00-09:00\" (it may cross midnight), or none";
    auto text = reader.text(node, "quiet hours such as \"21:00-09:00\", or none");
    if (!text) return;
    const std::string value = trimmed(*text);
    if (value == "none" || value == "off") {
        quiet.reset();
        return;
    }
    const auto ends = split(value, '-');
    const auto from = ends.size() == 2 ? parse_clock(ends[0], false) : std::nullopt;
    const auto to = ends.size() == 2 ? parse_clock(ends[1], true) : std::nullopt;
    if (!from || !to) {
        reader.error(node.Mark(), "'" + *text + "' is not quiet hours: " + help);
        return;
    }
    const base::DailyWindow window{*from, *to % 1440};  // 24:00 is the next midnight
    if (window.from_minute == window.to_minute) {
        reader.error(node.Mark(), "quiet hours " + value + " are empty: write none to message customers at any time");
        return;
    }
    quiet = window;
}

}  // namespace

void read_hours_sections(YamlReader& reader, const YAML::Node& tenant_node, TenantConfig& tenant) {
    if (YAML::Node node = reader.get(tenant_node, "working_hours"); present(node))
        read_working_hours(reader, node, reader.key_mark(tenant_node, "working_hours"), tenant.working_hours);
    if (YAML::Node node = reader.get(tenant_node, "quiet_hours"); present(node))
        read_quiet_hours(reader, node, tenant.quiet_hours);
}

namespace {

base::TimeZone zone_of(const TenantConfig& tenant) {
    return base::TimeZone::find(tenant.timezone).value_or(base::TimeZone::utc());
}

}  // namespace

base::WorkingClock working_clock(const TenantConfig& tenant) { return {tenant.working_hours, zone_of(tenant)}; }

base::QuietHours quiet_hours(const TenantConfig& tenant) { return {tenant.quiet_hours, zone_of(tenant)}; }

}  // namespace leadhub::config
