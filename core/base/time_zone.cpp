#include "base/time_zone.hpp"

#include <date/tz.h>

#include <exception>

namespace leadhub::base {

namespace {

// /usr/share/zoneinfo/localtime links to /etc/localtime, the machine's own zone.
constexpr std::string_view kMachineZone = "localtime";

}  // namespace

std::optional<TimeZone> TimeZone::find(std::string_view iana_name) {
    if (iana_name == kMachineZone) return std::nullopt;
    try {
        const date::time_zone* zone = date::locate_zone(iana_name);
        // The library reads a zone's file on first use: read it now, so that a file it cannot
        // read is refused here, once, and no later conversion can throw.
        zone->get_info(date::sys_seconds{});
        return TimeZone(zone);
    } catch (const std::exception&) {
        return std::nullopt;  // not in the database, a file that is no zone, or no database at all
    }
}

std::string TimeZone::name() const { return zone_ ? zone_->name() : "UTC"; }

LocalTime TimeZone::local(Instant instant) const {
    if (!zone_) return LocalTime{instant.time_since_epoch()};
    return LocalTime{zone_->to_local(instant).time_since_epoch()};
}

std::chrono::seconds TimeZone::offset(Instant instant) const {
    return zone_ ? zone_->get_info(instant).offset : std::chrono::seconds{0};
}

Instant TimeZone::instant(LocalTime local) const {
    if (!zone_) return Instant{local.time_since_epoch()};
    const date::local_info info = zone_->get_info(date::local_time<std::chrono::milliseconds>{local.time_since_epoch()});
    // `first` is the offset in force before the local time: the only one when the time is
    // unique; before the gap when the clocks skip it (so it moves on by the gap); the earlier
    // of the two when the clocks show it twice. See the header for why that rule.
    return Instant{local.time_since_epoch() - info.first.offset};
}

const std::vector<std::string>& zone_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        try {
            for (const auto& zone : date::get_tzdb().zones)  // sorted by name
                if (zone.name() != kMachineZone) out.push_back(zone.name());
        } catch (const std::exception&) {
            // No database on this system: there is nothing to suggest.
        }
        return out;
    }();
    return names;
}

}  // namespace leadhub::base
