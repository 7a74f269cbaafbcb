// The HTTP router: which handler answers each path of the hub:
//   /hooks/<tenant>/<source>/...   webhooks, answered only after their messages are committed
//   /healthz  /readyz  /metrics     liveness, readiness, Prometheus text
//   /api/...                        the admin API (Bearer token): leads, dead letters, replay
#pragma once

#include "http/server.hpp"

namespace leadhub::app {

class Runtime;

// Runs on the HTTP server's worker threads; webhooks answer from the store's commit callback.
http::AsyncHandler make_http_router(Runtime& runtime);

}  // namespace leadhub::app
