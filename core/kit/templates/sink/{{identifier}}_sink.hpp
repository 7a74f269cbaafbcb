// The {{name}} sink: each delivery becomes one JSON POST to the configured url, and the answer
// becomes ok / retry / permanent. The hub's dispatcher owns retries, backoff and dead letters.
#pragma once

#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace {{identifier}}_plugin {

// The request body for one delivery: the idempotency key and the lead's fields.
leadhub::sdk::Json request_body(const leadhub::sdk::Delivery& delivery);

// The endpoint's answer, classified: 2xx ok (external id from the JSON "id"); no answer, 408,
// 425, 429 and 5xx retry (honouring Retry-After in seconds); anything else permanent.
leadhub::sdk::Outcome classify_answer(const leadhub::sdk::HttpResponse& response);

class {{class}}Sink final : public leadhub::sdk::Sink {
public:
    // Throws std::invalid_argument on options that validate but make no sense (see options.hpp).
    explicit {{class}}Sink(const leadhub::sdk::Context& ctx);

    leadhub::sdk::Outcome deliver(const leadhub::sdk::Delivery& delivery) override;

private:
    Options options_;
};

}  // namespace {{identifier}}_plugin
