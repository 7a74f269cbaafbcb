// Stops plugin instances that a reload replaced, each on its own thread so that one hanging call
// delays nobody: an instance gets its grace time (its delivery timeout) for calls in flight, then
// is stopped. One still busy after that is left to stop itself when its last call returns (the
// PluginInstance destructor stops it, and its library is unloaded after), and the delay is logged.
#pragma once

#include "runtime/deployment.hpp"
#include "runtime/logger.hpp"

#include <atomic>
#include <list>
#include <memory>
#include <mutex>
#include <thread>

namespace leadhub::app {

class Retirer {
public:
    explicit Retirer(Logger& logger) : logger_(logger) {}
    ~Retirer() { join(); }

    void retire(std::vector<Deployment::Dropped> dropped);
    // Waits for every retirement under way (each bounded by its grace time).
    void join();

private:
    struct Worker {
        std::thread thread;
        std::shared_ptr<std::atomic<bool>> done;
    };
    Logger& logger_;
    std::mutex mutex_;
    std::list<Worker> workers_;  // finished ones are joined at the next retire()
};

}  // namespace leadhub::app
