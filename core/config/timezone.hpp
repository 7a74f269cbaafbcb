// IANA time zone names, checked against the system's zoneinfo database (g++ 12 has no
// std::chrono::locate_zone).
#pragma once

#include <string>

namespace leadhub::config {

// True when `name` (e.g. "Asia/Krasnoyarsk") is a zone in $TZDIR or /usr/share/zoneinfo.
bool timezone_exists(const std::string& name);

}  // namespace leadhub::config
