#include "pipeline/understanding.hpp"

#include "understand/calendar.hpp"
#include "understand/understand.hpp"

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
    auto offset = understand::fixed_utc_offset(iana_zone);
    int64_t minutes = (utc_ms >= 0 ? utc_ms : utc_ms - 59'999) / 60'000 + offset.value_or(0);
    int64_t seconds = ((utc_ms % 60'000) + 60'000) % 60'000 / 1000;
    int64_t day = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440;
    auto date = understand::Date::from_days(static_cast<long>(day));
    int minute_of_day = static_cast<int>(minutes - day * 1440);
    char text[64];
    if (!offset)
        std::snprintf(text, sizeof text, "%sT%02d:%02d:%02dZ", date.iso().c_str(), minute_of_day / 60,
                      minute_of_day % 60, static_cast<int>(seconds));
    else
        std::snprintf(text, sizeof text, "%sT%02d:%02d:%02d%c%02d:%02d", date.iso().c_str(), minute_of_day / 60,
                      minute_of_day % 60, static_cast<int>(seconds), *offset < 0 ? '-' : '+', std::abs(*offset) / 60,
                      std::abs(*offset) % 60);
    return text;
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
