#include "kit/isolated_run.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

namespace leadhub::kit {

namespace {

using Clock = std::chrono::steady_clock;

void write_all(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
    }
}

[[noreturn]] void run_child(const std::function<nlohmann::json()>& work, int out_fd) {
    int null_fd = ::open("/dev/null", O_WRONLY);
    if (null_fd >= 0) ::dup2(null_fd, STDOUT_FILENO);
    std::string text;
    try {
        text = work().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    } catch (const std::exception& e) {
        text = nlohmann::json{{"passed", false}, {"reason", std::string("the check threw: ") + e.what()}}.dump(
            -1, ' ', false, nlohmann::json::error_handler_t::replace);
    } catch (...) {
        text = R"({"passed": false, "reason": "the check threw an unknown exception"})";
    }
    write_all(out_fd, text);
    ::_exit(0);
}

// Reads the child's answer until EOF or the deadline; false on timeout.
bool read_until_eof(int fd, Clock::time_point deadline, std::string& out) {
    char buffer[65536];
    for (;;) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) return false;
        pollfd p{fd, POLLIN, 0};
        int ready = ::poll(&p, 1, static_cast<int>(left));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) return false;
        ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return true;
        out.append(buffer, static_cast<std::size_t>(n));
    }
}

int wait_for(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
}

}  // namespace

IsolatedResult run_isolated(const std::function<nlohmann::json()>& work, std::chrono::milliseconds timeout) {
    IsolatedResult result;
    int fds[2];
    if (::pipe(fds) != 0) {
        result.problem = std::string("cannot create a pipe: ") + std::strerror(errno);
        return result;
    }
    std::fflush(nullptr);  // nothing buffered may be written twice by the child
    pid_t pid = ::fork();
    if (pid < 0) {
        result.problem = std::string("cannot fork: ") + std::strerror(errno);
        ::close(fds[0]);
        ::close(fds[1]);
        return result;
    }
    if (pid == 0) {
        ::close(fds[0]);
        run_child(work, fds[1]);
    }
    ::close(fds[1]);
    std::string text;
    const bool in_time = read_until_eof(fds[0], Clock::now() + timeout, text);
    ::close(fds[0]);
    if (!in_time) {
        ::kill(pid, SIGKILL);  // only the child this call started
        wait_for(pid);
        result.ended = IsolatedResult::Ended::timed_out;
        result.problem = "did not finish within " + std::to_string(timeout.count()) + " ms";
        return result;
    }
    const int status = wait_for(pid);
    if (WIFSIGNALED(status)) {
        const int sig = WTERMSIG(status);
        const char* name = ::strsignal(sig);
        result.ended = IsolatedResult::Ended::crashed;
        result.problem = "crashed with signal " + std::to_string(sig) + " (" + (name ? name : "unknown") + ")";
        return result;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
        result.problem = "the plugin ended the process with exit code " + std::to_string(WEXITSTATUS(status));
        return result;
    }
    result.value = nlohmann::json::parse(text, nullptr, false);
    if (result.value.is_discarded()) {
        result.problem = text.empty() ? "the plugin ended the process before the check finished"
                                      : "the check sent back an unreadable result";
        return result;
    }
    result.ended = IsolatedResult::Ended::finished;
    return result;
}

}  // namespace leadhub::kit
