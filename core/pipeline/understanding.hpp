// Reading each new message with the built-in Understander, on the tenant's catalog (services
// and keywords from the config) and in the tenant's time zone.
#pragma once

#include "config/config.hpp"
#include "store/store.hpp"

#include <optional>
#include <string>

namespace leadhub::pipeline {

struct MessageReading {
    store::LeadReading lead;  // intent, services, urgent, date, time, daypart (score is set later)
    std::optional<std::string> phone, name;  // found in the text (phone in E.164)
};

// Reads `text` as received at `received_at_ms` (UTC). An Understander is built once per tenant
// catalog and kept (building one stems every keyword; reading is ~20 µs); a changed catalog
// after a reload gets a new one. Safe to call from several threads.
MessageReading read_message(const config::TenantConfig& tenant, const std::string& text, int64_t received_at_ms);

// "2026-03-09T12:00:00+07:00": the instant on the clocks of the tenant's zone, with the offset
// the zone has at that instant (base::TimeZone; "+02:00" in Berlin's summer, "+01:00" in its
// winter), as the Understander takes it. "Z" (UTC) for a zone the system does not know.
std::string local_iso8601(int64_t utc_ms, const std::string& iana_zone);

}  // namespace leadhub::pipeline
