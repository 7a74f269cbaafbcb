// A client on a raw socket, for tests of the HTTP front where the bytes matter: it sends exactly
// what a test gives it (half a request, a header the parsers disagree on, a flood of chunk
// extensions) and reads the answers one by one. Header-only, on Poco::Net.
#pragma once

#include <Poco/Exception.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/SocketImpl.h>
#include <Poco/Net/StreamSocket.h>

#include <sys/socket.h>

#include <chrono>
#include <cstdint>
#include <string>

namespace leadhub::testing {

// A client on a raw socket, to send exactly the bytes a test needs and read answers one by one.
struct Raw {
    Poco::Net::StreamSocket socket;
    std::string buffer;

    explicit Raw(uint16_t port) : socket(Poco::Net::SocketAddress("127.0.0.1", port)) {
        socket.setNoDelay(true);
        socket.setReceiveTimeout(Poco::Timespan(5, 0));
    }
    // From another loopback address (127.0.0.2, ...): another client, as the server counts them.
    Raw(uint16_t port, const std::string& from) : socket(Poco::Net::SocketAddress::IPv4) {
        socket.impl()->bind(Poco::Net::SocketAddress(from, 0));
        socket.connect(Poco::Net::SocketAddress("127.0.0.1", port));
        socket.setNoDelay(true);
        socket.setReceiveTimeout(Poco::Timespan(5, 0));
    }
    void send(const std::string& bytes) { socket.sendBytes(bytes.data(), static_cast<int>(bytes.size())); }
    // For a client the server may already have cut off: false instead of an exception or SIGPIPE.
    bool try_send(const std::string& bytes) {
        try {
            return socket.sendBytes(bytes.data(), static_cast<int>(bytes.size()), MSG_NOSIGNAL) > 0;
        } catch (const Poco::Exception&) {
            return false;
        }
    }
    void timeout(std::chrono::milliseconds t) { socket.setReceiveTimeout(Poco::Timespan(t.count() * 1000)); }

    struct Answer {
        int status = 0;  // 0: the connection closed or the read timed out first
        std::string head;
        std::string body;
    };
    // 1: bytes, 0: closed by the server, -1: timed out or reset.
    int fill() {
        char chunk[4096];
        try {
            int n = socket.receiveBytes(chunk, sizeof chunk);
            if (n <= 0) return 0;
            buffer.append(chunk, static_cast<std::size_t>(n));
            return 1;
        } catch (const Poco::TimeoutException&) {
            return -1;
        } catch (const Poco::Exception&) {
            return 0;  // reset: closed too
        }
    }
    Answer read() {
        std::size_t end;
        while ((end = buffer.find("\r\n\r\n")) == std::string::npos)
            if (fill() <= 0) return {};
        Answer a;
        a.head = buffer.substr(0, end + 4);
        a.status = std::stoi(a.head.substr(9, 3));
        std::size_t length = 0;
        if (auto at = a.head.find("Content-Length: "); at != std::string::npos) length = std::stoul(a.head.substr(at + 16));
        while (buffer.size() < end + 4 + length)
            if (fill() <= 0) return {};
        a.body = buffer.substr(end + 4, length);
        buffer.erase(0, end + 4 + length);
        return a;
    }
    // Waits for the server to close the connection (true) or for the read timeout (false).
    bool closed_by_server() {
        for (;;) {
            int r = fill();
            if (r == 0) return true;
            if (r < 0) return false;
        }
    }
};

inline std::string post(const std::string& path, const std::string& body, const std::string& extra = "") {
    return "POST " + path + " HTTP/1.1\r\nHost: t\r\nX-Test: yes\r\n" + extra + "Content-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace leadhub::testing
