#include "host/shadow_dir.hpp"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace leadhub::host {

namespace fs = std::filesystem;

namespace {

constexpr const char* kLockFile = ".lock";

// The pid in a folder name `<prefix><digits>`, or 0 when the name is not one.
pid_t pid_in_name(const std::string& name, const std::string& prefix) {
    if (name.size() <= prefix.size() || name.size() > prefix.size() + 9 || name.compare(0, prefix.size(), prefix) != 0)
        return 0;
    pid_t pid = 0;
    for (std::size_t i = prefix.size(); i < name.size(); ++i) {
        if (name[i] < '0' || name[i] > '9') return 0;
        pid = pid * 10 + (name[i] - '0');
    }
    return pid;
}

// A folder of this user, not a symbolic link to one (never follow a link into someone's files).
bool our_folder(const fs::path& path) {
    struct stat st{};
    return ::lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == ::geteuid();
}

// Opens `<dir>/.lock` and takes it; the descriptor, or -1 (errno set: EWOULDBLOCK when another
// process holds it, ENOENT when there is no lock file).
int take_lock(const fs::path& dir, bool create) {
    const int flags = O_RDWR | O_CLOEXEC | O_NOFOLLOW | (create ? O_CREAT : 0);
    int fd = ::open((dir / kLockFile).c_str(), flags, 0600);
    if (fd < 0) return -1;
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int saved = errno;
        ::close(fd);
        errno = saved;
        return -1;
    }
    return fd;
}

bool process_gone(pid_t pid) { return ::kill(pid, 0) != 0 && errno == ESRCH; }

}  // namespace

fs::path shadow_dir_path(const fs::path& parent, const std::string& prefix, pid_t pid) {
    return parent / (prefix + std::to_string(pid));
}

std::unique_ptr<ShadowDir> ShadowDir::claim(const fs::path& parent, const std::string& prefix, std::string& error) {
    const pid_t pid = ::getpid();
    const fs::path target = shadow_dir_path(parent, prefix, pid);
    // Made under a name the clean-up does not look at, with the lock taken, then renamed: under
    // its real name the folder is never without its lock held.
    const fs::path building = parent / ("." + prefix + std::to_string(pid) + ".new");
    std::error_code ec;
    fs::remove_all(building, ec);  // a leftover of a dead process that had this pid
    if (::mkdir(building.c_str(), 0700) != 0) {
        error = "cannot create " + building.string() + ": " + std::strerror(errno);
        return nullptr;
    }
    const int fd = take_lock(building, true);
    if (fd < 0) {
        error = "cannot lock " + (building / kLockFile).string() + ": " + std::strerror(errno);
        fs::remove_all(building, ec);
        return nullptr;
    }
    auto fail = [&](const std::string& why) {
        error = why;
        ::close(fd);
        fs::remove_all(building, ec);
        return nullptr;
    };
    auto cannot_rename = [&] { return "cannot rename " + building.string() + " to " + target.string() + ": " + std::strerror(errno); };
    if (::rename(building.c_str(), target.c_str()) != 0) {
        if (errno != ENOTEMPTY && errno != EEXIST) return fail(cannot_rename());
        // A folder with this pid exists: a dead process's, unless a process with the same pid in
        // another pid namespace (a container sharing /tmp) holds its lock.
        const int old = take_lock(target, false);
        if (old < 0 && errno == EWOULDBLOCK) return fail(target.string() + " is held by another live process with the same pid");
        fs::remove_all(target, ec);
        if (old >= 0) ::close(old);
        if (::rename(building.c_str(), target.c_str()) != 0) return fail(cannot_rename());
    }
    return std::unique_ptr<ShadowDir>(new ShadowDir(target, fd));
}

ShadowDir::~ShadowDir() {
    // The copies still mapped by a library that is loaded stay valid after their files are gone.
    std::error_code ec;
    fs::remove_all(path_, ec);
    ::close(lock_fd_);
}

std::vector<fs::path> remove_stale_shadow_dirs(const fs::path& parent, const std::string& prefix) {
    std::vector<fs::path> removed;
    std::error_code ec;
    for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path path = it->path();
        const pid_t pid = pid_in_name(path.filename().string(), prefix);
        if (pid <= 0 || pid == ::getpid() || !our_folder(path)) continue;
        const int lock = take_lock(path, false);
        if (lock < 0 && !(errno == ENOENT && process_gone(pid))) continue;  // held: alive; or unsure
        // Removed while its lock is held here, so a second hub cleaning up at the same moment
        // leaves it alone.
        std::error_code remove_ec;
        fs::remove_all(path, remove_ec);
        if (lock >= 0) ::close(lock);
        if (!remove_ec) removed.push_back(path);
    }
    return removed;
}

}  // namespace leadhub::host
