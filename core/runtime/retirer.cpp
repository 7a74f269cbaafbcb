#include "runtime/retirer.hpp"

namespace leadhub::app {

void Retirer::retire(std::vector<Deployment::Dropped> dropped) {
    std::lock_guard lock(mutex_);
    for (auto it = workers_.begin(); it != workers_.end();) {
        if (!it->done->load()) {
            ++it;
            continue;
        }
        it->thread.join();
        it = workers_.erase(it);
    }
    for (auto& d : dropped) {
        auto done = std::make_shared<std::atomic<bool>>(false);
        std::thread thread([this, d = std::move(d), done]() mutable {
            if (d.plugin->stop_within(std::chrono::milliseconds(d.grace_ms))) {
                logger_.info(d.key, "the retired instance finished its calls and stopped");
            } else {
                logger_.warn(d.key, "the retired instance still has calls in flight after " +
                                        std::to_string(d.grace_ms) + " ms; it stops when they return");
            }
            d.plugin.reset();  // the last reference, usually: the old library is unloaded here
            done->store(true);
        });
        workers_.push_back({std::move(thread), std::move(done)});
    }
}

void Retirer::join() {
    std::list<Worker> workers;
    {
        std::lock_guard lock(mutex_);
        workers.swap(workers_);
    }
    for (auto& w : workers)
        if (w.thread.joinable()) w.thread.join();
}

}  // namespace leadhub::app
