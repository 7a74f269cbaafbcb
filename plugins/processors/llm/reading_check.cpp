#include "reading_check.hpp"

#include <leadhub/sdk/ascii_text.hpp>
#include <leadhub/sdk/safe_text.hpp>

#include <algorithm>
#include <chrono>

namespace leadhub::llm {

using sdk::Json;

namespace {

const std::vector<std::string> kIntents = {"book", "reschedule", "cancel", "question", "complaint", "other"};
const std::vector<std::string> kDayparts = {"morning", "afternoon", "evening"};

bool contains(const std::vector<std::string>& list, const std::string& value) {
    return std::find(list.begin(), list.end(), value) != list.end();
}

std::string joined(const std::vector<std::string>& list) {
    std::string out;
    for (const auto& s : list) out += (out.empty() ? "" : ", ") + s;
    return out;
}

bool all_digits(const std::string& s, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

// An optional string field: absent or null is nullopt; any other non-string is a schema failure.
bool read_optional_string(const Json& object, const char* key, std::optional<std::string>& out, std::string& error) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) return true;
    if (!it->is_string()) {
        error = std::string("field '") + key + "' must be a string or null, got " + it->dump();
        return false;
    }
    std::string value(sdk::trim(it->get<std::string>()));
    if (!value.empty()) out = value;
    return true;
}

Json or_null(const std::optional<std::string>& v) { return v ? Json(*v) : Json(nullptr); }

}  // namespace

std::string strip_code_fence(const std::string& content) {
    std::string text(sdk::trim(content));
    if (!text.starts_with("```")) return text;
    const auto first_line_end = text.find('\n');
    if (first_line_end == std::string::npos) return text;
    std::string inner = text.substr(first_line_end + 1);
    const auto closing = inner.rfind("```");
    if (closing != std::string::npos) inner.erase(closing);
    return std::string(sdk::trim(inner));
}

std::optional<std::string> normalize_phone(const std::string& raw) {
    std::string digits;
    bool plus = false;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c >= '0' && c <= '9') digits += c;
        else if (c == '+' && digits.empty() && !plus) plus = true;
        else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') return std::nullopt;
    }
    if (plus) {
        if (digits.size() == 11 && digits[0] == '7') return "+" + digits;
        if (digits.size() >= 11 && digits.size() <= 15 && digits[0] != '0' && digits[0] != '7') return "+" + digits;
        return std::nullopt;
    }
    if (digits.size() == 11 && (digits[0] == '8' || digits[0] == '7')) return "+7" + digits.substr(1);
    if (digits.size() == 10 && digits[0] == '9') return "+7" + digits;
    return std::nullopt;
}

bool is_calendar_date(const std::string& t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-' || !all_digits(t, 0, 4) || !all_digits(t, 5, 7) || !all_digits(t, 8, 10))
        return false;
    using namespace std::chrono;
    const year_month_day ymd{year(std::stoi(t.substr(0, 4))), month(static_cast<unsigned>(std::stoi(t.substr(5, 2)))),
                             day(static_cast<unsigned>(std::stoi(t.substr(8, 2))))};
    return ymd.ok();
}

bool is_clock_time(const std::string& t) {
    if (t.size() != 5 || t[2] != ':' || !all_digits(t, 0, 2) || !all_digits(t, 3, 5)) return false;
    return std::stoi(t.substr(0, 2)) < 24 && std::stoi(t.substr(3, 2)) < 60;
}

CheckedReading check_reading(const std::string& content, const std::vector<std::string>& catalog_ids) {
    CheckedReading out;
    // Bounded (sdk::parse_json): the errors below write parts of the answer with dump, which
    // recurses once per level, and a model can be made to answer 100,000 nested arrays.
    sdk::JsonError problem;
    const Json answer = sdk::parse_json(strip_code_fence(content), &problem);
    if (problem.kind == sdk::JsonError::Kind::too_deep) {
        out.error = "the model's answer is " + problem.message;
        return out;
    }
    if (answer.is_discarded()) {
        out.error = "the model's answer is not JSON: " + sdk::escape_control(content.substr(0, 200));
        return out;
    }
    if (!answer.is_object()) {
        out.error = "the model's answer is not a JSON object: " + answer.dump().substr(0, 200);
        return out;
    }

    auto intent = answer.find("intent");
    if (intent == answer.end() || !intent->is_string() || !contains(kIntents, intent->get<std::string>())) {
        out.error = "field 'intent' must be one of " + joined(kIntents) + ", got " +
                    (intent == answer.end() ? std::string("nothing") : intent->dump());
        return out;
    }
    auto urgent = answer.find("urgent");
    if (urgent == answer.end() || !urgent->is_boolean()) {
        out.error = "field 'urgent' must be true or false, got " + (urgent == answer.end() ? std::string("nothing") : urgent->dump());
        return out;
    }
    auto services = answer.find("services");
    if (services == answer.end() || !services->is_array()) {
        out.error = "field 'services' must be a list of catalog ids, got " +
                    (services == answer.end() ? std::string("nothing") : services->dump());
        return out;
    }
    std::vector<std::string> kept;
    for (const auto& s : *services) {
        if (!s.is_string()) {
            out.error = "field 'services' must hold strings only, got " + s.dump();
            return out;
        }
        const std::string id = s.get<std::string>();
        if (!contains(catalog_ids, id)) out.warnings.push_back("service '" + sdk::escape_control(id) + "' is not in the catalog: dropped");
        else if (!contains(kept, id)) kept.push_back(id);
    }

    std::optional<std::string> name, phone, date, time, daypart;
    if (!read_optional_string(answer, "name", name, out.error) || !read_optional_string(answer, "phone", phone, out.error) ||
        !read_optional_string(answer, "date", date, out.error) || !read_optional_string(answer, "time", time, out.error) ||
        !read_optional_string(answer, "daypart", daypart, out.error))
        return out;
    if (date && !is_calendar_date(*date)) {
        out.error = "field 'date' must be a real date as YYYY-MM-DD, got \"" + sdk::escape_control(*date) + "\"";
        return out;
    }
    if (time && !is_clock_time(*time)) {
        out.error = "field 'time' must be a clock time as HH:MM (24-hour), got \"" + sdk::escape_control(*time) + "\"";
        return out;
    }
    if (daypart && !contains(kDayparts, *daypart)) {
        out.error = "field 'daypart' must be one of " + joined(kDayparts) + " or null, got \"" + sdk::escape_control(*daypart) + "\"";
        return out;
    }
    if (phone) {
        auto e164 = normalize_phone(*phone);
        if (!e164) out.warnings.push_back("phone '" + sdk::escape_control(*phone) + "' is not a phone number: dropped");
        phone = e164;
    }
    if (time && daypart) {
        out.warnings.push_back("daypart '" + sdk::escape_control(*daypart) + "' dropped: a clock time was given");
        daypart.reset();
    }

    out.reading = Json{{"intent", *intent}, {"services", kept}, {"urgent", *urgent}, {"name", or_null(name)},
                       {"phone", or_null(phone)}, {"date", or_null(date)}, {"time", or_null(time)},
                       {"daypart", or_null(daypart)}};
    return out;
}

}  // namespace leadhub::llm
