// When a staff member works: weekly shifts and absences, in the tenant's local time.
#include "config/sections.hpp"

#include <leadhub/sdk/suggest.hpp>

#include <algorithm>
#include <array>

namespace leadhub::config {

namespace {

constexpr std::array<const char*, 7> kDayNames = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::optional<int> read_clock(YamlReader& reader, const YAML::Node& node, bool end_of_day_ok) {
    auto text = reader.text(node, "a time of day such as \"10:00\"");
    if (!text) return std::nullopt;
    auto minute = parse_clock(*text, end_of_day_ok);
    if (!minute)
        reader.error(node.Mark(), "'" + *text + "' is not a time of day: use HH:MM from 00:00 to 23:59" +
                                      (end_of_day_ok ? " (or 24:00)" : ""));
    return minute;
}

bool is_date(const std::string& text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (text[i] < '0' || text[i] > '9') return false;
    int month = std::stoi(text.substr(5, 2));
    int day = std::stoi(text.substr(8, 2));
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::optional<std::string> read_date(YamlReader& reader, const YAML::Node& node) {
    auto text = reader.text(node, "a date such as 2026-03-08");
    if (!text) return std::nullopt;
    if (!is_date(*text)) {
        reader.error(node.Mark(), "'" + *text + "' is not a date: use YYYY-MM-DD, e.g. 2026-03-08");
        return std::nullopt;
    }
    return text;
}

}  // namespace

std::optional<int> parse_clock(const std::string& text, bool end_of_day_ok) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    for (std::size_t i : {0, 1, 3, 4})
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    int hours = (text[0] - '0') * 10 + (text[1] - '0');
    int minutes = (text[3] - '0') * 10 + (text[4] - '0');
    if (minutes > 59) return std::nullopt;
    if (hours == 24 && minutes == 0 && end_of_day_ok) return 1440;
    if (hours > 23) return std::nullopt;
    return hours * 60 + minutes;
}

std::vector<ShiftConfig> read_shifts(YamlReader& reader, const YAML::Node& list) {
    std::vector<ShiftConfig> shifts;
    if (!present(list) || !reader.expect_list(list, "a list of shifts")) return shifts;
    const std::vector<std::string> names(kDayNames.begin(), kDayNames.end());
    for (const auto& node : list) {
        if (!reader.expect_map(node, "a shift, e.g. {days: [mon, tue], from: \"10:00\", to: \"22:00\"}")) continue;
        reader.check_keys(node, {"days", "from", "to"}, "a shift");
        ShiftConfig shift;
        bool ok = true;
        if (auto days = reader.marked_list(reader.require(node, "days", "a shift"), "a list of days (mon … sun)", true)) {
            for (const auto& day : *days) {
                auto it = std::find(names.begin(), names.end(), day.text);
                if (it == names.end()) {
                    reader.error(day.mark, "unknown day '" + day.text + "': use mon, tue, wed, thu, fri, sat, sun" +
                                               sdk::suggestion_suffix(day.text, names));
                    ok = false;
                } else {
                    shift.days.push_back(static_cast<int>(it - names.begin()));
                }
            }
        } else {
            ok = false;
        }
        auto from = read_clock(reader, reader.require(node, "from", "a shift"), false);
        YAML::Node to_node = reader.require(node, "to", "a shift");
        auto to = read_clock(reader, to_node, true);
        if (!from || !to || !ok) continue;
        if (*from == *to) {  // 00:00 to 24:00 is a whole day, not an empty shift
            reader.error(to_node.Mark(), "a shift must not start and end at the same time");
            continue;
        }
        shift.from_minute = *from;
        shift.to_minute = *to;
        shifts.push_back(std::move(shift));
    }
    return shifts;
}

std::vector<AbsenceConfig> read_absences(YamlReader& reader, const YAML::Node& list) {
    std::vector<AbsenceConfig> absences;
    if (!present(list) || !reader.expect_list(list, "a list of absences")) return absences;
    for (const auto& node : list) {
        if (!reader.expect_map(node, "an absence, e.g. {from: 2026-03-08, to: 2026-03-10}")) continue;
        reader.check_keys(node, {"from", "to"}, "an absence");
        auto from = read_date(reader, reader.require(node, "from", "an absence"));
        YAML::Node to_node = reader.get(node, "to");
        auto to = present(to_node) ? read_date(reader, to_node) : from;
        if (!from || !to) continue;
        if (*to < *from) {  // YYYY-MM-DD compares as text in date order
            reader.error(to_node.Mark(), "an absence must not end (" + *to + ") before it starts (" + *from + ")");
            continue;
        }
        absences.push_back({*from, *to});
    }
    return absences;
}

}  // namespace leadhub::config
