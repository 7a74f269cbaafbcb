#include "metrics/metrics.hpp"

#include <cmath>
#include <sstream>

namespace leadhub::metrics {

namespace {
std::string escape_label(const std::string& v) {
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

std::string number(double v) {
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    std::ostringstream s;
    s.precision(10);
    s << v;
    return s.str();
}
}  // namespace

std::string render_labels(const Labels& labels, const std::string& extra_key, const std::string& extra_value) {
    if (labels.empty() && extra_key.empty()) return {};
    std::string out = "{";
    bool first = true;
    for (const auto& [k, v] : labels) {
        out += (first ? "" : ",") + k + "=\"" + escape_label(v) + "\"";
        first = false;
    }
    if (!extra_key.empty()) out += (first ? "" : ",") + extra_key + "=\"" + escape_label(extra_value) + "\"";
    return out + "}";
}

Histogram::Histogram(std::vector<double> bounds)
    : bounds_(std::move(bounds)), buckets_(new std::atomic<uint64_t>[bounds_.size()]) {
    for (std::size_t i = 0; i < bounds_.size(); ++i) buckets_[i] = 0;
}

void Histogram::observe(double seconds) {
    for (std::size_t i = 0; i < bounds_.size(); ++i) {
        if (seconds <= bounds_[i]) {
            buckets_[i].fetch_add(1, std::memory_order_relaxed);
            break;
        }
    }
    count_.fetch_add(1, std::memory_order_relaxed);
    sum_.add(seconds);
}

std::vector<uint64_t> Histogram::cumulative() const {
    std::vector<uint64_t> out(bounds_.size());
    uint64_t running = 0;
    for (std::size_t i = 0; i < bounds_.size(); ++i) {
        running += buckets_[i].load(std::memory_order_relaxed);
        out[i] = running;
    }
    return out;
}

const std::vector<double>& Registry::latency_buckets() {
    static const std::vector<double> b = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    return b;
}

Registry::Family& Registry::family(const std::string& name, const std::string& type, const std::string& help) {
    auto& f = families_[name];
    if (f.type.empty()) f.type = type;
    if (f.help.empty()) f.help = help;
    return f;
}

Counter& Registry::counter(const std::string& name, const Labels& labels, const std::string& help) {
    std::lock_guard lock(mutex_);
    auto& slot = family(name, "counter", help).counters[render_labels(labels)];
    if (!slot) slot = std::make_unique<Counter>();
    return *slot;
}

Histogram& Registry::histogram(const std::string& name, const Labels& labels, const std::string& help) {
    std::lock_guard lock(mutex_);
    auto& slot = family(name, "histogram", help).histograms[render_labels(labels)];
    if (!slot) slot = std::make_unique<Histogram>(latency_buckets());
    return *slot;
}

void Registry::gauge(const std::string& name, const std::string& help,
                     std::function<std::vector<std::pair<Labels, double>>()> read) {
    std::lock_guard lock(mutex_);
    family(name, "gauge", help).gauge = std::move(read);
}

std::string Registry::render_prometheus() const {
    std::lock_guard lock(mutex_);
    std::string out;
    for (const auto& [name, f] : families_) {
        if (!f.help.empty()) out += "# HELP " + name + " " + f.help + "\n";
        out += "# TYPE " + name + " " + f.type + "\n";
        for (const auto& [labels, c] : f.counters) out += name + labels + " " + number(c->value()) + "\n";
        for (const auto& [labels, h] : f.histograms) {
            // Re-insert "le" into the rendered label set.
            std::string inner = labels.empty() ? "" : labels.substr(1, labels.size() - 2);
            auto with_le = [&](const std::string& le) {
                return "{" + inner + (inner.empty() ? "" : ",") + "le=\"" + le + "\"}";
            };
            auto cumulative = h->cumulative();
            for (std::size_t i = 0; i < cumulative.size(); ++i)
                out += name + "_bucket" + with_le(number(h->bounds()[i])) + " " + std::to_string(cumulative[i]) + "\n";
            out += name + "_bucket" + with_le("+Inf") + " " + std::to_string(h->count()) + "\n";
            out += name + "_sum" + labels + " " + number(h->sum()) + "\n";
            out += name + "_count" + labels + " " + std::to_string(h->count()) + "\n";
        }
        if (f.gauge)
            for (const auto& [labels, value] : f.gauge()) out += name + render_labels(labels) + " " + number(value) + "\n";
    }
    return out;
}

}  // namespace leadhub::metrics
