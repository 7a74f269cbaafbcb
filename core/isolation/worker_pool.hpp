// A pool of threads that grows whenever every worker is busy: each queued task starts at once,
// however long the ones before it take (a hanging plugin call must not hold up the next). The hub
// bounds its size: it sends an instance's calls within the instance's concurrency (deliveries) and
// its HTTP threads (webhooks), and kills this process when a call outlives its timeout.
//
// Workers are never joined: one may be inside the plugin for good. They share the pool's state by
// shared_ptr, so the pool itself may go while they run (HostServer::run returns when the hub is
// gone): idle workers then leave at once, busy ones when their task returns, queued tasks are
// dropped, and nobody waits for anybody. (A condition variable destroyed while workers wait on it
// would also block its destructor for good in glibc, keeping an orphaned plugin host alive.)
// Tasks must own what they use in the same way, or use what lives until the process ends.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace leadhub::isolation {

class WorkerPool {
public:
    WorkerPool() = default;
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    ~WorkerPool() {
        std::deque<std::function<void()>> dropped;
        {
            std::lock_guard lock(state_->mutex);
            state_->closing = true;
            dropped.swap(state_->tasks);
        }
        state_->ready.notify_all();
    }

    void post(std::function<void()> task) {
        std::lock_guard lock(state_->mutex);
        state_->tasks.push_back(std::move(task));
        if (state_->tasks.size() > state_->idle) std::thread(&WorkerPool::work, state_).detach();
        else state_->ready.notify_one();
    }

private:
    struct State {
        std::mutex mutex;
        std::condition_variable ready;
        std::deque<std::function<void()>> tasks;
        std::size_t idle = 0;
        bool closing = false;  // the pool is gone: leave
    };

    static void work(std::shared_ptr<State> state) {
        std::unique_lock lock(state->mutex);
        for (;;) {
            ++state->idle;
            state->ready.wait(lock, [&] { return state->closing || !state->tasks.empty(); });
            --state->idle;
            if (state->closing) return;
            auto task = std::move(state->tasks.front());
            state->tasks.pop_front();
            lock.unlock();
            task();
            task = nullptr;  // its captures go before the next wait, not at the pool's end
            lock.lock();
        }
    }

    std::shared_ptr<State> state_ = std::make_shared<State>();
};

}  // namespace leadhub::isolation
