// hot / warm / cold from the tenant's scoring rules, and the number routes compare with
// `min_score`: hot 90, warm 60, cold 20 unless the tenant's scoring.points say otherwise.
#pragma once

#include "config/config.hpp"
#include "store/store.hpp"

#include <string>

namespace leadhub::pipeline {

// "hot" when any hot rule holds, else "warm" when any warm rule holds, else "cold".
std::string score_of(const config::ScoringConfig& scoring, const store::LeadReading& reading);
int points_of(const config::ScoringConfig& scoring, const std::string& score);

}  // namespace leadhub::pipeline
