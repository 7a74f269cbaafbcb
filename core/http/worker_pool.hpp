// The handler threads of the HTTP server: a fixed number of threads taking jobs from one queue.
// stop() lets every queued job run, then joins.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace leadhub::http::detail {

class WorkerPool {
public:
    using Job = std::function<void()>;

    WorkerPool(int threads, std::string thread_name);
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    void post(Job job);
    // Queues every job of `jobs` (leaving it empty) and wakes one sleeping thread per few jobs:
    // a thread runs jobs until the queue is empty, so waking one per job would only add
    // context switches on a small machine.
    void post_all(std::vector<Job>& jobs);
    // Runs what is queued, then stops the threads. Jobs posted after it run on the caller.
    void stop();

private:
    void run();

    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<Job> jobs_;
    int idle_ = 0;
    bool stopping_ = false;
    bool joined_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace leadhub::http::detail
