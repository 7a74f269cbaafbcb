// "Did you mean ...?" for unknown names in configs and options.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace leadhub::sdk {

// Edit distance (insertions, deletions, substitutions, adjacent transpositions) over bytes.
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        for (std::size_t j = 1; j <= m; ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[n][m];
}

// The closest candidate, or "" when none is close enough to be a plausible typo.
inline std::string nearest_name(std::string_view name, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = std::string::npos;
    for (const auto& candidate : candidates) {
        std::size_t distance = edit_distance(name, candidate);
        if (distance < best_distance) {
            best_distance = distance;
            best = candidate;
        }
    }
    std::size_t limit = std::max<std::size_t>(2, name.size() / 3);
    return best_distance <= limit ? best : std::string();
}

// " (did you mean 'x'?)" or "".
inline std::string suggestion_suffix(std::string_view name, const std::vector<std::string>& candidates) {
    std::string best = nearest_name(name, candidates);
    return best.empty() ? std::string() : " (did you mean '" + best + "'?)";
}

}  // namespace leadhub::sdk
