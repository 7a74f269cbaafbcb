// The watcher reports a file once it has stopped changing, never the files it started with, and
// again after every later change.
#include "host/file_watcher.hpp"
#include "test_plugins.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <mutex>
#include <thread>

using namespace leadhub::host;
using namespace leadhub::host::testing;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

void write(const fs::path& path, const std::string& text, bool append = false) {
    std::ofstream out(path, append ? std::ios::app : std::ios::trunc);
    out << text;
}

struct Seen {
    std::mutex mutex;
    std::vector<fs::path> files;
    void add(const fs::path& p) {
        std::lock_guard lock(mutex);
        files.push_back(p);
    }
    std::vector<fs::path> get() {
        std::lock_guard lock(mutex);
        return files;
    }
    bool wait_for(std::size_t n, std::chrono::milliseconds limit) {
        auto end = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < end) {
            if (get().size() >= n) return true;
            std::this_thread::sleep_for(10ms);
        }
        return false;
    }
};

}  // namespace

TEST_CASE("a file written in steps is reported once, after it settles", "[watcher]") {
    TempDir dir;
    write(dir.path() / "old.so", "baseline");
    write(dir.path() / "notes.txt", "not watched");
    Seen seen;
    FileWatcher watcher({dir.path()}, ".so", {}, [&](const fs::path& p) { seen.add(p); }, {200ms, 1000ms});
    watcher.start();

    // Written in three steps 80 ms apart: each step is shorter than the settle time.
    for (int step = 0; step < 3; ++step) {
        write(dir.path() / "new.so", "part" + std::to_string(step), true);
        std::this_thread::sleep_for(80ms);
    }
    CHECK(seen.get().empty());
    REQUIRE(seen.wait_for(1, 3000ms));
    std::this_thread::sleep_for(400ms);
    write(dir.path() / "notes.txt", "changed, but not a library");
    std::this_thread::sleep_for(400ms);
    auto files = seen.get();
    REQUIRE(files.size() == 1);
    CHECK(files[0] == dir.path() / "new.so");

    // A later change of the same file, by rename over it, is reported again.
    write(dir.path() / "tmp", "replacement");
    fs::rename(dir.path() / "tmp", dir.path() / "old.so");
    REQUIRE(seen.wait_for(2, 3000ms));
    CHECK(seen.get()[1] == dir.path() / "old.so");
    watcher.stop();
}

TEST_CASE("a single watched file is reported when it changes; a removed file is not", "[watcher]") {
    TempDir dir;
    fs::path config = dir.path() / "leadhub.yaml";
    write(config, "version: 1\n");
    write(dir.path() / "gone.so", "x");
    Seen seen;
    FileWatcher watcher({dir.path()}, ".so", {config}, [&](const fs::path& p) { seen.add(p); }, {50ms, 1000ms});
    watcher.start();
    fs::remove(dir.path() / "gone.so");
    std::this_thread::sleep_for(300ms);
    CHECK(seen.get().empty());
    write(config, "version: 1\n# edited\n");
    REQUIRE(seen.wait_for(1, 3000ms));
    CHECK(seen.get()[0] == config);
    watcher.stop();
}
