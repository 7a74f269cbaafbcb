// The SLA timers of a new lead: the breach at the tier's target and one per ladder step, due in
// working time; none for a tier without a target or with the SLA off.
#include "sla/sla_timers.hpp"
#include "sla/staff_alerts.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace std::chrono_literals;

namespace {

// Working time that stops overnight: only [0, 1000) of every 2000 ms counts.
std::optional<int64_t> half_open(int64_t start, int64_t working) {
    int64_t at = start;
    while (working > 0) {
        int64_t in_period = at % 2000;
        if (in_period >= 1000) {
            at += 2000 - in_period;
            continue;
        }
        int64_t step = std::min(working, 1000 - in_period);
        at += step;
        working -= step;
    }
    return at;
}

config::SlaConfig ladder() {
    config::SlaConfig sla = config::default_sla();
    config::SlaStep senior;
    senior.action = config::SlaStep::Action::notify;
    senior.after = 1500ms;
    senior.to = {"senior"};
    sla.hot.target = 1000ms;
    sla.hot.ladder.push_back(senior);
    return sla;
}

}  // namespace

TEST_CASE("a hot lead gets its breach and a timer per step, due after their working time") {
    auto timers = sla::sla_timers(ladder(), "hot", 500, half_open);
    REQUIRE(timers.size() == 3);
    CHECK(timers[0].purpose == "sla:breach");
    CHECK(timers[0].due_at_ms == 2500);  // 500 ms before the pause, 500 after it
    CHECK(timers[0].payload == sla::Json{{"tier", "hot"}, {"step", 0}, {"after_ms", 1000}});
    CHECK(timers[1].purpose == "sla:1");  // the default: remind at 100 %
    CHECK(timers[1].due_at_ms == 2500);
    CHECK(timers[2].purpose == "sla:2");
    CHECK(timers[2].due_at_ms == 3000);  // 500 before the pause, 1000 after it
    CHECK(timers[2].payload["after_ms"] == 1500);
}

TEST_CASE("no timers for a cold lead, an unscored one, with the SLA off, or when the business never opens") {
    config::SlaConfig sla = ladder();
    CHECK(sla::sla_timers(sla, "cold", 0, half_open).empty());
    CHECK(sla::sla_timers(sla, "", 0, half_open).empty());
    CHECK(sla::sla_timers(sla, "hot", 0, [](int64_t, int64_t) { return std::optional<int64_t>(); }).empty());
    sla.enabled = false;
    CHECK(sla::sla_timers(sla, "hot", 0, half_open).empty());
}

TEST_CASE("spans are said in Russian with the right plural") {
    CHECK(sla::spoken_duration(30'000) == "меньше минуты");
    CHECK(sla::spoken_duration(60'000) == "1 минуту");
    CHECK(sla::spoken_duration(3 * 60'000) == "3 минуты");
    CHECK(sla::spoken_duration(15 * 60'000) == "15 минут");
    CHECK(sla::spoken_duration(21 * 60'000) == "21 минуту");
    CHECK(sla::spoken_duration(11 * 60'000) == "11 минут");
    CHECK(sla::spoken_duration(60 * 60'000) == "1 час");
    CHECK(sla::spoken_duration(90 * 60'000) == "1 час 30 минут");
    CHECK(sla::spoken_duration(5 * 3'600'000) == "5 часов");
    CHECK(sla::spoken_duration(26 * 3'600'000 + 60'000) == "1 день 2 часа");
}
