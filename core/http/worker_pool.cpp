#include "http/worker_pool.hpp"

#include <pthread.h>

#include <algorithm>

namespace leadhub::http::detail {

WorkerPool::WorkerPool(int threads, std::string thread_name) {
    for (int i = 0; i < (threads > 0 ? threads : 1); ++i)
        threads_.emplace_back([this, thread_name] {
            pthread_setname_np(pthread_self(), thread_name.substr(0, 15).c_str());  // for top -H and perf
            run();
        });
}

WorkerPool::~WorkerPool() { stop(); }

void WorkerPool::post(Job job) {
    std::unique_lock lock(mutex_);
    if (joined_) {
        lock.unlock();
        job();
        return;
    }
    jobs_.push_back(std::move(job));
    // Only a sleeping thread needs the wake-up (a busy one takes the job when it is done).
    bool wake = idle_ > 0;
    lock.unlock();
    if (wake) ready_.notify_one();
}

void WorkerPool::post_all(std::vector<Job>& jobs) {
    constexpr std::size_t kJobsPerWake = 4;
    std::unique_lock lock(mutex_);
    if (joined_) {
        lock.unlock();
        for (auto& job : jobs) job();
        jobs.clear();
        return;
    }
    for (auto& job : jobs) jobs_.push_back(std::move(job));
    std::size_t wake = std::min<std::size_t>(static_cast<std::size_t>(idle_), (jobs.size() + kJobsPerWake - 1) / kJobsPerWake);
    jobs.clear();
    lock.unlock();
    for (std::size_t i = 0; i < wake; ++i) ready_.notify_one();
}

void WorkerPool::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
    }
    ready_.notify_all();
    for (auto& t : threads_) t.join();
    std::deque<Job> late;  // posted between the threads' last look and now
    {
        std::lock_guard lock(mutex_);
        joined_ = true;
        late.swap(jobs_);
    }
    for (auto& job : late) job();
}

void WorkerPool::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        while (jobs_.empty() && !stopping_) {
            ++idle_;
            ready_.wait(lock);
            --idle_;
        }
        if (jobs_.empty()) return;  // stopping, and nothing left
        Job job = std::move(jobs_.front());
        jobs_.pop_front();
        lock.unlock();
        job();
        job = nullptr;  // its captures (a Reply among them) go now, not at the next wait
        lock.lock();
    }
}

}  // namespace leadhub::http::detail
