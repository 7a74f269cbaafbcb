// The parts of the plugin-host protocol that must carry bytes JSON text cannot: request bodies
// and state values travel base64-encoded and come back byte for byte.
#include <catch2/catch.hpp>

#include "isolation/wire.hpp"

using namespace leadhub;

TEST_CASE("base64 carries every byte value and the empty string") {
    std::string all;
    for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
    CHECK(isolation::base64_decode(isolation::base64_encode(all)) == all);
    CHECK(isolation::base64_encode("").empty());
    CHECK(isolation::base64_decode("").empty());
    // One line however long: a newline inside would still be valid JSON, but costs bytes per frame.
    CHECK(isolation::base64_encode(std::string(1000, 'x')).find('\n') == std::string::npos);
}

TEST_CASE("an inbound request crosses the wire unchanged, body bytes included") {
    sdk::HttpRequest in;
    in.method = "POST";
    in.target = "/events";
    in.query = "token=a%20b";
    in.headers["X-Signature"] = "sha256=00ff";
    in.headers["Content-Type"] = "application/octet-stream";
    in.body = std::string("\xff\xfe\x00 not utf-8", 14);
    in.timeout_ms = 1234;
    in.remote_addr = "127.0.0.1:5555";
    // Through text, as on the socket.
    auto out = isolation::request_from_wire(nlohmann::json::parse(isolation::request_to_wire(in).dump()));
    CHECK(out.method == in.method);
    CHECK(out.target == in.target);
    CHECK(out.query == in.query);
    CHECK(out.header("x-signature") == "sha256=00ff");
    CHECK(out.body == in.body);
    CHECK(out.timeout_ms == 1234);
    CHECK(out.remote_addr == in.remote_addr);
}

TEST_CASE("a request message with a field missing is refused, not half-read") {
    auto wire = isolation::request_to_wire(sdk::HttpRequest{});
    wire.erase("body_base64");
    CHECK_THROWS(isolation::request_from_wire(wire));
}
