#include "pipeline/scoring.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace leadhub::pipeline;

namespace {

store::LeadReading reading(std::string intent, bool dated = false, bool urgent = false) {
    store::LeadReading r;
    r.intent = std::move(intent);
    if (dated) r.date = "2026-03-14";
    r.urgent = urgent;
    return r;
}

}  // namespace

TEST_CASE("default scoring: hot for a dated booking or urgency, warm for a booking or a question") {
    const auto scoring = config::default_scoring();
    CHECK(score_of(scoring, reading("book", true)) == "hot");
    CHECK(score_of(scoring, reading("reschedule", true)) == "hot");
    CHECK(score_of(scoring, reading("complaint", false, true)) == "hot");
    CHECK(score_of(scoring, reading("book")) == "warm");
    CHECK(score_of(scoring, reading("question", true)) == "warm");
    CHECK(score_of(scoring, reading("reschedule")) == "cold");
    CHECK(score_of(scoring, reading("cancel", true)) == "cold");
    CHECK(score_of(scoring, reading("other")) == "cold");
}

TEST_CASE("points map scores to numbers for route conditions") {
    auto scoring = config::default_scoring();
    CHECK(points_of(scoring, "hot") == 90);
    CHECK(points_of(scoring, "warm") == 60);
    CHECK(points_of(scoring, "cold") == 20);
    scoring.warm_points = 70;
    CHECK(points_of(scoring, "warm") == 70);
}

TEST_CASE("a tenant's rules replace the defaults: services, times and urgency must all hold") {
    config::ScoringConfig scoring;
    config::ScoringRule implant;
    implant.services = {"implant"};
    implant.has_time = true;
    scoring.hot = {implant};
    config::ScoringRule calm;
    calm.urgent = false;
    scoring.warm = {calm};
    store::LeadReading r = reading("question");
    r.services = {"hygiene", "implant"};
    CHECK(score_of(scoring, r) == "warm");  // no time given
    r.time = "10:00";
    CHECK(score_of(scoring, r) == "hot");
    r.services = {"hygiene"};
    r.urgent = true;
    CHECK(score_of(scoring, r) == "cold");
}
