// A processor's contract, typed: a ReadingRequest in (one customer's message to read, with the
// business's catalog and the hub's own reading of it), a ReadingResult out (the processor's
// Reading, or why there is none). These are C++ views of the JSON the host exchanges with a
// processor over the C ABI, which stays as it is:
//
//   in:  {"task": "understand", "text": "...", "received_at": "2026-03-02T09:14:00+07:00",
//         "channel": "whatsapp", "catalog": {"title", "timezone", "services": [{"id", "name", "keywords"}]},
//         "baseline": {"intent", "services", "urgent", "date", "time", "daypart", ...}}
//   out: {"intent", "services", "urgent", "name", "phone", "date", "time", "daypart",
//         "backend", "model"[, "warnings": [...]]}
//     or {"error": "<reason>", "retryable": true|false[, "retry_after_ms": n][, "invalid_answer": true]}
#pragma once

#include <leadhub/sdk/json.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace leadhub::sdk {

struct CatalogService {
    std::string id;
    std::string name;
    std::vector<std::string> keywords;
};

// What the business sells, as the tenant's catalog says.
struct Catalog {
    std::string title;     // the business's name, "" when not given
    std::string timezone;  // IANA name, "" when not given
    std::vector<CatalogService> services;

    std::vector<std::string> service_ids() const {
        std::vector<std::string> ids;
        for (const auto& s : services) ids.push_back(s.id);
        return ids;
    }
};

// What a message says. Dates are YYYY-MM-DD, times HH:MM, dayparts morning|afternoon|evening.
struct Reading {
    std::string intent = "other";  // book, reschedule, cancel, question, complaint, other
    std::vector<std::string> services;  // catalog ids
    bool urgent = false;
    std::optional<std::string> name, phone, date, time, daypart;
    std::string backend;                // who read it, e.g. "llm"; "" leaves it out
    std::string model;                  // e.g. the model's name; "" leaves it out
    std::vector<std::string> warnings;  // repairs made on the way; empty leaves it out
};

// One message to read.
struct ReadingRequest {
    std::string text;
    std::string received_at;  // ISO 8601 with the business's offset; starts with YYYY-MM-DD
    std::string channel;      // "" when not given
    Catalog catalog;
    std::optional<Reading> baseline;  // the hub's built-in reading, when it sent one
};

// A processor's answer: a Reading, or an error the hub classifies.
struct ReadingResult {
    std::optional<Reading> reading;
    std::string error;
    bool retryable = false;
    std::optional<int64_t> retry_after_ms;
    bool invalid_answer = false;  // the back end answered, but not a usable reading

    static ReadingResult ok(Reading r) {
        ReadingResult out;
        out.reading = std::move(r);
        return out;
    }
    static ReadingResult failed(std::string error, bool retryable, std::optional<int64_t> retry_after_ms = std::nullopt) {
        ReadingResult out;
        out.error = std::move(error);
        out.retryable = retryable;
        out.retry_after_ms = retry_after_ms;
        return out;
    }
};

namespace detail {

inline Json optional_text(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

inline std::string string_field(const Json& object, const char* key, const std::string& where, bool required) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        if (required) throw std::invalid_argument(where + "'" + key + "' is missing");
        return {};
    }
    if (!it->is_string()) throw std::invalid_argument(where + "'" + key + "' must be a string, got " + it->dump());
    return it->get<std::string>();
}

inline bool is_calendar_date(const std::string& t) {
    auto digits = [&](std::size_t from, std::size_t to) {
        for (std::size_t i = from; i < to; ++i)
            if (t[i] < '0' || t[i] > '9') return false;
        return true;
    };
    if (t.size() != 10 || t[4] != '-' || t[7] != '-' || !digits(0, 4) || !digits(5, 7) || !digits(8, 10)) return false;
    using namespace std::chrono;
    const year_month_day ymd{year(std::stoi(t.substr(0, 4))), month(static_cast<unsigned>(std::stoi(t.substr(5, 2)))),
                             day(static_cast<unsigned>(std::stoi(t.substr(8, 2))))};
    return ymd.ok();
}

inline CatalogService catalog_service_from_json(const Json& s, std::size_t index) {
    const std::string where = "catalog.services[" + std::to_string(index) + "]: ";
    if (!s.is_object()) throw std::invalid_argument(where + "must be an object with id, name and keywords");
    CatalogService out;
    out.id = string_field(s, "id", where, true);
    if (out.id.empty()) throw std::invalid_argument(where + "'id' is empty");
    out.name = string_field(s, "name", where, false);
    if (auto k = s.find("keywords"); k != s.end() && !k->is_null()) {
        if (!k->is_array()) throw std::invalid_argument(where + "'keywords' must be a list of strings");
        for (const auto& word : *k) {
            if (!word.is_string()) throw std::invalid_argument(where + "'keywords' must be a list of strings");
            out.keywords.push_back(word.get<std::string>());
        }
    }
    return out;
}

inline std::optional<std::string> optional_string(const Json& object, const char* key) {
    auto it = object.find(key);
    if (it == object.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

}  // namespace detail

inline Json to_json(const Reading& r) {
    Json out = {{"intent", r.intent},
                {"services", r.services},
                {"urgent", r.urgent},
                {"name", detail::optional_text(r.name)},
                {"phone", detail::optional_text(r.phone)},
                {"date", detail::optional_text(r.date)},
                {"time", detail::optional_text(r.time)},
                {"daypart", detail::optional_text(r.daypart)}};
    if (!r.backend.empty()) out["backend"] = r.backend;
    if (!r.model.empty()) out["model"] = r.model;
    if (!r.warnings.empty()) out["warnings"] = r.warnings;
    return out;
}

// Lenient: a field of the wrong type is left at its default (a baseline is advice, not input to
// refuse a message over).
inline Reading reading_from_json(const Json& j) {
    Reading r;
    if (!j.is_object()) return r;
    if (auto v = detail::optional_string(j, "intent")) r.intent = *v;
    if (auto s = j.find("services"); s != j.end() && s->is_array())
        for (const auto& id : *s)
            if (id.is_string()) r.services.push_back(id.get<std::string>());
    if (auto u = j.find("urgent"); u != j.end() && u->is_boolean()) r.urgent = u->get<bool>();
    r.name = detail::optional_string(j, "name");
    r.phone = detail::optional_string(j, "phone");
    r.date = detail::optional_string(j, "date");
    r.time = detail::optional_string(j, "time");
    r.daypart = detail::optional_string(j, "daypart");
    r.backend = detail::optional_string(j, "backend").value_or("");
    r.model = detail::optional_string(j, "model").value_or("");
    if (auto w = j.find("warnings"); w != j.end() && w->is_array())
        for (const auto& text : *w)
            if (text.is_string()) r.warnings.push_back(text.get<std::string>());
    return r;
}

inline Json to_json(const ReadingRequest& request) {
    Json services = Json::array();
    for (const auto& s : request.catalog.services) services.push_back({{"id", s.id}, {"name", s.name}, {"keywords", s.keywords}});
    Json out = {{"task", "understand"},
                {"text", request.text},
                {"received_at", request.received_at},
                {"channel", request.channel},
                {"catalog", {{"title", request.catalog.title}, {"timezone", request.catalog.timezone}, {"services", services}}}};
    if (request.baseline) out["baseline"] = to_json(*request.baseline);
    return out;
}

// Reads what the host sent. Throws std::invalid_argument with a precise reason: not an object, a
// task other than "understand", no text (or only whitespace), a received_at that does not start
// with a real date, a catalog or a service of the wrong shape.
inline ReadingRequest reading_request_from_json(const Json& input) {
    using detail::string_field;
    if (!input.is_object()) throw std::invalid_argument("input must be a JSON object");
    const std::string task = string_field(input, "task", "", true);
    if (task != "understand") throw std::invalid_argument("task '" + task + "' is not supported: only 'understand' is");
    ReadingRequest out;
    out.text = string_field(input, "text", "", true);
    if (out.text.find_first_not_of(" \t\r\n") == std::string::npos)
        throw std::invalid_argument("'text' is empty: there is nothing for the model to read");
    out.received_at = string_field(input, "received_at", "", true);
    if (out.received_at.size() < 10 || !detail::is_calendar_date(out.received_at.substr(0, 10)))
        throw std::invalid_argument("'received_at' must be ISO 8601 starting with YYYY-MM-DD, got '" + out.received_at + "'");
    out.channel = string_field(input, "channel", "", false);
    if (auto baseline = input.find("baseline"); baseline != input.end() && baseline->is_object())
        out.baseline = reading_from_json(*baseline);

    auto catalog = input.find("catalog");
    if (catalog == input.end() || catalog->is_null()) return out;
    if (!catalog->is_object()) throw std::invalid_argument("'catalog' must be an object");
    out.catalog.title = string_field(*catalog, "title", "catalog: ", false);
    out.catalog.timezone = string_field(*catalog, "timezone", "catalog: ", false);
    if (auto services = catalog->find("services"); services != catalog->end() && !services->is_null()) {
        if (!services->is_array()) throw std::invalid_argument("catalog: 'services' must be a list");
        for (std::size_t i = 0; i < services->size(); ++i)
            out.catalog.services.push_back(detail::catalog_service_from_json((*services)[i], i));
    }
    return out;
}

inline Json to_json(const ReadingResult& result) {
    if (result.reading) return to_json(*result.reading);
    Json out = {{"error", result.error}, {"retryable", result.retryable}};
    if (result.retry_after_ms) out["retry_after_ms"] = *result.retry_after_ms;
    if (result.invalid_answer) out["invalid_answer"] = true;
    return out;
}

}  // namespace leadhub::sdk
