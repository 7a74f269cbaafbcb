#include "config/duration.hpp"

#include <charconv>
#include <cstdint>
#include <limits>

namespace leadhub::config {

namespace {
// Milliseconds per unit; nullopt for an unknown unit.
std::optional<std::int64_t> unit_ms(std::string_view unit) {
    if (unit == "ms") return 1;
    if (unit == "s") return 1000;
    if (unit == "m") return 60'000;
    if (unit == "h") return 3'600'000;
    if (unit == "d") return 86'400'000;
    return std::nullopt;
}
}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    if (digits == 0 || digits == text.size()) return std::nullopt;
    std::int64_t amount = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + digits, amount);
    if (ec != std::errc() || end != text.data() + digits) return std::nullopt;
    auto multiplier = unit_ms(text.substr(digits));
    if (!multiplier) return std::nullopt;
    if (amount > std::numeric_limits<std::int64_t>::max() / *multiplier) return std::nullopt;
    return std::chrono::milliseconds(amount * *multiplier);
}

}  // namespace leadhub::config
