// A token bucket per sink: `rate` tokens per second, at most `burst` saved up.
#pragma once

#include <algorithm>
#include <cstdint>

namespace leadhub::dispatch {

class TokenBucket {
public:
    TokenBucket(double rate_per_second, double burst, int64_t now_ms)
        : rate_(rate_per_second), burst_(std::max(1.0, burst)), tokens_(burst_), last_ms_(now_ms) {}

    void configure(double rate_per_second, double burst) {
        rate_ = rate_per_second;
        burst_ = std::max(1.0, burst);
        tokens_ = std::min(tokens_, burst_);
    }

    bool try_take(int64_t now_ms) {
        refill(now_ms);
        if (tokens_ < 1.0) return false;
        tokens_ -= 1.0;
        return true;
    }

    // Milliseconds until one token is available (0 if one is now).
    int64_t wait_ms(int64_t now_ms) {
        refill(now_ms);
        if (tokens_ >= 1.0 || rate_ <= 0) return tokens_ >= 1.0 ? 0 : 1000;
        return static_cast<int64_t>((1.0 - tokens_) * 1000.0 / rate_) + 1;
    }

private:
    void refill(int64_t now_ms) {
        if (now_ms > last_ms_) {
            tokens_ = std::min(burst_, tokens_ + (now_ms - last_ms_) * rate_ / 1000.0);
            last_ms_ = now_ms;
        }
    }

    double rate_, burst_, tokens_;
    int64_t last_ms_;
};

}  // namespace leadhub::dispatch
