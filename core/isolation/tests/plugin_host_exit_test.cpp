// leadhub-plugin-host when its hub goes away without a shutdown request (the hub was killed or
// crashed): the child must end at once, with a call stuck in the plugin on one of its workers and
// other workers idle, not linger as an orphan.
#include <catch2/catch.hpp>

#include "isolation/frame_channel.hpp"
#include "isolation/plugin_host_protocol.hpp"

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <optional>
#include <spawn.h>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

using namespace leadhub;
using nlohmann::json;

namespace {

// The child and the test's end of its channel, spawned as the hub does (plugin_process.cpp).
struct Child {
    pid_t pid = -1;
    std::unique_ptr<isolation::FrameChannel> channel;

    ~Child() {
        if (pid > 0 && ::waitpid(pid, nullptr, WNOHANG) == 0) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, nullptr, 0);
        }
    }
};

void spawn(Child& child, const std::filesystem::path& library) {
    int fds[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
    int child_end = ::fcntl(fds[1], F_DUPFD_CLOEXEC, isolation::kChannelFd + 10);
    ::close(fds[1]);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, child_end, isolation::kChannelFd);
    const std::string program =
        (std::filesystem::path(LEADHUB_BINARY_DIR) / "bin" / isolation::kPluginHostProgram).string();
    const std::string library_text = library.string();
    char* argv[] = {const_cast<char*>(program.c_str()), const_cast<char*>(library_text.c_str()), nullptr};
    const int rc = ::posix_spawn(&child.pid, program.c_str(), &actions, nullptr, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(child_end);
    REQUIRE(rc == 0);
    child.channel = std::make_unique<isolation::FrameChannel>(fds[0]);
}

// Sends a request and reads until its answer (skipping the child's own messages: hello, logs).
json ask(isolation::FrameChannel& channel, json request, int id) {
    request["id"] = id;
    REQUIRE(channel.send(request));
    for (;;) {
        std::string error;
        auto message = channel.read(error);
        INFO(error);
        REQUIRE(message);
        if (message->value("op", std::string()) == "re" && message->value("id", 0) == id) return *message;
    }
}

// The child's exit code once it ended within `ms`, or nullopt.
std::optional<int> wait_exit(pid_t pid, int ms) {
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < until) {
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("the plugin host ends at once when its hub goes away, with a call stuck in the plugin and workers idle") {
    Child child;
    spawn(child, std::filesystem::path(LEADHUB_BINARY_DIR) / "lib" / "leadhub" / "isolation-test-plugins" /
                     "leadhub-test-hang_sink.so");
    auto& channel = *child.channel;
    CHECK(ask(channel, {{"op", "create"}, {"tenant", "t"}, {"name", "s"}, {"options", {{"trigger", "hang"}}}}, 1)
              .value("ok", false));
    CHECK(ask(channel, {{"op", "start"}}, 2).value("ok", false));
    // A delivery that hangs on one worker, never answered; the workers of the requests above idle.
    json delivery = {{"job_id", 7}, {"idempotency_key", "k"}, {"attempt", 1}, {"kind", "lead"}, {"tenant", "t"},
                     {"sink", "s"}, {"lead", {{"id", 1}, {"text", "hang"}}}};
    REQUIRE(channel.send({{"op", "deliver"}, {"delivery", delivery}, {"id", 3}}));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));

    child.channel.reset();  // the hub is gone: end of stream, and no shutdown request
    CHECK(wait_exit(child.pid, 3000) == std::optional<int>(0));
}
