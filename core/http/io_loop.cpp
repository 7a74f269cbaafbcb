#include "http/io_loop.hpp"

#include "http/response_bytes.hpp"

#include <Poco/Net/SocketAddress.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string_view>

namespace leadhub::http {

Reply::State::~State() {
    // The last copy of an unanswered Reply: the client must not wait for ever.
    answer(Response::text(500, "internal error: the request ended without an answer"));
    channel->release();
}

void Reply::State::answer(const Response& response) {
    if (answered.exchange(true)) return;
    channel->post(detail::LoopChannel::Answer{connection, detail::response_bytes(response, keep_alive, head), !keep_alive});
}

void Reply::operator()(const Response& response) const {
    if (state_) state_->answer(response);
}

}  // namespace leadhub::http

namespace leadhub::http::detail {

namespace {

constexpr uint64_t kListenerId = 1;
constexpr uint64_t kChannelId = 2;
constexpr std::size_t kReadChunk = 64 * 1024;
// Bytes kept from a connection whose request is with a handler (pipelined requests); beyond it
// the loop stops reading that socket until the answer is out.
constexpr std::size_t kPipelineCap = 64 * 1024;
constexpr std::size_t kBufferKeep = 64 * 1024;  // larger buffers are freed once idle
constexpr std::chrono::milliseconds kMaxLinger{5000};
constexpr std::chrono::milliseconds kAcceptRetry{100};
// An idle connection is closed to make room only after this long idle: a client that has just
// connected is about to send its request, and the bytes may simply not be in yet.
constexpr std::chrono::milliseconds kMinIdleToEvict{100};
// The slowest body accepted: each byte of a body earns its sender 1/kMinBodyRate s on top of the
// read timeout (Apache mod_reqtimeout's default MinRate, 500 bytes/s). A phone on a poor mobile
// link still sends far faster; a client trickling a byte now and then runs out of time.
constexpr int64_t kMinBodyRate = 500;  // bytes per second

std::runtime_error system_error(const std::string& what) {
    return std::runtime_error("http: " + what + ": " + std::strerror(errno));
}

// The client's address without its port: what the per-client cap counts.
std::string client_address(const sockaddr_storage& address) {
    char text[INET6_ADDRSTRLEN] = {};
    if (address.ss_family == AF_INET)
        ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(address).sin_addr, text, sizeof text);
    else if (address.ss_family == AF_INET6)
        ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(address).sin6_addr, text, sizeof text);
    return text;
}

// The answer to a connection over its address's cap. Sent on the fresh socket (it fits its
// buffer) before the close, so that a well-behaved client learns why and when to come back.
constexpr std::string_view kTooManyFromClient =
    "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nRetry-After: 1\r\n"
    "Connection: close\r\nContent-Length: 43\r\n\r\ntoo many open connections from your address";

}  // namespace

// ---- LoopChannel ---------------------------------------------------------------------------

LoopChannel::LoopChannel() : fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
    if (fd_ < 0) throw system_error("eventfd");
}

LoopChannel::~LoopChannel() {
    for (auto& a : accepted_) ::close(a.fd);
    ::close(fd_);
}

void LoopChannel::wake() {
    uint64_t one = 1;
    // Fails only when the counter would overflow, and then the loop is awake anyway.
    [[maybe_unused]] auto n = ::write(fd_, &one, sizeof one);
}

void LoopChannel::post(Answer answer) {
    std::unique_lock lock(mutex_);
    if (!open_) return;
    bool first = answers_.empty() && accepted_.empty();
    answers_.push_back(std::move(answer));
    lock.unlock();
    if (first) wake();
}

bool LoopChannel::post(Accepted accepted) {
    std::unique_lock lock(mutex_);
    if (!open_) return false;
    bool first = answers_.empty() && accepted_.empty();
    accepted_.push_back(std::move(accepted));
    lock.unlock();
    if (first) wake();
    return true;
}

void LoopChannel::take(std::vector<Answer>& answers, std::vector<Accepted>& accepted) {
    std::lock_guard lock(mutex_);
    answers.swap(answers_);
    accepted.swap(accepted_);
}

void LoopChannel::release() {
    if (outstanding_.fetch_sub(1) == 1 && draining_.load()) wake();
}

std::vector<LoopChannel::Accepted> LoopChannel::close() {
    std::lock_guard lock(mutex_);
    open_ = false;
    answers_.clear();
    return std::exchange(accepted_, {});
}

// ---- connections -------------------------------------------------------------------------

struct IoLoop::Connection {
    Connection(uint64_t id, int fd, std::string remote, std::string client, ReaderLimits limits)
        : id(id), fd(fd), remote(std::move(remote)), client(std::move(client)), reader(limits) {}

    enum class Phase { reading, handling, lingering };

    uint64_t id;
    int fd;
    std::string remote;
    std::string client;  // the address without the port
    std::string in;  // received, not yet consumed by a request
    RequestReader reader;
    std::string out;  // to send; out_sent of it is sent
    std::size_t out_sent = 0;
    Phase phase = Phase::reading;
    bool answer_pending = false;  // out holds a final answer (else at most "100 Continue")
    bool close_after = false;     // close once that answer is sent
    bool peer_eof = false;        // the client shut its side
    bool unread = false;          // input stopped at the cap before the socket was drained
    bool continue_sent = false;
    bool closed = false;
    bool idle = false;  // in the loop's idle_ list, at idle_at, since idle_since
    std::list<uint64_t>::iterator idle_at;
    Clock::time_point idle_since{};
    Clock::time_point deadline = Clock::time_point::max();
    // The request being read: when its first byte came (or reading it began, for one already
    // buffered behind the previous), when its headers were complete, when bytes last came.
    Clock::time_point request_since = Clock::time_point::max();
    Clock::time_point body_since = Clock::time_point::max();
    Clock::time_point last_read{};
    std::size_t linger_budget = 0;
};

IoLoop::IoLoop(const ServerOptions& options, Dispatch dispatch, ConnectionBudget& budget, int index)
    : options_(options),
      dispatch_(std::move(dispatch)),
      budget_(budget),
      index_(index),
      channel_(std::make_shared<LoopChannel>()),
      buffer_(new char[kReadChunk]) {
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    if (epoll_ < 0) throw system_error("epoll_create1");
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = kChannelId;
    if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, channel_->fd(), &ev) != 0) throw system_error("epoll_ctl(eventfd)");
    // Timeouts are checked by a sweep over the connections, a few times per timeout.
    auto shortest = std::chrono::milliseconds(std::max<int64_t>(1, std::min(options.read_timeout_ms, options.keep_alive_timeout_ms)));
    sweep_every_ = std::clamp<Clock::duration>(shortest / 8, std::chrono::milliseconds(5), std::chrono::milliseconds(250));
}

IoLoop::~IoLoop() {
    request_stop();
    join();
    for (auto& [id, c] : connections_)
        if (!c->closed) ::close(c->fd);
    for (auto& a : channel_->close()) ::close(a.fd);
    ::close(epoll_);
}

void IoLoop::start(int listen_fd, std::vector<IoLoop*> peers) {
    listen_fd_ = listen_fd;
    peers_ = std::move(peers);
    if (listen_fd_ >= 0) set_accepting(true);
    thread_ = std::thread([this] {
        std::string name = index_ == 0 ? "lh-http" : "lh-http-" + std::to_string(index_);
        pthread_setname_np(pthread_self(), name.c_str());  // for top -H and perf
        run();
    });
}

void IoLoop::request_stop() {
    stop_requested_ = true;
    channel_->wake();
}

void IoLoop::join() {
    if (thread_.joinable()) thread_.join();
}

void IoLoop::set_accepting(bool on) {
    if (on == accepting_ || listen_fd_ < 0) return;
    if (on) {
        epoll_event ev{};
        ev.events = EPOLLIN;  // level-triggered: a backlog left after a pause is seen at once
        ev.data.u64 = kListenerId;
        if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, listen_fd_, &ev) != 0) return;
    } else {
        ::epoll_ctl(epoll_, EPOLL_CTL_DEL, listen_fd_, nullptr);
    }
    accepting_ = on;
}

void IoLoop::run() {
    constexpr int kEvents = 128;
    epoll_event events[kEvents];
    now_ = Clock::now();
    next_sweep_ = now_ + sweep_every_;
    for (;;) {
        auto wake_at = next_sweep_;
        if (!accepting_ && accept_paused_until_ > now_) wake_at = std::min(wake_at, accept_paused_until_);
        auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(wake_at - now_).count();
        int n = ::epoll_wait(epoll_, events, kEvents, static_cast<int>(std::max<int64_t>(0, wait) + 1));
        now_ = Clock::now();
        for (int i = 0; i < n; ++i) {
            uint64_t id = events[i].data.u64;
            if (id == kListenerId) {
                accept_some();
            } else if (id == kChannelId) {
                on_channel();
            } else if (auto it = connections_.find(id); it != connections_.end() && !it->second->closed) {
                on_event(*it->second, events[i].events);
            }
        }
        if (!ready_.empty()) {
            dispatch_(ready_);
            ready_.clear();
        }
        if (stop_requested_ && !draining_) begin_drain();
        if (now_ >= next_sweep_) {
            sweep();
            next_sweep_ = now_ + sweep_every_;
        }
        for (uint64_t id : closed_) connections_.erase(id);
        closed_.clear();
        if (draining_ && connections_.empty() && channel_->outstanding() == 0) break;
        // Accept again once there is room, or once an idle connection is old enough to make room.
        if (!accepting_ && !draining_ && listen_fd_ >= 0 && now_ >= accept_paused_until_ &&
            (!budget_.full() || !idle_.empty()))
            set_accepting(true);
    }
    for (auto& a : channel_->close()) {
        ::close(a.fd);
        budget_.release(a.client);
    }
}

void IoLoop::on_channel() {
    uint64_t count;
    [[maybe_unused]] auto n = ::read(channel_->fd(), &count, sizeof count);  // resets the eventfd
    channel_->take(answers_, accepted_);
    for (int n = channel_->take_evictions(); n > 0 && !draining_; --n) {
        if (!evict_oldest_idle()) break;
        if (!peers_.empty() && peers_[0] != this) peers_[0]->channel_->wake();  // the acceptor may resume
    }
    for (auto& a : accepted_) adopt(a.fd, std::move(a.remote), std::move(a.client));
    accepted_.clear();
    for (auto& a : answers_) deliver(a);
    answers_.clear();
}

void IoLoop::accept_some() {
    for (int i = 0; i < 64; ++i) {
        if (budget_.full() && !evict_oldest_idle()) {
            // At the cap with no idle connection here old enough to close: the other loops are
            // asked to close their oldest idle one; meanwhile new connections wait in the listen
            // backlog, and this loop looks again when its own oldest idle one comes of age.
            for (IoLoop* peer : peers_)
                if (peer != this) peer->channel_->request_eviction();
            set_accepting(false);
            if (!idle_.empty()) {
                auto it = connections_.find(idle_.front());
                if (it != connections_.end()) accept_paused_until_ = it->second->idle_since + kMinIdleToEvict;
            }
            return;
        }
        sockaddr_storage address{};
        socklen_t length = sizeof address;
        int fd = ::accept4(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                // Out of descriptors: retry a little later instead of spinning on the backlog.
                set_accepting(false);
                accept_paused_until_ = now_ + kAcceptRetry;
            }
            return;
        }
        std::string client = client_address(address);
        if (!budget_.admit(client)) {
            refuse(fd);
            continue;
        }
        int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // an answer is one write
        std::string remote;
        try {
            remote = Poco::Net::SocketAddress(reinterpret_cast<const sockaddr*>(&address), length).toString();
        } catch (const Poco::Exception&) {
            remote = "unknown";
        }
        IoLoop* target = peers_.empty() ? this : peers_[next_peer_++ % peers_.size()];
        if (target == this) {
            adopt(fd, std::move(remote), std::move(client));
        } else if (!target->channel_->post(LoopChannel::Accepted{fd, std::move(remote), client})) {
            ::close(fd);
            budget_.release(client);
        }
    }
}

void IoLoop::refuse(int fd) {
    [[maybe_unused]] auto n = ::send(fd, kTooManyFromClient.data(), kTooManyFromClient.size(), MSG_NOSIGNAL);
    ::shutdown(fd, SHUT_WR);
    ::close(fd);
}

// Closing an idle keep-alive connection is always allowed (RFC 9112 9.3): its client has nothing
// in flight and opens a new one when it next needs to. The oldest goes first, so an idle flood
// makes room for the newest clients, who are the ones with a request to send.
// A connection whose first bytes are in the kernel but not read yet (its event is later in this
// batch) is not idle: it is read now instead, and the next one is looked at.
bool IoLoop::evict_oldest_idle() {
    for (int looked = 0; looked < 16 && !idle_.empty(); ++looked) {
        auto it = connections_.find(idle_.front());
        if (it == connections_.end() || it->second->closed) {
            idle_.pop_front();
            continue;
        }
        Connection& c = *it->second;
        if (now_ - c.idle_since < kMinIdleToEvict) return false;  // and so is every later one
        char byte;
        ssize_t n = ::recv(c.fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
        if (n > 0) {
            mark_busy(c);
            on_readable(c);
            continue;
        }
        close(c);  // idle, or its client already went away
        return true;
    }
    return false;
}

void IoLoop::mark_idle(Connection& c) {
    if (c.idle || c.closed) return;
    c.idle_at = idle_.insert(idle_.end(), c.id);
    c.idle = true;
    c.idle_since = now_;
}

void IoLoop::mark_busy(Connection& c) {
    if (!c.idle) return;
    idle_.erase(c.idle_at);
    c.idle = false;
}

void IoLoop::adopt(int fd, std::string remote, std::string client) {
    uint64_t id = next_id_++;
    auto c = std::make_unique<Connection>(id, fd, std::move(remote), client,
                                          ReaderLimits{options_.max_header_bytes, options_.max_body_bytes});
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
    ev.data.u64 = id;
    if (draining_ || ::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev) != 0) {
        ::close(fd);
        budget_.release(client);
        return;
    }
    c->deadline = now_ + std::chrono::milliseconds(options_.keep_alive_timeout_ms);
    mark_idle(*c);
    connections_.emplace(id, std::move(c));
}

void IoLoop::on_event(Connection& c, uint32_t events) {
    if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) on_readable(c, events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR));
    if (!c.closed && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP)) && c.out_sent < c.out.size()) flush(c);
}

// peer_closing: the event said the client shut its side or the connection broke. Edge-triggered,
// that is said once: the socket is then read to its end (0 or an error) even after a short read,
// so that a client that sends half a request and closes (or resets) frees its connection at once
// instead of holding it until the read timeout.
void IoLoop::on_readable(Connection& c, bool peer_closing) {
    if (c.phase == Connection::Phase::lingering) return discard(c);
    for (;;) {
        if (c.phase != Connection::Phase::reading && c.in.size() >= kPipelineCap) {
            c.unread = true;
            return;
        }
        ssize_t n = ::recv(c.fd, buffer_.get(), kReadChunk, 0);
        if (n > 0) {
            c.in.append(buffer_.get(), static_cast<std::size_t>(n));
            mark_busy(c);
            if (c.phase == Connection::Phase::reading) {
                c.last_read = now_;
                parse(c);  // sets the deadline of the request under way (arm_read_deadline)
                if (c.closed) return;
            }
            // A short read emptied the socket: edge-triggered, the next byte brings a new event
            // (but the end of the stream, once announced, brings none).
            if (static_cast<std::size_t>(n) < kReadChunk && !peer_closing) break;
            continue;
        }
        if (n == 0) {
            c.peer_eof = true;
            break;
        }
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) break;
        return close(c);  // reset: nobody is left to answer
    }
    c.unread = false;
    // Half-closed after whole requests: they are answered, then the connection closes (see
    // flush). A partial request (or none) has nobody left to answer.
    if (c.peer_eof && c.phase == Connection::Phase::reading && !c.answer_pending) close(c);
}

void IoLoop::parse(Connection& c) {
    switch (c.reader.advance(c.in)) {
        case RequestReader::Step::need_more:
            if (c.reader.wants_continue() && !c.continue_sent) {
                c.continue_sent = true;
                c.out += kContinue;
                flush(c);
            }
            return arm_read_deadline(c);
        case RequestReader::Step::failed:
            return fail(c, c.reader.failure_status(), c.reader.failure_reason());
        case RequestReader::Step::complete:
            break;
    }
    bool keep_alive = c.reader.keep_alive() && !draining_ && !c.peer_eof;
    bool head = c.reader.head();
    std::size_t used = c.reader.consumed();
    Request request = c.reader.take();
    request.remote_addr = c.remote;
    c.in.erase(0, used);
    c.phase = Connection::Phase::handling;
    c.continue_sent = false;
    c.request_since = c.body_since = Clock::time_point::max();
    c.deadline = Clock::time_point::max();  // a handler (a commit) takes what it takes
    ready_.emplace_back(std::move(request), Reply(std::make_shared<Reply::State>(channel_, c.id, keep_alive, head)));
}

// How long the request under way may take to arrive; a slowloris client must not hold its
// connection for ever by sending a byte now and then:
// - the request line and headers: the read timeout from the request's first byte, never renewed
//   by progress (nginx's client_header_timeout);
// - the body: the read timeout between two reads (nginx's client_body_timeout), and in all the
//   read timeout plus 1/kMinBodyRate s per body byte received, counted from the end of the
//   headers (Apache mod_reqtimeout's body=<timeout>,MinRate=<rate>). A body at or above that
//   rate is a real upload and goes on (it ends at max_body_bytes anyway).
void IoLoop::arm_read_deadline(Connection& c) {
    if (!c.reader.started(c.in)) return;  // nothing of a request yet: the keep-alive deadline holds
    const std::chrono::milliseconds timeout(options_.read_timeout_ms);
    if (!c.reader.headers_done()) {
        if (c.request_since == Clock::time_point::max()) c.request_since = now_;
        c.deadline = c.request_since + timeout;
        return;
    }
    if (c.body_since == Clock::time_point::max()) c.body_since = now_;
    auto bytes = static_cast<int64_t>(c.reader.body_bytes_in(c.in));
    std::chrono::milliseconds earned(bytes * 1000 / kMinBodyRate);
    c.deadline = std::min(c.last_read + timeout, c.body_since + timeout + earned);
}

std::string IoLoop::timeout_reason(const Connection& c) const {
    const std::string timeout = std::to_string(options_.read_timeout_ms) + " ms";
    if (!c.reader.headers_done()) return "the request line and headers were not received in full within " + timeout;
    if (now_ - c.last_read >= std::chrono::milliseconds(options_.read_timeout_ms))
        return "the request body stalled: nothing received for " + timeout;
    return "the request body arrived slower than " + std::to_string(kMinBodyRate) + " bytes/s";
}

void IoLoop::fail(Connection& c, int status, const std::string& reason) {
    c.phase = Connection::Phase::handling;  // nothing more is parsed on this connection
    c.out += response_bytes(Response::text(status, reason), false, false);
    c.answer_pending = true;
    c.close_after = true;
    flush(c);
}

void IoLoop::deliver(LoopChannel::Answer& answer) {
    auto it = connections_.find(answer.connection);
    if (it == connections_.end()) return;  // the client went away meanwhile
    Connection& c = *it->second;
    if (c.closed || c.phase != Connection::Phase::handling || c.answer_pending) return;
    if (c.out.empty()) c.out.swap(answer.bytes);
    else c.out += answer.bytes;
    c.answer_pending = true;
    c.close_after = c.close_after || answer.close || draining_;
    flush(c);
}

void IoLoop::flush(Connection& c) {
    while (c.out_sent < c.out.size()) {
        ssize_t n = ::send(c.fd, c.out.data() + c.out_sent, c.out.size() - c.out_sent, MSG_NOSIGNAL);
        if (n > 0) {
            c.out_sent += static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            // The socket is full: EPOLLOUT continues; a client that stops reading is cut off.
            // ("100 Continue" while a request is read keeps that request's deadline if sooner.)
            auto stalled = now_ + std::chrono::milliseconds(options_.read_timeout_ms);
            c.deadline = c.phase == Connection::Phase::reading ? std::min(c.deadline, stalled) : stalled;
            return;
        }
        return close(c);
    }
    c.out.clear();
    c.out_sent = 0;
    if (c.out.capacity() > kBufferKeep) c.out.shrink_to_fit();
    if (!c.answer_pending) return;  // that was "100 Continue"
    c.answer_pending = false;
    if (c.close_after || draining_) return start_linger(c);
    c.phase = Connection::Phase::reading;
    c.deadline = now_ + std::chrono::milliseconds(options_.keep_alive_timeout_ms);
    if (!c.in.empty()) {
        c.last_read = now_;
        parse(c);  // the next pipelined request (its read deadline runs from now)
        if (c.closed) return;
    } else if (c.in.capacity() > kBufferKeep) {
        c.in.shrink_to_fit();
    }
    if (c.phase != Connection::Phase::reading) return;
    if (c.in.empty() && !c.peer_eof) mark_idle(c);
    if (c.peer_eof) return close(c);
    if (c.unread) on_readable(c);
}

void IoLoop::start_linger(Connection& c) {
    if (c.peer_eof) return close(c);
    ::shutdown(c.fd, SHUT_WR);
    c.phase = Connection::Phase::lingering;
    c.in.clear();
    c.in.shrink_to_fit();
    // Enough to swallow a moderately oversize body, so that its sender reads the 413.
    c.linger_budget = 8 * options_.max_body_bytes + kPipelineCap;
    c.deadline = now_ + std::min<Clock::duration>(std::chrono::milliseconds(options_.read_timeout_ms), kMaxLinger);
    discard(c);
    // Stopping: what the client sent is read, so closing now sends no reset; it is not waited for.
    if (draining_ && !c.closed) close(c);
}

void IoLoop::discard(Connection& c) {
    for (;;) {
        ssize_t n = ::recv(c.fd, buffer_.get(), kReadChunk, 0);
        if (n > 0) {
            if (static_cast<std::size_t>(n) >= c.linger_budget) return close(c);
            c.linger_budget -= static_cast<std::size_t>(n);
            continue;
        }
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
        return close(c);  // the client closed (or reset): done
    }
}

void IoLoop::close(Connection& c) {
    if (c.closed) return;
    mark_busy(c);
    c.closed = true;
    ::close(c.fd);  // also leaves the epoll set
    budget_.release(c.client);
    closed_.push_back(c.id);
}

void IoLoop::begin_drain() {
    draining_ = true;
    channel_->set_draining();
    set_accepting(false);
    for (auto& [id, c] : connections_) {
        if (c->closed) continue;
        // Requests with a handler get their answer (then the connection closes); the rest has
        // nothing in progress worth waiting for.
        bool in_progress = c->phase == Connection::Phase::handling || c->answer_pending;
        if (!in_progress) close(*c);
        else c->close_after = true;
    }
}

void IoLoop::sweep() {
    for (auto& [id, cp] : connections_) {
        Connection& c = *cp;
        if (c.closed || now_ < c.deadline) continue;
        if (c.out_sent < c.out.size() || c.phase != Connection::Phase::reading) {
            close(c);  // a stalled write, or a lingering close that took too long
        } else if (c.reader.started(c.in)) {
            fail(c, 408, timeout_reason(c));
        } else {
            close(c);  // idle keep-alive connection
        }
    }
}

}  // namespace leadhub::http::detail
