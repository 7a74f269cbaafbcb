// The plugin copy folders: a live process's is never removed (pid reuse included), a dead one's is.
#include "host/shadow_dir.hpp"

#include "test_plugins.hpp"

#include <catch2/catch.hpp>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

using namespace leadhub::host;
using leadhub::host::testing::TempDir;
namespace fs = std::filesystem;

namespace {

const std::string kPrefix = kShadowDirPrefix;

// A pid no process has: a child that ended and was reaped (pids are reused only much later).
pid_t dead_pid() {
    pid_t pid = ::fork();
    if (pid == 0) ::_exit(0);
    ::waitpid(pid, nullptr, 0);
    return pid;
}

// A folder as a hub leaves it: a plugin copy and, unless `lock` is false, the lock file.
fs::path make_folder(const fs::path& parent, pid_t pid, bool lock = true) {
    fs::path dir = shadow_dir_path(parent, kPrefix, pid);
    fs::create_directories(dir);
    std::ofstream(dir / "leadhub-http-1-1.so") << "a copy";
    if (lock) std::ofstream(dir / ".lock");
    return dir;
}

// Is the lock file in `dir` held by some process (an open of our own cannot take it)?
bool lock_held(const fs::path& dir) {
    int fd = ::open((dir / ".lock").c_str(), O_RDWR | O_CLOEXEC);
    if (fd < 0) return false;
    bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    ::close(fd);
    return held;
}

// A live process with a folder named after its pid. With `hold_lock` it holds the folder's lock,
// as a running hub does; without, it is a process that got a dead hub's pid. The child only makes
// system calls (it was forked from a process that may have threads): it takes the lock of a
// folder prepared before the fork, and the parent then renames the folder to the child's pid.
class LiveProcess {
public:
    LiveProcess(const fs::path& parent, bool hold_lock) {
        const fs::path pending = parent / "pending";
        fs::create_directories(pending);
        std::ofstream(pending / ".lock");
        const std::string lock_path = (pending / ".lock").string();
        int ready[2];
        REQUIRE(::pipe(ready) == 0);
        pid_ = ::fork();
        if (pid_ == 0) {
            char ok = 'y';
            if (hold_lock) {
                int fd = ::open(lock_path.c_str(), O_RDWR);
                ok = fd >= 0 && ::flock(fd, LOCK_EX) == 0 ? 'y' : 'n';
            }
            (void)!::write(ready[1], &ok, 1);
            for (;;) ::pause();
        }
        ::close(ready[1]);
        char ok = 0;
        REQUIRE(::read(ready[0], &ok, 1) == 1);
        ::close(ready[0]);
        REQUIRE(ok == 'y');
        dir_ = shadow_dir_path(parent, kPrefix, pid_);
        fs::rename(pending, dir_);
        std::ofstream(dir_ / "leadhub-http-1-1.so") << "a copy";
    }
    ~LiveProcess() { kill(); }
    void kill() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }
    const fs::path& dir() const { return dir_; }

private:
    pid_t pid_ = -1;
    fs::path dir_;
};

}  // namespace

TEST_CASE("a dead process's folder is removed; a live one's is kept, also after its pid is reused") {
    TempDir scratch;
    const fs::path& parent = scratch.path();
    const fs::path dead = make_folder(parent, dead_pid());
    const fs::path dead_without_lock = make_folder(parent, dead_pid(), false);
    // A reused pid: the pid is alive, but nothing holds the lock any more.
    LiveProcess reused(parent, false);
    // A live pid (1 is always there) and no lock file: a hub from before the lock file; kept.
    const fs::path live_without_lock = make_folder(parent, 1, false);
    const fs::path own = make_folder(parent, ::getpid(), false);
    const fs::path not_a_pid = parent / (kPrefix + "12ab");
    fs::create_directories(not_a_pid);
    const fs::path other_name = parent / ("leadhub-other-" + std::to_string(dead_pid()));
    fs::create_directories(other_name);
    // A link named like a dead hub's folder is not followed: what it points to is not ours to remove.
    const fs::path target = parent / "elsewhere";
    fs::create_directories(target);
    std::ofstream(target / "keep") << "x";
    const fs::path link = shadow_dir_path(parent, kPrefix, dead_pid());
    fs::create_directory_symlink(target, link);
    LiveProcess live(parent, true);
    REQUIRE(lock_held(live.dir()));

    auto removed = remove_stale_shadow_dirs(parent, kPrefix);
    std::sort(removed.begin(), removed.end());
    std::vector<fs::path> expected{dead, dead_without_lock, reused.dir()};
    std::sort(expected.begin(), expected.end());
    CHECK(removed == expected);
    CHECK_FALSE(fs::exists(dead));
    CHECK_FALSE(fs::exists(dead_without_lock));
    CHECK_FALSE(fs::exists(reused.dir()));
    CHECK(fs::exists(live.dir() / "leadhub-http-1-1.so"));
    CHECK(fs::exists(live_without_lock / "leadhub-http-1-1.so"));
    CHECK(fs::exists(own / "leadhub-http-1-1.so"));
    CHECK(fs::exists(not_a_pid));
    CHECK(fs::exists(other_name));
    CHECK(fs::is_symlink(link));
    CHECK(fs::exists(target / "keep"));

    // The live process is killed: its lock goes with it, and so does its folder.
    live.kill();
    CHECK(remove_stale_shadow_dirs(parent, kPrefix) == std::vector<fs::path>{live.dir()});
    CHECK_FALSE(fs::exists(live.dir()));
}

TEST_CASE("a claimed folder holds its lock while it lives and is removed with what is in it") {
    TempDir scratch;
    const fs::path mine = shadow_dir_path(scratch.path(), kPrefix, ::getpid());
    // A leftover of a dead process that had this pid is replaced.
    fs::create_directories(mine);
    std::ofstream(mine / "leftover.so") << "old";
    {
        std::string error;
        auto dir = ShadowDir::claim(scratch.path(), kPrefix, error);
        INFO(error);
        REQUIRE(dir);
        CHECK(dir->path() == mine);
        CHECK_FALSE(fs::exists(mine / "leftover.so"));
        CHECK(lock_held(mine));
        CHECK((fs::status(mine).permissions() & fs::perms::all) == fs::perms::owner_all);
        std::ofstream(mine / "leadhub-http-1-1.so") << "a copy";
        // Only the folder is there: nothing half-made is left under another name.
        CHECK(std::distance(fs::directory_iterator(scratch.path()), fs::directory_iterator()) == 1);
    }
    CHECK_FALSE(fs::exists(mine));
}
