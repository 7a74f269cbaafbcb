#include "http/response_bytes.hpp"

#include <Poco/Net/HTTPResponse.h>
#include <Poco/String.h>

#include <ctime>

namespace leadhub::http::detail {

namespace {

// The Date header, formatted once a second per thread rather than per answer.
const std::string& date_header() {
    thread_local std::time_t formatted_for = 0;
    thread_local std::string header;
    std::time_t now = std::time(nullptr);
    if (now != formatted_for) {
        std::tm tm{};
        gmtime_r(&now, &tm);
        char text[64];
        std::size_t n = std::strftime(text, sizeof text, "Date: %a, %d %b %Y %H:%M:%S GMT\r\n", &tm);
        header.assign(text, n);
        formatted_for = now;
    }
    return header;
}

bool safe(const std::string& s) { return s.find_first_of("\r\n") == std::string::npos; }

// Framing headers are the server's: a handler's own would contradict the body sent.
bool framing(const std::string& name) {
    return Poco::icompare(name, "Content-Length") == 0 || Poco::icompare(name, "Transfer-Encoding") == 0 ||
           Poco::icompare(name, "Connection") == 0 || Poco::icompare(name, "Date") == 0;
}

}  // namespace

std::string response_bytes(const Response& r, bool keep_alive, bool head) {
    std::string out;
    out.reserve(160 + r.body.size());
    out += "HTTP/1.1 ";
    out += std::to_string(r.status);
    out += ' ';
    out += Poco::Net::HTTPResponse::getReasonForStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(r.status));
    out += "\r\n";
    out += date_header();
    if (!r.content_type.empty() && safe(r.content_type)) {
        out += "Content-Type: ";
        out += r.content_type;
        out += "\r\n";
    }
    for (const auto& [name, value] : r.headers) {
        // A header a plugin built from untrusted input must not split the response.
        if (name.empty() || !safe(name) || !safe(value) || framing(name) ||
            Poco::icompare(name, "Content-Type") == 0)
            continue;
        out += name;
        out += ": ";
        out += value;
        out += "\r\n";
    }
    out += "Content-Length: ";
    out += std::to_string(r.body.size());
    // Said either way: an HTTP/1.0 client closes unless told "keep-alive".
    out += keep_alive ? "\r\nConnection: keep-alive\r\n\r\n" : "\r\nConnection: close\r\n\r\n";
    if (!head) out += r.body;
    return out;
}

}  // namespace leadhub::http::detail
