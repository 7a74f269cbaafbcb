// Durations as owners write them: 250ms, 10s, 15m, 24h, 2d.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace leadhub::config {

// A whole number followed by one unit (ms, s, m, h, d), no spaces; nullopt for anything else,
// including values too large to hold in milliseconds.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

}  // namespace leadhub::config
