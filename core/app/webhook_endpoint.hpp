// A webhook request to a source instance: authenticate and parse (the plugin), store (the
// pipeline, group-committed), then answer (invariant 1: 2xx only after the commit).
#pragma once

#include "http/server.hpp"

namespace leadhub::app {

class Runtime;

http::Response handle_webhook(Runtime& runtime, const http::Request& request);

}  // namespace leadhub::app
