// How a thread that may outlive its owner (a delivery still inside a plugin when the hub stops)
// asks whether the owner's objects are still there, and keeps them there while it uses them.
//
// The owner makes one Lifeline, held by shared_ptr so that every such thread keeps it alive with
// its own copy, and closes it before it destroys what the lifeline guards. close() refuses every
// later hold() and waits for the holds in progress to end. So a thread granted a hold may use the
// guarded objects until the hold goes, and a thread refused one knows they may be gone and touches
// none of them. Holds are short (a store write, a log line): never keep one across a plugin call,
// or close() waits for the plugin. A thread may take a second hold while it has one.
#pragma once

#include <condition_variable>
#include <mutex>
#include <utility>

namespace leadhub::dispatch {

class Lifeline {
public:
    class Hold {
    public:
        Hold() = default;
        Hold(Hold&& other) noexcept : line_(std::exchange(other.line_, nullptr)) {}
        Hold& operator=(Hold&&) = delete;
        ~Hold() {
            if (line_) line_->leave();
        }
        // True when the guarded objects may be used.
        explicit operator bool() const { return line_ != nullptr; }

    private:
        friend class Lifeline;
        explicit Hold(Lifeline* line) : line_(line) {}
        Lifeline* line_ = nullptr;  // the holder keeps the Lifeline alive by its shared_ptr
    };

    // A hold while the lifeline is open; an empty one once it is closed.
    [[nodiscard]] Hold hold() {
        std::lock_guard lock(mutex_);
        if (closed_) return {};
        ++holders_;
        return Hold(this);
    }

    // Refuses every later hold, then waits for the current ones to end. Calling it again does
    // nothing more; calling it while holding would wait forever.
    void close() {
        std::unique_lock lock(mutex_);
        closed_ = true;
        left_.wait(lock, [this] { return holders_ == 0; });
    }

    bool closed() const {
        std::lock_guard lock(mutex_);
        return closed_;
    }

private:
    void leave() {
        std::lock_guard lock(mutex_);
        if (--holders_ == 0) left_.notify_all();
    }

    mutable std::mutex mutex_;
    std::condition_variable left_;
    int holders_ = 0;
    bool closed_ = false;
};

}  // namespace leadhub::dispatch
