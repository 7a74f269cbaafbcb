#include <catch2/catch.hpp>

#include "dispatch/retry_policy.hpp"
#include "dispatch/token_bucket.hpp"

using namespace leadhub::dispatch;
using leadhub::sdk::Outcome;

TEST_CASE("backoff grows exponentially, is capped, and jitter stays within bounds") {
    std::mt19937_64 rnd(1);
    Backoff b{1000, 60000, 2.0, 0.0};
    CHECK(backoff_delay_ms(1, b, rnd) == 1000);
    CHECK(backoff_delay_ms(2, b, rnd) == 2000);
    CHECK(backoff_delay_ms(4, b, rnd) == 8000);
    CHECK(backoff_delay_ms(30, b, rnd) == 60000);
    b.jitter = 0.2;
    for (int i = 0; i < 200; ++i) {
        int64_t d = backoff_delay_ms(3, b, rnd);
        CHECK(d >= 3200);
        CHECK(d <= 4800);
    }
}

TEST_CASE("outcomes become done, retry or dead") {
    std::mt19937_64 rnd(1);
    SinkPolicy p;
    p.backoff = {1000, 60000, 2.0, 0.0};
    p.max_attempts = 5;
    p.max_age_ms = 3600000;
    CHECK(decide(Outcome::ok("7"), 1, 0, 100, p, rnd).kind == Decision::Kind::done);

    auto dead = decide(Outcome::permanent("invalid phone"), 1, 0, 100, p, rnd);
    CHECK(dead.kind == Decision::Kind::dead);
    CHECK(dead.reason == "invalid phone");

    auto retry = decide(Outcome::retry("HTTP 503"), 2, 0, 100, p, rnd);
    CHECK(retry.kind == Decision::Kind::retry);
    CHECK(retry.next_attempt_at_ms == 100 + 2000);

    SECTION("Retry-After longer than the backoff wins") {
        auto r = decide(Outcome::retry("429", 30000), 1, 0, 100, p, rnd);
        CHECK(r.next_attempt_at_ms == 100 + 30000);
    }
    SECTION("Retry-After shorter than the backoff does not shorten it") {
        auto r = decide(Outcome::retry("429", 10), 3, 0, 100, p, rnd);
        CHECK(r.next_attempt_at_ms == 100 + 4000);
    }
    SECTION("attempt and age limits make dead letters with the last reason") {
        auto by_attempts = decide(Outcome::retry("HTTP 503"), 5, 0, 100, p, rnd);
        CHECK(by_attempts.kind == Decision::Kind::dead);
        CHECK(by_attempts.reason == "gave up after 5 attempts: HTTP 503");
        auto by_age = decide(Outcome::retry("timeout"), 2, 3600000, 100, p, rnd);
        CHECK(by_age.kind == Decision::Kind::dead);
        CHECK(by_age.reason == "gave up after 1h: timeout");
    }
}

TEST_CASE("token bucket allows a burst then the rate") {
    TokenBucket bucket(2, 3, 0);
    CHECK(bucket.try_take(0));
    CHECK(bucket.try_take(0));
    CHECK(bucket.try_take(0));
    CHECK_FALSE(bucket.try_take(0));
    CHECK(bucket.wait_ms(0) == 501);
    CHECK_FALSE(bucket.try_take(400));
    CHECK(bucket.try_take(500));
    CHECK_FALSE(bucket.try_take(500));
    CHECK(bucket.try_take(10000));  // refills up to the burst, not beyond
    CHECK(bucket.try_take(10000));
    CHECK(bucket.try_take(10000));
    CHECK_FALSE(bucket.try_take(10000));
}
