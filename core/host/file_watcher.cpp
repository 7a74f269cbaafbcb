#include "host/file_watcher.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <set>

namespace leadhub::host {

namespace fs = std::filesystem;

namespace {
bool stat_file(const fs::path& path, FileWatcher::Signature& out) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
    out.size = static_cast<std::uintmax_t>(st.st_size);
    out.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    out.inode = static_cast<std::uintmax_t>(st.st_ino);
    return true;
}
}  // namespace

FileWatcher::FileWatcher(std::vector<fs::path> dirs, std::string extension, std::vector<fs::path> files,
                         Callback on_change, WatchOptions options)
    : dirs_(std::move(dirs)), extension_(std::move(extension)), files_(std::move(files)),
      on_change_(std::move(on_change)), options_(options) {}

FileWatcher::~FileWatcher() { stop(); }

std::map<fs::path, FileWatcher::Signature> FileWatcher::snapshot() const {
    std::map<fs::path, Signature> out;
    for (const auto& dir : dirs_) {
        std::error_code ec;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            if (it->path().extension() != extension_) continue;
            Signature s;
            if (stat_file(it->path(), s)) out[it->path()] = s;
        }
    }
    for (const auto& file : files_) {
        Signature s;
        if (stat_file(file, s)) out[file] = s;
    }
    return out;
}

void FileWatcher::start() {
    if (running_.exchange(true)) return;
    handled_ = snapshot();
    inotify_fd_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (inotify_fd_ >= 0) {
        std::set<fs::path> watched(dirs_.begin(), dirs_.end());
        for (const auto& f : files_) watched.insert(f.parent_path().empty() ? fs::path(".") : f.parent_path());
        const uint32_t mask = IN_CLOSE_WRITE | IN_MODIFY | IN_MOVED_TO | IN_CREATE | IN_ATTRIB;
        for (const auto& dir : watched) ::inotify_add_watch(inotify_fd_, dir.c_str(), mask);
    }
    thread_ = std::thread([this] { loop(); });
}

void FileWatcher::stop() {
    if (!running_.exchange(false)) return;
    if (wake_fd_ >= 0) {
        uint64_t one = 1;
        [[maybe_unused]] auto n = ::write(wake_fd_, &one, sizeof one);
    }
    if (thread_.joinable()) thread_.join();
    if (inotify_fd_ >= 0) ::close(inotify_fd_);
    if (wake_fd_ >= 0) ::close(wake_fd_);
    inotify_fd_ = wake_fd_ = -1;
}

std::chrono::milliseconds FileWatcher::check() {
    const auto now = std::chrono::steady_clock::now();
    auto sleep = options_.poll;
    for (const auto& [path, signature] : snapshot()) {
        auto done = handled_.find(path);
        if (done != handled_.end() && done->second == signature) {
            pending_.erase(path);
            continue;
        }
        auto p = pending_.find(path);
        if (p == pending_.end() || !(p->second.signature == signature)) {
            // Still being written (or just noticed): wait until it holds still.
            pending_[path] = {signature, now};
            sleep = std::min(sleep, options_.settle);
            continue;
        }
        auto quiet = std::chrono::duration_cast<std::chrono::milliseconds>(now - p->second.since);
        if (quiet < options_.settle) {
            sleep = std::min(sleep, options_.settle - quiet);
            continue;
        }
        pending_.erase(p);
        handled_[path] = signature;
        try {
            on_change_(path);
        } catch (...) {
            // The callback reports its own failures; the watcher must keep watching.
        }
    }
    return std::max(sleep, std::chrono::milliseconds(1));
}

void FileWatcher::loop() {
    char buffer[4096];
    while (running_) {
        auto sleep = check();
        pollfd fds[2] = {{wake_fd_, POLLIN, 0}, {inotify_fd_, POLLIN, 0}};
        int n = ::poll(fds, inotify_fd_ >= 0 ? 2 : 1, static_cast<int>(sleep.count()));
        if (n > 0 && (fds[1].revents & POLLIN))
            while (::read(inotify_fd_, buffer, sizeof buffer) > 0) {
                // Only the wake-up matters; check() looks at the files themselves.
            }
    }
}

}  // namespace leadhub::host
