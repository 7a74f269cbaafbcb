// The Bots Long Poll API's payloads, without I/O: the session groups.getLongPollServer gives, the
// a_check request, and its answers: updates with the next ts, or failed 1/2/3.
#pragma once

#include <leadhub/sdk/types.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace leadhub::vk {

struct LongPollSession {
    std::string server;  // full URL, e.g. https://lp.vk.com/whp/218000123
    std::string key;
    std::string ts;      // the session's current event number
};

// groups.getLongPollServer's "response" member; nullopt when it lacks server or key.
std::optional<LongPollSession> read_longpoll_session(const sdk::Json& response);

// GET {server}?act=a_check&key=…&ts=…&wait=…, with a timeout beyond `wait` so the client does not
// give up before VK answers an empty poll.
sdk::HttpRequest a_check_request(const LongPollSession& session, const std::string& ts, int64_t wait_s);

struct CheckAnswer {
    enum class Kind {
        updates,       // `updates` and the next `ts`
        ts_outdated,   // failed 1: continue from `ts` (events in between may be lost)
        key_expired,   // failed 2: new key, keep our ts
        info_lost,     // failed 3 (or an undocumented failed value): new key and ts
        bad            // no answer, HTTP error, not VK's shape: `error` says which
    } kind = Kind::bad;
    std::string ts;
    sdk::Json updates = sdk::Json::array();
    int failed = 0;
    std::string error;
};

CheckAnswer read_a_check(const sdk::HttpResponse& response);

// ts as VK writes it: a string, or a number in failed answers; "" when neither.
std::string ts_text(const sdk::Json& value);

}  // namespace leadhub::vk
