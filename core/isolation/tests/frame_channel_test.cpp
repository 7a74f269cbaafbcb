// The frame reader against a peer that is not well behaved: a frame of valid JSON nested far
// deeper than anything the protocol carries is a protocol error, not a value for the hub to copy.
#include <catch2/catch.hpp>

#include "isolation/frame_channel.hpp"

#include <string>
#include <sys/socket.h>
#include <unistd.h>

using leadhub::isolation::FrameChannel;

namespace {

// Writes `payload` as one frame (4-byte big-endian length, then the bytes).
void write_frame(int fd, const std::string& payload) {
    const auto n = static_cast<uint32_t>(payload.size());
    const unsigned char header[4] = {static_cast<unsigned char>(n >> 24), static_cast<unsigned char>(n >> 16),
                                     static_cast<unsigned char>(n >> 8), static_cast<unsigned char>(n)};
    std::string frame(reinterpret_cast<const char*>(header), 4);
    frame += payload;
    for (std::size_t done = 0; done < frame.size();) {
        const ssize_t written = ::write(fd, frame.data() + done, frame.size() - done);
        REQUIRE(written > 0);
        done += static_cast<std::size_t>(written);
    }
}

}  // namespace

TEST_CASE("a frame nested 100,000 levels deep is refused as a protocol error, naming the limit") {
    int fds[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    FrameChannel channel(fds[0]);
    std::string error;

    write_frame(fds[1], R"({"op": "re", "id": 1, "output": )" + std::string(100000, '[') + std::string(100000, ']') + "}");
    CHECK_FALSE(channel.read(error));
    CHECK(error == "a frame of JSON nested deeper than 73 levels");

    // As deep as a wrapped value may be, one level down: read.
    const std::size_t wrapped = leadhub::sdk::kMaxWrappedJsonDepth;
    write_frame(fds[1], R"({"op": "re", "id": 2, "output": )" + std::string(wrapped, '[') + std::string(wrapped, ']') + "}");
    auto message = channel.read(error);
    REQUIRE(message);
    CHECK(message->at("id") == 2);
    ::close(fds[1]);
}
