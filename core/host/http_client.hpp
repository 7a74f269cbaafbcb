// The hub's outbound HTTP(S) client, behind host->http_request for plugins.
#pragma once

#include <leadhub/sdk/types.hpp>

namespace leadhub::host {

// Performs `request` (request.target is the full http:// or https:// URL) and returns the response
// in full: status, every header (repeated ones joined with ", ") and the body. request.timeout_ms
// bounds the whole exchange (connect, send and receive together); 0 means the default of 10 s. Redirects are not followed: a 3xx
// comes back as it is. HTTPS verifies the server against the system CA store.
//
// Never throws. A failure before a response is status 0 with a precise `error`:
// "timeout after 2000 ms", "connection refused by 127.0.0.1:9", "host not found: ...",
// "invalid URL 'ftp://x': ...", "TLS error: ...".
sdk::HttpResponse http_perform(const sdk::HttpRequest& request);

}  // namespace leadhub::host
