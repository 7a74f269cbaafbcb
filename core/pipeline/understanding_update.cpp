#include "pipeline/understanding_update.hpp"

#include "base/calendar.hpp"
#include "base/phone.hpp"
#include "pipeline/normalize.hpp"
#include "pipeline/scoring.hpp"
#include "pipeline/understanding.hpp"

#include <algorithm>
#include <stdexcept>

namespace leadhub::pipeline {

namespace {

using sdk::Json;

const std::vector<std::string> kIntents = {"book", "reschedule", "cancel", "question", "complaint", "other"};
const std::vector<std::string> kDayparts = {"morning", "afternoon", "evening"};

Json catalog_of(const config::TenantConfig& tenant) {
    Json services = Json::array();
    for (const auto& s : tenant.services) services.push_back({{"id", s.id}, {"name", s.name}, {"keywords", s.keywords}});
    return {{"title", tenant.name}, {"timezone", tenant.timezone}, {"country", tenant.country}, {"services", services}};
}

// A field that is a string or null (or absent, which counts as null); anything else is refused.
std::optional<std::string> optional_string(const Json& output, const char* field) {
    auto it = output.find(field);
    if (it == output.end() || it->is_null()) return std::nullopt;
    if (!it->is_string()) throw std::invalid_argument(std::string("'") + field + "' is neither a string nor null");
    std::string value = it->get<std::string>();
    if (value.empty()) return std::nullopt;
    return value;
}

bool is_clock(const std::string& t) {
    if (t.size() != 5 || t[2] != ':') return false;
    for (int i : {0, 1, 3, 4})
        if (t[i] < '0' || t[i] > '9') return false;
    int hour = (t[0] - '0') * 10 + (t[1] - '0');
    int minute = (t[3] - '0') * 10 + (t[4] - '0');
    return hour < 24 && minute < 60;
}

bool is_date(const std::string& d) {
    if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (d[i] < '0' || d[i] > '9') return false;
    return base::is_valid_date(std::stoi(d.substr(0, 4)), std::stoi(d.substr(5, 2)), std::stoi(d.substr(8, 2)));
}

store::ReadingUpdate checked_update(const config::TenantConfig& tenant, const Json& output) {
    store::ReadingUpdate u;
    store::LeadReading& r = u.reading;
    auto intent = output.find("intent");
    if (intent == output.end() || !intent->is_string() || std::ranges::find(kIntents, intent->get<std::string>()) == kIntents.end())
        throw std::invalid_argument("'intent' is not one of book, reschedule, cancel, question, complaint, other");
    r.intent = intent->get<std::string>();
    auto services = output.find("services");
    if (services != output.end() && !services->is_null()) {
        if (!services->is_array()) throw std::invalid_argument("'services' is not a list");
        for (const auto& s : *services) {
            if (!s.is_string()) throw std::invalid_argument("'services' holds something that is not a service id");
            const std::string id = s.get<std::string>();
            if (!tenant.find_service(id)) throw std::invalid_argument("service '" + id + "' is not in the tenant's catalog");
            if (std::ranges::find(r.services, id) == r.services.end()) r.services.push_back(id);
        }
    }
    auto urgent = output.find("urgent");
    if (urgent != output.end() && !urgent->is_null()) {
        if (!urgent->is_boolean()) throw std::invalid_argument("'urgent' is not true or false");
        r.urgent = urgent->get<bool>();
    }
    r.date = optional_string(output, "date");
    if (r.date && !is_date(*r.date)) throw std::invalid_argument("'date' " + *r.date + " is not a real YYYY-MM-DD");
    r.time = optional_string(output, "time");
    if (r.time && !is_clock(*r.time)) throw std::invalid_argument("'time' " + *r.time + " is not HH:MM");
    r.daypart = optional_string(output, "daypart");
    if (r.daypart && std::ranges::find(kDayparts, *r.daypart) == kDayparts.end())
        throw std::invalid_argument("'daypart' is not one of morning, afternoon, evening");
    if (auto name = optional_string(output, "name")) u.name = normalize_name(*name);
    // A phone that is no phone is dropped, not stored: the lead's own fields stay trustworthy.
    if (auto phone = optional_string(output, "phone")) u.phone = base::normalize_phone(*phone, tenant.country);
    r.score = score_of(tenant.scoring, r);
    return u;
}

}  // namespace

ProcessorInput processor_input(const config::TenantConfig& tenant, const store::Lead& lead,
                               const std::vector<store::StoredMessage>& messages) {
    ProcessorInput out;
    std::string text;
    int64_t latest_ms = lead.created_at_ms;
    for (const auto& m : messages) {
        // Only the customer's words are read; replies and echoes are the business's.
        if (m.kind != "customer") continue;
        ++out.messages_read;
        latest_ms = std::max(latest_ms, m.received_at_ms);
        if (!m.text || m.text->empty()) continue;
        if (!text.empty()) text += "\n";
        text += *m.text;
    }
    if (text.empty()) return out;
    out.input = {{"task", "understand"},
                 {"text", text},
                 {"received_at", local_iso8601(latest_ms, tenant.timezone)},
                 {"channel", lead.channel},
                 {"catalog", catalog_of(tenant)},
                 {"baseline", lead.reading.to_json()}};
    return out;
}

ProcessorAnswer read_processor_answer(const config::TenantConfig& tenant, const Json& output,
                                      const std::string& source, int64_t messages_read) {
    ProcessorAnswer answer;
    if (!output.is_object()) {
        answer.error = "the processor's answer is not a JSON object";
        answer.invalid = true;
        return answer;
    }
    if (auto error = output.find("error"); error != output.end()) {
        answer.error = error->is_string() ? error->get<std::string>() : error->dump();
        answer.retryable = output.value("retryable", false);
        answer.invalid = output.value("invalid_answer", false);  // the model answered, but not a reading
        if (auto after = output.find("retry_after_ms"); after != output.end() && after->is_number_integer())
            answer.retry_after_ms = std::max<int64_t>(0, after->get<int64_t>());
        return answer;
    }
    try {
        store::ReadingUpdate update = checked_update(tenant, output);
        update.source = source;
        update.messages_read = messages_read;
        answer.update = std::move(update);
    } catch (const std::invalid_argument& e) {
        answer.error = std::string("the processor's reading fails the checks: ") + e.what();
        answer.invalid = true;
    }
    return answer;
}

}  // namespace leadhub::pipeline
