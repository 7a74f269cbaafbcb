// A webhook request to a source instance: authenticate and parse (the plugin), store the raw
// messages in the inbox (group-committed), then answer (invariant 1: 2xx only after the commit).
// The lead is made from the inbox row in the background (pipeline/inbox_processor.hpp).
#pragma once

#include "http/server.hpp"
#include "metrics/metrics.hpp"

#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace leadhub::app {

class Runtime;

class WebhookEndpoint {
public:
    // `runtime` must outlive the endpoint (the router, and so the HTTP server, own it).
    explicit WebhookEndpoint(Runtime& runtime) : runtime_(runtime) {}

    http::Response handle(const http::Request& request);

private:
    // The metric series of one source, looked up in the registry once: the registry renders the
    // labels and takes its mutex on every look-up, which every request of every thread would do.
    struct SourceSeries {
        metrics::Counter* received;
        metrics::Counter* duplicates;
        metrics::Counter* rejected;
        metrics::Histogram* seconds;
    };
    const SourceSeries& series(const std::string& tenant, const std::string& source);

    Runtime& runtime_;
    std::shared_mutex mutex_;
    std::unordered_map<std::string, SourceSeries> series_;  // key: tenant '/' source
};

}  // namespace leadhub::app
