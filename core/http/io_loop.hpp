// One event loop of the HTTP server: an epoll instance, an eventfd for hand-ins from other
// threads, and the connections it owns. It accepts (the first loop only), reads, parses with a
// RequestReader, hands each complete request to the dispatcher (the worker pool), parks the
// connection until the request's Reply comes back through the LoopChannel, and writes.
//
// Sockets are non-blocking and registered once, edge-triggered, for input and output: no
// epoll_ctl per request. A connection is in one of three phases: reading (a request is being
// received, or it idles between requests), handling (its request is with a handler; bytes that
// arrive meanwhile are kept, up to a cap, for the next request), lingering (the last answer is
// sent and the write side shut: what the client still sends is read and dropped until it closes,
// so that the kernel does not reset the connection before the client has read the answer).
#pragma once

#include "http/connection_budget.hpp"
#include "http/request_reader.hpp"
#include "http/server.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace leadhub::http::detail {

// What other threads hand a loop: answers, and (from the accepting loop) new connections. A
// Reply holds the channel, so it outlives its loop; after close() posts are dropped. The eventfd
// is written only when the queue turns non-empty: a burst of answers (a whole committed group)
// costs the loop one wake-up.
class LoopChannel {
public:
    struct Answer {
        uint64_t connection;
        std::string bytes;
        bool close;
    };
    struct Accepted {
        int fd;
        std::string remote;  // address and port, for the request
        std::string client;  // address only, for the per-client count
    };

    LoopChannel();
    ~LoopChannel();
    LoopChannel(const LoopChannel&) = delete;
    LoopChannel& operator=(const LoopChannel&) = delete;

    int fd() const { return fd_; }
    void post(Answer answer);
    // False when the loop is gone (the caller then closes the socket).
    bool post(Accepted accepted);
    void wake();
    // The loop's side: everything posted so far.
    void take(std::vector<Answer>& answers, std::vector<Accepted>& accepted);
    // Refuses posts from now on; returns the connections handed in but never taken.
    std::vector<Accepted> close();

    // Replies not yet gone (answered or not): a stopping loop waits for them, so that no
    // handler or commit callback still runs when the server's owner tears down what they use.
    void retain() { outstanding_.fetch_add(1, std::memory_order_relaxed); }
    void release();
    int outstanding() const { return outstanding_.load(); }
    void set_draining() { draining_.store(true); }

    // The accepting loop is at the connection cap and has no idle connection of its own: this
    // loop is asked to close its oldest idle keep-alive connection.
    void request_eviction() {
        evictions_.fetch_add(1, std::memory_order_relaxed);
        wake();
    }
    int take_evictions() { return evictions_.exchange(0, std::memory_order_relaxed); }

private:
    int fd_;
    std::mutex mutex_;
    bool open_ = true;
    std::vector<Answer> answers_;
    std::vector<Accepted> accepted_;
    std::atomic<int> outstanding_{0};
    std::atomic<bool> draining_{false};
    std::atomic<int> evictions_{0};
};

class IoLoop {
public:
    // Hands the requests completed in one pass over the ready sockets to the handlers, at once:
    // one hand-over (and at most a few worker wake-ups) per pass instead of one per request.
    using Ready = std::vector<std::pair<Request, Reply>>;
    using Dispatch = std::function<void(Ready&)>;

    IoLoop(const ServerOptions& options, Dispatch dispatch, ConnectionBudget& budget, int index);
    ~IoLoop();
    IoLoop(const IoLoop&) = delete;
    IoLoop& operator=(const IoLoop&) = delete;

    // listen_fd: the non-blocking listening socket for the accepting loop, -1 for the others;
    // peers: every loop (this one included) that accepted connections are spread over.
    void start(int listen_fd, std::vector<IoLoop*> peers);
    // Any thread: stop accepting, close idle connections, finish the requests in progress.
    void request_stop();
    // Returns once every connection of this loop is closed.
    void join();

private:
    using Clock = std::chrono::steady_clock;
    struct Connection;

    void run();
    void on_channel();
    void accept_some();
    void adopt(int fd, std::string remote, std::string client);
    void refuse(int fd);
    bool evict_oldest_idle();
    void mark_idle(Connection& c);
    void mark_busy(Connection& c);
    void on_event(Connection& c, uint32_t events);
    void on_readable(Connection& c, bool peer_closing = false);
    void parse(Connection& c);
    void arm_read_deadline(Connection& c);
    std::string timeout_reason(const Connection& c) const;
    void fail(Connection& c, int status, const std::string& reason);
    void deliver(LoopChannel::Answer& answer);
    void flush(Connection& c);
    void start_linger(Connection& c);
    void discard(Connection& c);
    void close(Connection& c);
    void begin_drain();
    void sweep();
    void set_accepting(bool on);

    const ServerOptions& options_;
    Dispatch dispatch_;
    ConnectionBudget& budget_;
    const int index_;
    std::shared_ptr<LoopChannel> channel_;
    int epoll_ = -1;
    int listen_fd_ = -1;
    bool accepting_ = false;
    Clock::time_point accept_paused_until_{};
    std::vector<IoLoop*> peers_;
    std::size_t next_peer_ = 0;
    std::atomic<bool> stop_requested_{false};
    bool draining_ = false;
    uint64_t next_id_ = 16;  // below: the listener and the channel
    std::unordered_map<uint64_t, std::unique_ptr<Connection>> connections_;
    // Connections waiting for their next request with nothing of it received, oldest first: the
    // first to close when the server is at its connection cap.
    std::list<uint64_t> idle_;
    std::vector<uint64_t> closed_;  // erased after the event batch: callers up the stack still hold them
    Ready ready_;  // requests completed in this pass, handed over at its end
    std::vector<LoopChannel::Answer> answers_;
    std::vector<LoopChannel::Accepted> accepted_;
    Clock::time_point now_{};
    Clock::duration sweep_every_{};
    Clock::time_point next_sweep_{};
    std::unique_ptr<char[]> buffer_;
    std::thread thread_;
};

}  // namespace leadhub::http::detail

namespace leadhub::http {

// One request's way back to its loop (see Reply in server.hpp).
struct Reply::State {
    State(std::shared_ptr<detail::LoopChannel> channel, uint64_t connection, bool keep_alive, bool head)
        : channel(std::move(channel)), connection(connection), keep_alive(keep_alive), head(head) {
        this->channel->retain();
    }
    ~State();
    void answer(const Response& response);

    std::shared_ptr<detail::LoopChannel> channel;
    uint64_t connection;
    bool keep_alive;
    bool head;
    std::atomic<bool> answered{false};
};

}  // namespace leadhub::http
