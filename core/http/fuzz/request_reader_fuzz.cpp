// Fuzzes the HTTP request reader as the event loop drives it (io_loop.cpp): bytes arrive in pieces
// of any size, each piece appended to the connection's buffer and advance() called; a complete
// request is taken and its bytes erased, the rest read as the next (pipelined) request; a failure
// ends the connection. Only the public interface is used, so the reader's insides may change.
//
// Input: 5 bytes of settings, then the bytes the client sends. Settings: the header and body
// limits (2 bytes each, small ones so that 413 and 431 are reached) and the seed of the piece
// sizes (0: everything at once). Seed files are these 5 bytes plus a real request.
#include "http/request_reader.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>

using leadhub::http::detail::ReaderLimits;
using leadhub::http::detail::RequestReader;
using Step = RequestReader::Step;

namespace {

// A broken promise of the interface is a finding like a crash.
void require(bool ok) {
    if (!ok) std::abort();
}

bool known_failure(int status) {
    switch (status) {
        case 400: case 408: case 413: case 414: case 431: case 501: case 505: return true;
        default: return false;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 5) return 0;
    ReaderLimits limits;
    limits.max_header_bytes = 16 + (data[0] | data[1] << 8) % 8192;
    limits.max_body_bytes = (data[2] | data[3] << 8) % 8192;
    std::uint32_t seed = data[4];
    const std::string stream(reinterpret_cast<const char*>(data) + 5, size - 5);

    RequestReader reader(limits);
    std::string buffer;
    std::size_t fed = 0;
    int requests = 0;
    while (true) {
        // The next piece: 0 to 63 bytes (0 is a wake-up with nothing new, also legal).
        std::size_t piece = stream.size() - fed;
        if (seed != 0) {
            seed ^= seed << 13, seed ^= seed >> 17, seed ^= seed << 5;  // xorshift32
            piece = std::min<std::size_t>(piece, seed % 64);
        }
        buffer.append(stream, fed, piece);
        fed += piece;
        Step step = reader.advance(buffer);
        while (step == Step::complete) {
            require(reader.consumed() <= buffer.size());
            std::size_t used = reader.consumed();
            auto request = reader.take();
            require(request.body.size() <= limits.max_body_bytes);
            require(!request.method.empty());
            buffer.erase(0, used);
            if (++requests > 1000) return 0;
            step = reader.advance(buffer);  // the pipelined rest, if any
        }
        if (step == Step::failed) {
            require(known_failure(reader.failure_status()));
            require(!reader.failure_reason().empty());
            return 0;
        }
        // Waiting for more: what is held may not outgrow one request's bound (request_reader.hpp),
        // give or take the last piece.
        require(buffer.size() <= limits.max_header_bytes + 2 * limits.max_body_bytes + 64 * 1024 + 64);
        if (fed == stream.size() && (seed == 0 || piece == 0)) return 0;
    }
}
