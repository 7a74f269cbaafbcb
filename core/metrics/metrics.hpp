// Process-wide counters, gauges and latency histograms, rendered as Prometheus text for /metrics.
//
// Names and labels are fixed by the caller ("leadhub_received_total", {{"tenant","t1"},{"source","site"}}).
// Updates are lock-free after a series exists; creating a series takes a mutex once.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace leadhub::metrics {

using Labels = std::vector<std::pair<std::string, std::string>>;

class Counter {
public:
    void add(double v = 1) {
        double cur = value_.load(std::memory_order_relaxed);
        while (!value_.compare_exchange_weak(cur, cur + v, std::memory_order_relaxed)) {
        }
    }
    double value() const { return value_.load(std::memory_order_relaxed); }

private:
    std::atomic<double> value_{0};
};

// Buckets in seconds; the +Inf bucket is implicit.
class Histogram {
public:
    explicit Histogram(std::vector<double> bounds);
    void observe(double seconds);
    std::vector<uint64_t> cumulative() const;
    const std::vector<double>& bounds() const { return bounds_; }
    double sum() const { return sum_.value(); }
    uint64_t count() const { return count_.load(std::memory_order_relaxed); }

private:
    std::vector<double> bounds_;
    std::unique_ptr<std::atomic<uint64_t>[]> buckets_;
    std::atomic<uint64_t> count_{0};
    Counter sum_;
};

class Registry {
public:
    Counter& counter(const std::string& name, const Labels& labels = {}, const std::string& help = {});
    Histogram& histogram(const std::string& name, const Labels& labels = {}, const std::string& help = {});
    // A gauge read at render time (queue depth, reload count).
    void gauge(const std::string& name, const std::string& help,
               std::function<std::vector<std::pair<Labels, double>>()> read);

    std::string render_prometheus() const;

    static const std::vector<double>& latency_buckets();  // 0.5 ms .. 10 s

private:
    struct Family {
        std::string type, help;
        std::map<std::string, std::unique_ptr<Counter>> counters;  // key: rendered labels
        std::map<std::string, std::unique_ptr<Histogram>> histograms;
        std::function<std::vector<std::pair<Labels, double>>()> gauge;
    };
    Family& family(const std::string& name, const std::string& type, const std::string& help);

    mutable std::mutex mutex_;
    std::map<std::string, Family> families_;
};

std::string render_labels(const Labels& labels, const std::string& extra_key = {}, const std::string& extra_value = {});

}  // namespace leadhub::metrics
