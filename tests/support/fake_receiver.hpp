// A fake HTTP endpoint for sinks to deliver to, on 127.0.0.1, with scripted failures.
// It records every request it accepted (2xx) with its idempotency key and JSON body.
#pragma once

#include <leadhub/sdk/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace leadhub::testing {

struct ReceivedCall {
    std::string idempotency_key;
    nlohmann::json body;
};

// What to answer to the n-th request (1-based): status, extra headers, and a delay before it.
struct ScriptedAnswer {
    int status = 200;
    std::map<std::string, std::string> headers;
    int delay_ms = 0;
};

// The body of the answer to the n-th request; nullopt: {"id": "r<n>"} (2xx) or {"error": "scripted"}.
using ScriptedBody = std::function<std::optional<std::string>(int n)>;

class FakeReceiver {
public:
    explicit FakeReceiver(std::function<ScriptedAnswer(int n)> script, ScriptedBody body = {});
    ~FakeReceiver();
    int port() const;
    std::vector<ReceivedCall> accepted() const;
    int requests() const;
    // From now on the body of every answer that is not 2xx quotes these request headers,
    // {"error": "invalid request", "echo": {name: value}}, as APIs that echo a bad request back
    // do (credentials included).
    void echo_headers(std::vector<std::string> names);

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace leadhub::testing
