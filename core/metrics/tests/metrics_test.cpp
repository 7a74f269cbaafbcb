#include <catch2/catch.hpp>

#include "metrics/metrics.hpp"

#include <thread>

using leadhub::metrics::Registry;

TEST_CASE("counters render with escaped labels and add up across threads") {
    Registry r;
    auto& c = r.counter("leadhub_received_total", {{"tenant", "t\"1"}, {"source", "site"}}, "Messages received");
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&] {
            for (int j = 0; j < 1000; ++j) c.add();
        });
    for (auto& t : threads) t.join();
    std::string text = r.render_prometheus();
    CHECK_THAT(text, Catch::Contains("# TYPE leadhub_received_total counter"));
    CHECK_THAT(text, Catch::Contains("leadhub_received_total{tenant=\"t\\\"1\",source=\"site\"} 4000"));
}

TEST_CASE("histograms are cumulative with +Inf, sum and count") {
    Registry r;
    auto& h = r.histogram("leadhub_delivery_seconds", {{"sink", "crm"}});
    h.observe(0.0004);
    h.observe(0.003);
    h.observe(20);
    std::string text = r.render_prometheus();
    CHECK_THAT(text, Catch::Contains("leadhub_delivery_seconds_bucket{sink=\"crm\",le=\"0.0005\"} 1"));
    CHECK_THAT(text, Catch::Contains("leadhub_delivery_seconds_bucket{sink=\"crm\",le=\"0.005\"} 2"));
    CHECK_THAT(text, Catch::Contains("leadhub_delivery_seconds_bucket{sink=\"crm\",le=\"10\"} 2"));
    CHECK_THAT(text, Catch::Contains("leadhub_delivery_seconds_bucket{sink=\"crm\",le=\"+Inf\"} 3"));
    CHECK_THAT(text, Catch::Contains("leadhub_delivery_seconds_count{sink=\"crm\"} 3"));
}

TEST_CASE("gauges are read at render time") {
    Registry r;
    int depth = 3;
    r.gauge("leadhub_queue_depth", "Pending jobs", [&] {
        return std::vector<std::pair<leadhub::metrics::Labels, double>>{{{{"sink", "crm"}}, double(depth)}};
    });
    CHECK_THAT(r.render_prometheus(), Catch::Contains("leadhub_queue_depth{sink=\"crm\"} 3"));
    depth = 5;
    CHECK_THAT(r.render_prometheus(), Catch::Contains("leadhub_queue_depth{sink=\"crm\"} 5"));
}
