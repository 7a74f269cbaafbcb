// Work in a forked child: results come back, and a crash, an exit or a hang becomes a value.
#include <catch2/catch.hpp>

#include "kit/isolated_run.hpp"

#include <csignal>
#include <cstdlib>
#include <stdexcept>
#include <thread>
#include <unistd.h>

using namespace leadhub::kit;
using namespace std::chrono_literals;

TEST_CASE("the child's JSON comes back, and the child really is another process") {
    const int parent = ::getpid();
    auto r = run_isolated([] { return nlohmann::json{{"pid", ::getpid()}, {"big", std::string(200000, 'x')}}; }, 10s);
    REQUIRE(r.ended == IsolatedResult::Ended::finished);
    CHECK(r.value["pid"] != parent);
    CHECK(r.value["big"].get<std::string>().size() == 200000);
}

TEST_CASE("a crash, an exception, an exit and a hang are reported, not suffered") {
    auto crashed = run_isolated([]() -> nlohmann::json { std::raise(SIGSEGV); return {}; }, 10s);
    CHECK(crashed.ended == IsolatedResult::Ended::crashed);
    CHECK_THAT(crashed.problem, Catch::Contains("signal 11"));

    auto threw = run_isolated([]() -> nlohmann::json { throw std::runtime_error("boom"); }, 10s);
    REQUIRE(threw.ended == IsolatedResult::Ended::finished);
    CHECK(threw.value["passed"] == false);
    CHECK(threw.value["reason"] == "the check threw: boom");

    auto exited = run_isolated([]() -> nlohmann::json { std::exit(3); }, 10s);
    CHECK(exited.ended == IsolatedResult::Ended::failed);
    CHECK_THAT(exited.problem, Catch::Contains("exit code 3"));

    auto quiet = run_isolated([]() -> nlohmann::json { ::_exit(0); }, 10s);
    CHECK(quiet.ended == IsolatedResult::Ended::failed);
    CHECK_THAT(quiet.problem, Catch::Contains("before the check finished"));

    const auto start = std::chrono::steady_clock::now();
    auto hung = run_isolated([]() -> nlohmann::json { std::this_thread::sleep_for(1h); return {}; }, 300ms);
    CHECK(hung.ended == IsolatedResult::Ended::timed_out);
    CHECK_THAT(hung.problem, Catch::Contains("did not finish within 300 ms"));
    CHECK(std::chrono::steady_clock::now() - start < 5s);
}
