// One end of the hub <-> plugin-host connection: JSON messages in length-prefixed frames over a
// Unix stream socket, with request/answer matching by id so calls from several threads can be in
// flight at once.
//
// A frame is a 4-byte big-endian payload length followed by that many bytes of UTF-8 JSON text.
// Every message is an object with an "op". A request carries a numeric "id"; its answer has
// "op": "re" and the same id. Ids of the two directions are independent (each side numbers its
// own requests). Messages without an id (log, metric) expect no answer.
//
// Thread-safety: send() and request() may be called from any thread; read() from one reader
// thread only, which hands answers to waiting requests with complete().
#pragma once

#include <leadhub/sdk/json.hpp>

#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace leadhub::isolation {

// A frame larger than this is a protocol error (a corrupted stream), not a message.
inline constexpr std::size_t kMaxFrameBytes = 256u * 1024u * 1024u;

// A frame holds at most one wrapped value (a delivery, a webhook result, a processor's output)
// one level down; one nested deeper is a protocol error too.
inline constexpr std::size_t kMaxFrameDepth = sdk::kMaxWrappedJsonDepth + 1;

class FrameChannel {
public:
    // Takes ownership of `fd` (a connected stream socket).
    explicit FrameChannel(int fd);
    ~FrameChannel();
    FrameChannel(const FrameChannel&) = delete;
    FrameChannel& operator=(const FrameChannel&) = delete;

    // Writes one message; false once the peer is gone. Never raises SIGPIPE.
    bool send(const nlohmann::json& message);

    struct Answer {
        enum class Kind { answered, timed_out, closed } kind = Kind::closed;
        nlohmann::json message;  // answered: the answer
        std::string why;         // closed: why no answer can come (see close())
    };
    // Adds a fresh "id" to `message`, sends it and waits up to `timeout_ms` (< 0: no limit) for
    // the answer handed over by complete().
    Answer request(nlohmann::json message, int64_t timeout_ms);

    // Reader thread only: the next message, or nullopt at end of stream, on a read error or on a
    // frame that is not a JSON object or nests deeper than kMaxFrameDepth (`error` says which).
    std::optional<nlohmann::json> read(std::string& error);
    // Reader thread: hands `answer` (op "re") to the request waiting for its id. False when nobody
    // waits any more (the request timed out).
    bool complete(const nlohmann::json& answer);
    // Fails every waiting request and every later one with `why`, and wakes a blocked read().
    void close(const std::string& why);

private:
    // One per request in flight, with its own condition so an answer wakes only its caller.
    struct Waiter {
        bool done = false;
        Answer answer;
        std::condition_variable answered;
    };

    int fd_;
    std::mutex write_mutex_;
    std::mutex mutex_;
    std::map<uint64_t, Waiter*> waiting_;
    uint64_t next_id_ = 1;
    bool closed_ = false;
    std::string closed_why_;
};

}  // namespace leadhub::isolation
