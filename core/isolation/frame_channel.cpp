#include "isolation/frame_channel.hpp"

#include <leadhub/sdk/json.hpp>

#include <cerrno>
#include <chrono>
#include <sys/socket.h>
#include <unistd.h>

namespace leadhub::isolation {
namespace {

bool write_all(int fd, const char* data, std::size_t size) {
    while (size > 0) {
        ssize_t n = ::send(fd, data, size, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

// False at end of stream or on an error before `size` bytes arrived.
bool read_all(int fd, char* data, std::size_t size) {
    while (size > 0) {
        ssize_t n = ::recv(fd, data, size, 0);
        if (n == 0) return false;
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

}  // namespace

FrameChannel::FrameChannel(int fd) : fd_(fd) {}

FrameChannel::~FrameChannel() {
    close("the channel was closed");
    ::close(fd_);
}

bool FrameChannel::send(const nlohmann::json& message) {
    std::string text = sdk::dump(message);
    if (text.size() > kMaxFrameBytes) return false;
    const auto n = static_cast<uint32_t>(text.size());
    // One buffer, one write: the header and the payload of a frame must never be split by another
    // thread's frame, and one syscall is cheaper than two.
    text.insert(0, std::string{static_cast<char>(n >> 24), static_cast<char>(n >> 16), static_cast<char>(n >> 8),
                               static_cast<char>(n)});
    std::lock_guard lock(write_mutex_);
    return write_all(fd_, text.data(), text.size());
}

FrameChannel::Answer FrameChannel::request(nlohmann::json message, int64_t timeout_ms) {
    Waiter waiter;
    uint64_t id = 0;
    {
        std::lock_guard lock(mutex_);
        if (closed_) return {Answer::Kind::closed, {}, closed_why_};
        id = next_id_++;
        waiting_[id] = &waiter;
    }
    message["id"] = id;
    // A failed send means the other side is gone; the reader is about to see the end of stream
    // and close() with how it ended, which answers this request with the better reason.
    send(message);
    std::unique_lock lock(mutex_);
    auto ready = [&] { return waiter.done; };
    if (timeout_ms < 0) {
        waiter.answered.wait(lock, ready);
    } else if (!waiter.answered.wait_for(lock, std::chrono::milliseconds(timeout_ms), ready)) {
        waiting_.erase(id);
        return {Answer::Kind::timed_out, {}, {}};
    }
    return std::move(waiter.answer);
}

std::optional<nlohmann::json> FrameChannel::read(std::string& error) {
    unsigned char header[4];
    if (!read_all(fd_, reinterpret_cast<char*>(header), sizeof header)) {
        error = "end of stream";
        return std::nullopt;
    }
    const std::size_t size = (std::size_t{header[0]} << 24) | (std::size_t{header[1]} << 16) |
                             (std::size_t{header[2]} << 8) | std::size_t{header[3]};
    if (size > kMaxFrameBytes) {
        error = "a frame of " + std::to_string(size) + " bytes is over the limit";
        return std::nullopt;
    }
    std::string payload(size, '\0');
    if (!read_all(fd_, payload.data(), size)) {
        error = "end of stream inside a frame";
        return std::nullopt;
    }
    // The other end may be a plugin's process gone wrong: its JSON is read with the SDK's bound,
    // since the hub copies and writes what it holds (recursing once per level).
    sdk::JsonError problem;
    auto message = sdk::parse_json(payload, &problem, {kMaxFrameDepth});
    if (problem.kind == sdk::JsonError::Kind::too_deep) {
        error = "a frame of " + problem.message;
        return std::nullopt;
    }
    if (message.is_discarded() || !message.is_object()) {
        error = "a frame that is not a JSON object";
        return std::nullopt;
    }
    return message;
}

bool FrameChannel::complete(const nlohmann::json& answer) {
    auto id = answer.find("id");
    if (id == answer.end() || !id->is_number_unsigned()) return false;
    std::lock_guard lock(mutex_);
    auto it = waiting_.find(id->get<uint64_t>());
    if (it == waiting_.end()) return false;
    it->second->done = true;
    it->second->answer = {Answer::Kind::answered, answer, {}};
    it->second->answered.notify_one();
    waiting_.erase(it);
    return true;
}

void FrameChannel::close(const std::string& why) {
    {
        std::lock_guard lock(mutex_);
        if (!closed_) {
            closed_ = true;
            closed_why_ = why;
        }
        for (auto& [id, waiter] : waiting_) {
            waiter->done = true;
            waiter->answer = {Answer::Kind::closed, {}, closed_why_};
            waiter->answered.notify_one();
        }
        waiting_.clear();
    }
    ::shutdown(fd_, SHUT_RDWR);
}

}  // namespace leadhub::isolation
