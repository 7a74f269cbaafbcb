// A webhook request to a source instance: authenticate and parse (the plugin, on an HTTP worker
// thread), store the raw messages in the inbox (group-committed), then answer (invariant 1: 2xx
// only after the commit). The worker does not wait for the commit: the store's writer calls back
// once the group is committed, and the callback answers through the request's Reply.
// The lead is made from the inbox row in the background (pipeline/inbox_processor.hpp).
#pragma once

#include "http/server.hpp"
#include "metrics/metrics.hpp"

#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace leadhub::app {

class Runtime;

class WebhookEndpoint : public std::enable_shared_from_this<WebhookEndpoint> {
public:
    // `runtime` must outlive the endpoint (the router, and so the HTTP server, own it; the server
    // stops only once every Reply, those held by commit callbacks too, is gone). Make it with
    // std::make_shared: a pending commit holds the endpoint.
    explicit WebhookEndpoint(Runtime& runtime) : runtime_(runtime) {}

    void handle(http::Request&& request, http::Reply reply);

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
