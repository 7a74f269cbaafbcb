// Offline understanding of customer messages: intent, services, urgency, name, phone and the
// date, time or part of day asked for, from a message and the tenant's service catalog.
//
// Everything here is deterministic and needs no network: Russian morphology comes from the
// Snowball stemmer, phones from libphonenumber, the rest from built-in grammars and lexicons.
#pragma once

#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace leadhub::understand {

// One service a business sells. `keywords` are what the owner typed; the built-in lexicon
// (keyed by common service ids) and stemming extend them.
struct Service {
    std::string id;
    std::string name;
    std::vector<std::string> keywords;
};

struct Catalog {
    std::string title;
    std::string timezone;       // IANA name, e.g. "Europe/Moscow"; "" keeps the message's offset
    std::string country = "RU"; // region for phone numbers written without a country code
    std::vector<Service> services;
};

// A catalog file that cannot be used: the message names the file and, where known, the line.
class CatalogError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Reads the catalog.yaml shape: `businesses: {key: {title, timezone, country?, services: [...]}}`.
std::map<std::string, Catalog> load_catalogs(const std::string& path);
std::map<std::string, Catalog> parse_catalogs(std::string_view yaml_text, const std::string& origin = "<string>");

// What a message says. Dates are YYYY-MM-DD, times HH:MM, dayparts morning|afternoon|evening.
struct Reading {
    std::string intent = "other"; // book, reschedule, cancel, question, complaint, other
    std::vector<std::string> services;
    bool urgent = false;
    std::optional<std::string> name, phone, date, time, daypart;

    nlohmann::json to_json() const;
};

class Understander {
public:
    explicit Understander(const Catalog& catalog);
    ~Understander();
    Understander(Understander&&) noexcept;
    Understander& operator=(Understander&&) noexcept;

    // Safe to call from several threads at once. `received_at` is ISO 8601 with an offset
    // ("2026-03-10T12:00:00+07:00"); relative dates resolve against it in the tenant's zone.
    // Throws std::invalid_argument when `received_at` cannot be read.
    Reading read(std::string_view text, std::string_view received_at_iso8601) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The `leadhub classify` loop: JSON lines in (id, business, text, received_at), one JSON line
// out per good input with exactly id, intent, services, urgent, name, phone, date, time,
// daypart. A bad line gets "line N: why" on `err` and is skipped. Returns 0 when every line
// was read, 1 otherwise.
int run_classify(std::istream& in, std::ostream& out, std::ostream& err,
                 const std::map<std::string, Catalog>& businesses);

}  // namespace leadhub::understand
