// The http sink: each delivery becomes one JSON request to the configured URL, and the answer
// becomes ok / retry / permanent. The hub's dispatcher owns retries and rate limits.
#pragma once

#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace leadhub::http_sink {

class HttpSink final : public sdk::Sink {
public:
    // Throws std::invalid_argument on options that validate but make no sense (see options.hpp).
    explicit HttpSink(const sdk::Context& ctx);

    sdk::Outcome deliver(const sdk::Delivery& delivery) override;

private:
    HttpSinkOptions options_;
};

}  // namespace leadhub::http_sink
