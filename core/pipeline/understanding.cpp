#include "pipeline/understanding.hpp"

#include "base/time_zone.hpp"
#include "understand/understand.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>

namespace leadhub::pipeline {

namespace {

// Everything the Understander is built from, so a reload that changes any of it is noticed.
std::string catalog_fingerprint(const config::TenantConfig& tenant) {
    std::string key = tenant.id + '\n' + tenant.timezone + '\n' + tenant.country;
    for (const auto& s : tenant.services) {
        key += '\n' + s.id + '\t' + s.name;
        for (const auto& k : s.keywords) key += '\t' + k;
    }
    return key;
}

std::shared_ptr<const understand::Understander> understander_for(const config::TenantConfig& tenant) {
    struct Cached {
        std::string fingerprint;
        std::shared_ptr<const understand::Understander> understander;
    };
    static std::mutex mutex;
    static std::map<std::string, Cached> by_tenant;  // the newest catalog of each tenant
    std::string fingerprint = catalog_fingerprint(tenant);
    std::lock_guard lock(mutex);
    Cached& cached = by_tenant[tenant.id];
    if (cached.understander && cached.fingerprint == fingerprint) return cached.understander;
    understand::Catalog catalog;
    catalog.title = tenant.name;
    catalog.timezone = tenant.timezone;
    catalog.country = tenant.country;
    for (const auto& s : tenant.services) catalog.services.push_back({s.id, s.name, s.keywords});
    cached = {std::move(fingerprint), std::make_shared<const understand::Understander>(catalog)};
    return cached.understander;
}

}  // namespace

std::string local_iso8601(int64_t utc_ms, const std::string& iana_zone) {
    using namespace std::chrono;
    const base::Instant instant{milliseconds{utc_ms}};
    const std::optional<base::TimeZone> zone = base::TimeZone::find(iana_zone);
    const base::LocalTime local = zone.value_or(base::TimeZone::utc()).local(instant);
    const local_days day = floor<days>(local);
    const year_month_day date{day};
    const hh_mm_ss<seconds> clock{floor<seconds>(local - day)};
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<int>(clock.hours().count()), static_cast<int>(clock.minutes().count()),
                  static_cast<int>(clock.seconds().count()));
    if (!zone) return std::string(text) + "Z";
    const long offset = static_cast<long>(duration_cast<minutes>(zone->offset(instant)).count());
    char suffix[48];
    std::snprintf(suffix, sizeof suffix, "%c%02ld:%02ld", offset < 0 ? '-' : '+', std::labs(offset) / 60,
                  std::labs(offset) % 60);
    return std::string(text) + suffix;
}

MessageReading read_message(const config::TenantConfig& tenant, const std::string& text, int64_t received_at_ms) {
    MessageReading out;
    auto understander = understander_for(tenant);
    understand::Reading reading = understander->read(text, local_iso8601(received_at_ms, tenant.timezone));
    out.lead.intent = reading.intent;
    out.lead.services = reading.services;
    out.lead.urgent = reading.urgent;
    out.lead.date = reading.date;
    out.lead.time = reading.time;
    out.lead.daypart = reading.daypart;
    out.phone = reading.phone;
    out.name = reading.name;
    return out;
}

}  // namespace leadhub::pipeline
