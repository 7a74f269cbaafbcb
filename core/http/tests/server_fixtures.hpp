// What the HTTP server's tests share: the raw-socket client, options on a free port and a
// handler that echoes the request.
#pragma once

#include "http/server.hpp"
#include "support/raw_client.hpp"

namespace leadhub::http::test {

using leadhub::testing::post;
using leadhub::testing::Raw;

inline ServerOptions test_options() {
    ServerOptions o;
    o.port = 0;
    return o;
}

inline Handler echo = [](const Request& r) {
    return Response::text(200, r.method + " " + r.path + " ?" + r.query + " h=" + r.header("x-test") + " " + r.body);
};
}  // namespace leadhub::http::test
