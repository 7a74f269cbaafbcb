// The http sink's options: declared once here, each bound to its field of HttpSinkOptions (the
// manifest, validation, help, README table and the typed read all come from that declaration).
#pragma once

#include <leadhub/sdk/options.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace leadhub::http_sink {

// No defaults here: they are the declarations' (http_sink_options().defaults() has them).
struct HttpSinkOptions {
    std::string url;
    std::string method;
    std::map<std::string, std::string> headers;  // may hold credentials: never logged
    uint32_t timeout_ms = 0;
    std::string idempotency_header;  // "" = do not send the key
    std::string body_format;         // json or form
    std::map<std::string, std::string> body_template;  // field -> text template; empty: the whole delivery
};

const sdk::OptionSet<HttpSinkOptions>& http_sink_options();

// Reads validated options (defaults filled in). Throws std::invalid_argument, naming the option,
// for values the schema cannot catch: a url that is not http(s), a header name that is not a
// token, a line break in a header (it would let a value add headers of its own).
HttpSinkOptions read_http_sink_options(const sdk::Options& options);

}  // namespace leadhub::http_sink
