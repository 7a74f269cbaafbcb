#include "app/retirer.hpp"

namespace leadhub::app {

void Retirer::retire(std::vector<Deployment::Dropped> dropped) {
    std::lock_guard lock(mutex_);
    for (auto& d : dropped) {
        threads_.emplace_back([this, d = std::move(d)]() mutable {
            if (d.plugin->stop_within(std::chrono::milliseconds(d.grace_ms))) {
                logger_.info(d.key, "the retired instance finished its calls and stopped");
            } else {
                logger_.warn(d.key, "the retired instance still has calls in flight after " +
                                        std::to_string(d.grace_ms) + " ms; it stops when they return");
            }
            d.plugin.reset();  // the last reference, usually: the old library is unloaded here
        });
    }
}

void Retirer::join() {
    std::list<std::thread> threads;
    {
        std::lock_guard lock(mutex_);
        threads.swap(threads_);
    }
    for (auto& t : threads)
        if (t.joinable()) t.join();
}

}  // namespace leadhub::app
