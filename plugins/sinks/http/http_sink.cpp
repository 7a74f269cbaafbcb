#include "http_sink.hpp"

#include "http_api.hpp"

namespace leadhub::http_sink {

HttpSink::HttpSink(const sdk::Context& ctx) : Sink(ctx), options_(read_http_sink_options(ctx.options)) {}

sdk::Outcome HttpSink::deliver(const sdk::Delivery& delivery) {
    sdk::HttpResponse response = host().http(build_request(options_, delivery));
    sdk::Outcome outcome = classify_response(response, host().now_ms());
    // Logged without the headers: they may carry credentials.
    const std::string job = "http " + name() + ": job " + std::to_string(delivery.job_id) + " attempt " +
                            std::to_string(delivery.attempt) + " -> ";
    switch (outcome.kind) {
        case sdk::Outcome::Kind::ok:
            host().debug(job + "HTTP " + std::to_string(response.status));
            host().metric("http_sink_ok");
            break;
        case sdk::Outcome::Kind::retry:
            host().warn(job + "will retry: " + outcome.reason);
            host().metric("http_sink_retry");
            break;
        case sdk::Outcome::Kind::permanent:
            host().error(job + "failed: " + outcome.reason);
            host().metric("http_sink_permanent");
            break;
    }
    return outcome;
}

}  // namespace leadhub::http_sink
