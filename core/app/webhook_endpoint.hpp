// A webhook request to a source instance: authenticate and parse (the plugin), store the raw
// messages in the inbox (group-committed), then answer (invariant 1: 2xx only after the commit).
// The lead is made from the inbox row in the background (pipeline/inbox_processor.hpp).
#pragma once

#include "http/server.hpp"

namespace leadhub::app {

class Runtime;

http::Response handle_webhook(Runtime& runtime, const http::Request& request);

}  // namespace leadhub::app
