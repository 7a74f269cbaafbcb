// A scripted fake of a messaging platform's API (Telegram Bot API, Graph API, VK API) on
// 127.0.0.1, for tests that run the real binary with a channel's `api_url` pointing at it.
// Unlike FakeReceiver it keeps every call whole (method, path, query, raw body) whatever its
// content type, and a test-supplied function decides each answer from the call itself, so a
// fake can behave like the platform (getUpdates answering from the offset it is given).
#pragma once

#include <leadhub/sdk/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace leadhub::testing {

struct PlatformCall {
    std::string method;
    std::string path;   // without the query
    std::string query;  // raw, without '?'
    std::string content_type;
    std::string authorization;  // the Authorization header, as sent
    std::string body;

    // The body as JSON (discarded when it is not JSON).
    nlohmann::json json() const;
    // The body as an application/x-www-form-urlencoded form, decoded.
    std::map<std::string, std::string> form() const;
};

struct PlatformAnswer {
    int status = 200;
    std::string body = "{}";
    std::string content_type = "application/json";
    std::map<std::string, std::string> headers = {};  // e.g. Retry-After
    // A dropped connection: the headers promise the body, none of it is sent, the socket closes.
    bool drop = false;
};

class FakePlatform {
public:
    using Handler = std::function<PlatformAnswer(const PlatformCall&)>;
    explicit FakePlatform(Handler handler);
    ~FakePlatform();
    FakePlatform(const FakePlatform&) = delete;
    FakePlatform& operator=(const FakePlatform&) = delete;

    int port() const;
    std::string url() const;  // "http://127.0.0.1:<port>"
    // Every call received so far, in order; those whose path ends with `suffix`.
    std::vector<PlatformCall> calls() const;
    std::vector<PlatformCall> calls_to(const std::string& suffix) const;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

// `application/x-www-form-urlencoded` decoding of one value ('+' is a space).
std::string form_decode(const std::string& text);

}  // namespace leadhub::testing
