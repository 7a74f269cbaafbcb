// The http sink's options: declared once here (manifest, validation, help, README table), read
// into a typed struct once per instance.
#pragma once

#include <leadhub/sdk/options.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace leadhub::http_sink {

struct HttpSinkOptions {
    std::string url;
    std::string method = "POST";
    std::map<std::string, std::string> headers;  // may hold credentials: never logged
    uint32_t timeout_ms = 10000;
    std::string idempotency_header = "Idempotency-Key";  // "" = do not send the key
};

std::vector<sdk::OptionSpec> http_sink_option_specs();

// Reads validated options (defaults filled in). Throws std::invalid_argument, naming the option,
// for values the schema cannot catch: a url that is not http(s), a header name that is not a
// token, a line break in a header (it would let a value add headers of its own).
HttpSinkOptions read_http_sink_options(const sdk::Options& options);

}  // namespace leadhub::http_sink
