// A pool of detached threads that grows whenever every worker is busy: each queued task starts at
// once, however long the ones before it take (a hanging plugin call must not hold up the next).
// Workers are never joined; the plugin-host process ends with _exit.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace leadhub::isolation {

class WorkerPool {
public:
    void post(std::function<void()> task) {
        std::lock_guard lock(mutex_);
        tasks_.push_back(std::move(task));
        if (tasks_.size() > idle_) std::thread([this] { work(); }).detach();
        else ready_.notify_one();
    }

private:
    void work() {
        std::unique_lock lock(mutex_);
        for (;;) {
            ++idle_;
            ready_.wait(lock, [this] { return !tasks_.empty(); });
            --idle_;
            auto task = std::move(tasks_.front());
            tasks_.pop_front();
            lock.unlock();
            task();
            lock.lock();
        }
    }

    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> tasks_;
    std::size_t idle_ = 0;
};

}  // namespace leadhub::isolation
