// Threads that keep posting web-form leads to a source of a running hub until stopped, for the
// tests that change the hub under load (SIGKILL, library replacement). Each lead carries its own
// marker as its text and its own phone (one phone would make them one customer's conversation,
// one lead), so a test can check that every acknowledged marker reached the receiver.
#pragma once

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace leadhub::testing {

class LeadPoster {
public:
    struct Options {
        int threads = 3;
        int timeout_ms = 2000;                          // per post
        std::chrono::milliseconds pause{0};             // after every post
        std::string path = "/hooks/t1/site";
    };

    LeadPoster(int port, Options options);
    ~LeadPoster();  // stops
    LeadPoster(const LeadPoster&) = delete;
    LeadPoster& operator=(const LeadPoster&) = delete;

    // Stops posting and waits for the posts in flight.
    void stop();

    std::set<std::string> acknowledged() const;  // markers answered 200
    int refused() const { return refused_; }       // posts answered otherwise (0: no answer)
    std::map<int, int> refusals() const;           // status -> count

private:
    void post_until_stopped();

    const int port_;
    const Options options_;
    std::atomic<bool> posting_{true};
    std::atomic<int> counter_{0}, refused_{0};
    mutable std::mutex mutex_;
    std::set<std::string> acknowledged_;
    std::map<int, int> refusals_;
    std::vector<std::thread> threads_;
};

}  // namespace leadhub::testing
