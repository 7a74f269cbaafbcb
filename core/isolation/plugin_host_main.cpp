// leadhub-plugin-host: runs one plugin instance in a process of its own for a hub instance
// configured with `isolation: process`. The hub starts it as
//     leadhub-plugin-host LIBRARY
// with a connected Unix stream socket on file descriptor 3 and talks to it with the framed JSON
// protocol of frame_channel.hpp / host_server.hpp. It is not meant to be run by hand.
#include "isolation/frame_channel.hpp"
#include "isolation/host_server.hpp"
#include "isolation/plugin_host_protocol.hpp"

#include "host/plugin_library.hpp"

#include <csignal>
#include <filesystem>
#include <iostream>
#include <string>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using leadhub::isolation::kChannelFd;

bool channel_is_socket() {
    struct stat st {};
    return ::fstat(kChannelFd, &st) == 0 && S_ISSOCK(st.st_mode);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2 || !channel_is_socket()) {
        std::cerr << "leadhub-plugin-host runs a plugin instance for leadhub (isolation: process); leadhub starts it\n"
                     "with a socket on file descriptor 3. It is not meant to be run by hand.\n"
                     "usage: leadhub-plugin-host LIBRARY\n";
        return 2;
    }
    // Descriptors the hub had open (its listening socket, the database) are none of the plugin's
    // business; the hub opens them close-on-exec, this makes sure.
    ::close_range(kChannelFd + 1, ~0U, 0);
    // A write to a hub that went away must end in an error value, not a signal.
    std::signal(SIGPIPE, SIG_IGN);

    leadhub::isolation::FrameChannel channel(kChannelFd);
    // The library is loaded from a copy of its own, like in the hub. The copy is removed right
    // after loading (the mapping stays valid), so a crash leaves nothing behind in the temp dir.
    const fs::path shadow_dir = fs::temp_directory_path() / ("leadhub-plugin-host-" + std::to_string(::getpid()));
    auto loaded = leadhub::host::PluginLibrary::load(argv[1], shadow_dir);
    std::error_code ignored;
    fs::remove_all(shadow_dir, ignored);
    if (!loaded) {
        channel.send({{"op", "hello"}, {"error", loaded.error}});
        return 1;
    }
    channel.send({{"op", "hello"}, {"pid", ::getpid()}, {"plugin", loaded.library->name()}});
    leadhub::isolation::HostServer server(loaded.library, channel);
    int code = server.run();
    // The hub is gone: leave without running the plugin's static destructors on threads that may
    // still be inside it.
    std::cout.flush();
    std::_Exit(code);
}
