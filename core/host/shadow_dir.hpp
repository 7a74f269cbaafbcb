// The folder a process keeps its shadow copies of plugin libraries in (see shadow_copy.hpp):
// `<temp>/leadhub-plugins-<pid>`, up to a megabyte of copies.
//
// A process that ends normally removes its folder; one that crashes or is killed (SIGKILL, the
// OOM killer, a power cut) cannot, so the next start removes the folders whose process is gone.
// "Gone" must not be guessed from the pid alone: pids are reused, so a dead hub's pid may belong
// to any process now, and two hubs in containers that share /tmp may have the same pid. So a live
// folder carries proof of life: a `.lock` file inside it that its process holds with flock() for
// as long as it lives (the kernel releases it when the process ends, however it ends). A folder
// whose lock can be taken is stale whatever its pid now names; a folder whose lock is held is
// never touched. The folder appears under its name only with the lock already held (it is made
// under another name and renamed), so a hub that is starting is never mistaken for a dead one.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

namespace leadhub::host {

// "leadhub-plugins-": the prefix of every hub's folder under the system temp directory.
inline constexpr const char* kShadowDirPrefix = "leadhub-plugins-";

// `<parent>/<prefix><pid>`.
std::filesystem::path shadow_dir_path(const std::filesystem::path& parent, const std::string& prefix, pid_t pid);

class ShadowDir {
public:
    // Creates this process's folder `<parent>/<prefix><getpid()>` (mode 0700) holding its lock.
    // A leftover folder of that name (a dead process that had this pid) is replaced. Returns
    // nullptr with `error` set when it cannot (then copies still work: make_shadow_copy creates
    // the folder, which is then cleaned up like one from before the lock file existed).
    static std::unique_ptr<ShadowDir> claim(const std::filesystem::path& parent, const std::string& prefix,
                                            std::string& error);
    // Removes the folder and everything left in it, then releases the lock.
    ~ShadowDir();
    ShadowDir(const ShadowDir&) = delete;
    ShadowDir& operator=(const ShadowDir&) = delete;

    const std::filesystem::path& path() const { return path_; }

private:
    ShadowDir(std::filesystem::path path, int lock_fd) : path_(std::move(path)), lock_fd_(lock_fd) {}
    std::filesystem::path path_;
    int lock_fd_;
};

// Removes every `<parent>/<prefix><pid>` folder left by a process that is gone, and returns them.
// Only folders (not symbolic links) owned by this user are considered, never this process's own.
// One with a `.lock` file is removed when nobody holds the lock; one without (made by a hub from
// before the lock, or by a copy made without a claim) only when its pid is not alive
// (kill(pid, 0) fails with ESRCH). Errors (a folder that cannot be read or removed) are skipped.
std::vector<std::filesystem::path> remove_stale_shadow_dirs(const std::filesystem::path& parent,
                                                            const std::string& prefix);

}  // namespace leadhub::host
