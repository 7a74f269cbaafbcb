#include "isolation/plugin_process.hpp"

#include "isolation/plugin_host_protocol.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace leadhub::isolation {
namespace {

std::string describe_status(int status) {
    if (WIFEXITED(status)) return "exited with code " + std::to_string(WEXITSTATUS(status));
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        const char* name = ::strsignal(sig);
        return "was killed by signal " + std::to_string(sig) + " (" + (name ? name : "unknown") + ")";
    }
    return "ended with status " + std::to_string(status);
}

}  // namespace

PluginProcess::Spawned PluginProcess::spawn(const std::filesystem::path& program, const std::filesystem::path& library,
                                            ServiceHandler services, EndHandler on_end, int64_t hello_timeout_ms) {
    int fds[2];
    // Close-on-exec on both ends: no other child (another plugin process spawned at the same time)
    // may inherit them, or the hub would never see this child's end of stream.
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
        return {nullptr, std::string("socketpair failed: ") + std::strerror(errno)};
    // dup2 onto the channel descriptor only clears close-on-exec when the numbers differ.
    int child_end = ::fcntl(fds[1], F_DUPFD_CLOEXEC, kChannelFd + 10);
    ::close(fds[1]);
    if (child_end < 0) {
        ::close(fds[0]);
        return {nullptr, std::string("fcntl failed: ") + std::strerror(errno)};
    }

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, child_end, kChannelFd);
    const std::string program_text = program.string(), library_text = library.string();
    char* argv[] = {const_cast<char*>(program_text.c_str()), const_cast<char*>(library_text.c_str()), nullptr};
    // A clean signal state whatever the spawning thread had blocked (the hub blocks its shutdown
    // signals to wait for them), and a process group of its own, so a Ctrl-C at the terminal
    // reaches only the hub, which drains and then ends the child by closing its socket.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attributes, &none);
    posix_spawnattr_setsigdefault(&attributes, &all);
    posix_spawnattr_setpgroup(&attributes, 0);
    posix_spawnattr_setflags(&attributes, static_cast<short>(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP));
    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, program_text.c_str(), &actions, &attributes, argv, environ);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    ::close(child_end);
    if (rc != 0) {
        ::close(fds[0]);
        return {nullptr, "cannot start " + program_text + ": " + std::strerror(rc)};
    }

    std::shared_ptr<PluginProcess> p(new PluginProcess());
    p->pid_ = pid;
    p->channel_ = std::make_unique<FrameChannel>(fds[0]);
    p->services_ = std::move(services);
    p->on_end_ = std::move(on_end);
    p->reader_ = std::thread([raw = p.get()] { raw->read_loop(); });

    std::unique_lock lock(p->hello_mutex_);
    const bool said_hello = p->hello_cv_.wait_for(lock, std::chrono::milliseconds(hello_timeout_ms),
                                                  [&] { return p->hello_.has_value() || p->ended_; });
    if (!said_hello || !p->hello_) {
        lock.unlock();
        const std::string why = "did not report its library loaded within " + std::to_string(hello_timeout_ms) + " ms";
        p->kill(why);
        return {nullptr, "the plugin host process " + program_text + (p->ended_ ? " ended before it was ready" : " " + why)};
    }
    if (p->hello_->contains("error")) {
        std::string error = p->hello_->value("error", std::string());
        lock.unlock();
        return {nullptr, "the plugin host process could not load the library: " + error};
    }
    return {p, ""};
}

PluginProcess::~PluginProcess() {
    kill("was killed by the hub as its instance went away");
    if (reader_.joinable()) reader_.join();
}

void PluginProcess::kill(const std::string& reason) {
    std::lock_guard lock(pid_mutex_);
    if (reaped_ || pid_ <= 0) return;
    if (kill_reason_.empty()) kill_reason_ = reason;
    killed_ = true;
    ::kill(pid_, SIGKILL);
}

void PluginProcess::shutdown(int64_t timeout_ms) {
    auto answer = call({{"op", "shutdown"}}, timeout_ms);
    if (answer.kind == FrameChannel::Answer::Kind::timed_out) kill("did not shut down within " + std::to_string(timeout_ms) + " ms");
    // After the answer the child calls _exit; the reader sees the end of stream and reaps it.
    if (reader_.joinable()) reader_.join();
}

std::string PluginProcess::reap() {
    // The end of stream arrives while the child is still exiting: give it a moment to become a
    // zombie, then make sure (a child that closed its socket or wrote garbage but lives on is of no
    // use any more). The PID is signalled only while it is unreaped, so it is still this child's.
    using clock = std::chrono::steady_clock;
    const auto give_up = clock::now() + std::chrono::seconds(2);
    for (;;) {
        {
            std::lock_guard lock(pid_mutex_);
            if (reaped_) return kill_reason_;
            const bool late = clock::now() >= give_up;
            if (late) {
                if (kill_reason_.empty()) kill_reason_ = "stopped talking to the hub without exiting and was killed";
                ::kill(pid_, SIGKILL);
            }
            int status = 0;
            const pid_t r = ::waitpid(pid_, &status, late ? 0 : WNOHANG);
            if (r == pid_ || (r < 0 && errno != EINTR)) {
                reaped_ = true;
                // A kill of our own is the better description ("killed by signal 9" says nothing).
                if (kill_reason_.empty()) kill_reason_ = r == pid_ ? describe_status(status) : "could not be waited for";
                return kill_reason_;
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

void PluginProcess::read_loop() {
    for (;;) {
        std::string error;
        auto message = channel_->read(error);
        if (!message) break;
        const std::string op = message->value("op", std::string());
        if (op == "re") {
            channel_->complete(*message);
            continue;
        }
        if (op == "hello") {
            std::lock_guard lock(hello_mutex_);
            hello_ = std::move(*message);
            hello_cv_.notify_all();
            continue;
        }
        nlohmann::json answer;
        try {
            answer = services_(*message);
        } catch (const std::exception& e) {
            answer = {{"error", std::string("the hub could not serve '") + op + "': " + e.what()}};
        }
        if (message->contains("id")) {
            answer["op"] = "re";
            answer["id"] = (*message)["id"];
            channel_->send(answer);
        }
    }
    // The stream ended or went bad: make sure the child is gone, then fail the calls waiting on it.
    const std::string how = reap();
    ended_ = true;  // before the waiting calls return, so their callers never pick this child again
    channel_->close("the plugin process " + how);
    {
        std::lock_guard lock(hello_mutex_);
        hello_cv_.notify_all();
    }
    if (on_end_) on_end_(*this, how);
}

}  // namespace leadhub::isolation
