// Notices files that changed and have stopped changing: rebuilt plugin libraries and the config.
//
// A compiler or `cp` writes a library in several steps, and each step is an inotify event. Acting on
// the first would load half a file, so a change is reported only once the file's signature (size,
// modification time, inode) has stayed the same for `settle`. inotify on the watched directories
// only wakes the watcher early; every decision is made from stat(), and a poll every `poll` catches
// what inotify cannot see (network file systems, a directory created later).
//
// Files present when the watcher starts are the baseline and are not reported. A file that
// disappears is not reported either (the running code stays; a library is replaced, not removed).
// The callback runs on the watcher's own thread, one change at a time; when it returns, the
// signature it saw is considered handled, so a library that failed to load from a half-written
// file is tried again as soon as the file changes once more.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace leadhub::host {

struct WatchOptions {
    std::chrono::milliseconds settle{150};  // how long a file must stay unchanged before it is reported
    std::chrono::milliseconds poll{1000};   // the longest sleep without an inotify event
};

class FileWatcher {
public:
    using Callback = std::function<void(const std::filesystem::path& file)>;

    // Watches every file in `dirs` whose name ends with `extension` (e.g. ".so"), and the single
    // files in `files`.
    FileWatcher(std::vector<std::filesystem::path> dirs, std::string extension,
                std::vector<std::filesystem::path> files, Callback on_change, WatchOptions options = {});
    ~FileWatcher();
    FileWatcher(const FileWatcher&) = delete;
    FileWatcher& operator=(const FileWatcher&) = delete;

    void start();
    void stop();

    struct Signature {
        std::uintmax_t size = 0;
        std::int64_t mtime_ns = 0;
        std::uintmax_t inode = 0;
        bool operator==(const Signature&) const = default;
    };

private:
    struct Pending {
        Signature signature;
        std::chrono::steady_clock::time_point since;
    };

    std::map<std::filesystem::path, Signature> snapshot() const;
    // One look at every file; reports settled changes. Returns how long to sleep at most.
    std::chrono::milliseconds check();
    void loop();

    std::vector<std::filesystem::path> dirs_;
    std::string extension_;
    std::vector<std::filesystem::path> files_;
    Callback on_change_;
    WatchOptions options_;
    std::map<std::filesystem::path, Signature> handled_;
    std::map<std::filesystem::path, Pending> pending_;
    int inotify_fd_ = -1;
    int wake_fd_ = -1;  // an eventfd that stop() writes to
    std::atomic<bool> running_{false};
    std::thread thread_;
};

}  // namespace leadhub::host
