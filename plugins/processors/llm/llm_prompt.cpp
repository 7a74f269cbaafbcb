#include "llm_prompt.hpp"

#include <chrono>
#include <cstdio>

namespace leadhub::llm {

namespace {

using namespace std::chrono;

// Days shown after the received date: enough for "через неделю в пятницу" and "15-го" in most
// months without costing many tokens.
constexpr int kCalendarDays = 21;

sys_days parse_day(const std::string& iso_date) {
    return sys_days{year_month_day{year(std::stoi(iso_date.substr(0, 4))),
                                   month(static_cast<unsigned>(std::stoi(iso_date.substr(5, 2)))),
                                   day(static_cast<unsigned>(std::stoi(iso_date.substr(8, 2))))}};
}

std::string weekday_of(sys_days d) {
    static const char* const names[] = {"Sunday (воскресенье)", "Monday (понедельник)", "Tuesday (вторник)",
                                        "Wednesday (среда)",    "Thursday (четверг)",   "Friday (пятница)",
                                        "Saturday (суббота)"};
    return names[weekday(d).c_encoding()];
}

std::string iso(sys_days d) {
    const year_month_day ymd{d};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()));
    return buf;
}

std::string service_lines(const sdk::ReadingRequest& input) {
    if (input.catalog.services.empty()) return "(none: services is always [])";
    std::string out;
    for (const auto& s : input.catalog.services) {
        out += (out.empty() ? "- " : "\n- ") + s.id + ": " + (s.name.empty() ? s.id : s.name);
        std::string words;
        for (const auto& k : s.keywords) words += (words.empty() ? "" : ", ") + k;
        if (!words.empty()) out += "; " + words;
    }
    return out;
}

}  // namespace

std::string fill_template(const std::string& text, const std::map<std::string, std::string>& values) {
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto open = text.find("{{", pos);
        if (open == std::string::npos) break;
        const auto close = text.find("}}", open + 2);
        if (close == std::string::npos) break;
        out.append(text, pos, open - pos);
        auto it = values.find(text.substr(open + 2, close - open - 2));
        if (it != values.end()) out += it->second;
        else out.append(text, open, close + 2 - open);
        pos = close + 2;
    }
    out.append(text, pos, std::string::npos);
    return out;
}

std::string weekday_name(const std::string& iso_date) { return weekday_of(parse_day(iso_date)); }

std::string calendar_lines(const std::string& iso_date, int days) {
    const sys_days first = parse_day(iso_date);
    std::string out;
    for (int i = 0; i < days; ++i) {
        const sys_days d = first + std::chrono::days(i);
        out += (i == 0 ? "" : "\n") + iso(d) + " " + weekday_of(d) + (i == 0 ? ", the received date" : "");
    }
    return out;
}

Prompt build_prompt(const sdk::ReadingRequest& input) {
    const std::string date = input.received_at.substr(0, 10);
    std::string received = input.received_at;
    if (!input.catalog.timezone.empty()) received += " (" + input.catalog.timezone + ")";
    const std::map<std::string, std::string> values = {
        {"title", input.catalog.title.empty() ? "(not given)" : input.catalog.title},
        {"services", service_lines(input)},
        {"channel", input.channel.empty() ? "(not given)" : input.channel},
        {"received_at", received},
        {"weekday", weekday_name(date)},
        {"calendar", calendar_lines(date, kCalendarDays)},
        {"text", input.text},
    };
    return {kSystemPromptTemplate, fill_template(kUserPromptTemplate, values)};
}

}  // namespace leadhub::llm
