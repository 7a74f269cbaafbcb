#include "host/http_client.hpp"

#include "install_layout.hpp"
#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/URI.h>
#include <leadhub/sdk/ascii_text.hpp>

#include <dlfcn.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <istream>
#include <memory>
#include <mutex>
#include <ostream>

namespace leadhub::host {
namespace {

using Clock = std::chrono::steady_clock;

// A request without a timeout still gets one: nothing the hub does may wait forever.
constexpr std::uint32_t kDefaultTimeoutMs = 10000;

struct Timeout {};

// Time left until `deadline`, as Poco wants it; throws Timeout once none is left.
Poco::Timespan remaining(Clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline - Clock::now()).count();
    if (left <= 0) throw Timeout{};
    return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(left));
}

// HTTPS lives in the module leadhub-https.so (https/https_module.cpp), which alone links OpenSSL:
// it is opened on the first https:// request, so a hub that never makes one never maps OpenSSL.
// Found at <dir of the running binary>/../lib/leadhub/, where the build and `make install` put it.
struct HttpsModule {
    void* (*session)(const char* host, unsigned short port) = nullptr;
    int (*is_tls_error)(const void* exception) = nullptr;
    std::string error;  // why HTTPS is unavailable, when the module could not be loaded
};

const HttpsModule& https_module() {
    static std::once_flag once;
    static HttpsModule module;
    std::call_once(once, [] {
        const auto dir = leadhub_lib_dir();
        const auto file = dir / "leadhub-https.so";
        // RTLD_NODELETE: sessions and the TLS context outlive any handle we could close.
        void* handle = dir.empty() ? nullptr : ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
        if (!handle) {
            const char* why = dir.empty() ? "cannot find the running binary" : ::dlerror();
            module.error = "HTTPS is not available: " + file.string() + ": " + (why ? why : "cannot be loaded");
            return;
        }
        module.session = reinterpret_cast<void* (*)(const char*, unsigned short)>(::dlsym(handle, "leadhub_https_session"));
        module.is_tls_error = reinterpret_cast<int (*)(const void*)>(::dlsym(handle, "leadhub_https_is_tls_error"));
        if (!module.session || !module.is_tls_error)
            module.error = "HTTPS is not available: " + file.string() + " lacks its exports";
    });
    return module;
}

struct HttpsUnavailable {
    std::string error;
};

// Parses and checks the URL; returns "" or the reason it is unusable.
std::string parse_url(const std::string& url, Poco::URI& uri) {
    try {
        uri = Poco::URI(url);
    } catch (const Poco::Exception& e) {
        return "invalid URL '" + url + "': " + e.displayText();
    }
    const std::string scheme = sdk::ascii_lower(uri.getScheme());
    if (scheme != "http" && scheme != "https") return "invalid URL '" + url + "': the scheme must be http or https";
    if (uri.getHost().empty()) return "invalid URL '" + url + "': no host";
    return "";
}

std::unique_ptr<Poco::Net::HTTPClientSession> open_session(const Poco::URI& uri) {
    if (sdk::ascii_lower(uri.getScheme()) == "https") {
        const HttpsModule& https = https_module();
        if (!https.error.empty()) throw HttpsUnavailable{https.error};
        return std::unique_ptr<Poco::Net::HTTPClientSession>(
            static_cast<Poco::Net::HTTPClientSession*>(https.session(uri.getHost().c_str(), uri.getPort())));
    }
    return std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
}

bool method_has_body(const std::string& method) { return method == "POST" || method == "PUT" || method == "PATCH"; }

void exchange(const sdk::HttpRequest& request, const Poco::URI& uri, Clock::time_point deadline,
              sdk::HttpResponse& out) {
    auto session = open_session(uri);
    session->setKeepAlive(false);
    session->setTimeout(remaining(deadline), remaining(deadline), remaining(deadline));

    std::string target = uri.getPathEtc();
    if (target.empty()) target = "/";
    Poco::Net::HTTPRequest outbound(request.method, target, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : request.headers) outbound.set(name, value);
    if (!request.body.empty() || method_has_body(request.method))
        outbound.setContentLength(static_cast<std::streamsize>(request.body.size()));

    std::ostream& body_out = session->sendRequest(outbound);
    session->socket().setSendTimeout(remaining(deadline));
    body_out.write(request.body.data(), static_cast<std::streamsize>(request.body.size()));
    body_out.flush();
    if (!body_out) {
        if (const Poco::Exception* e = session->networkException()) e->rethrow();
        throw Poco::IOException("the request body could not be sent");
    }

    session->socket().setReceiveTimeout(remaining(deadline));
    Poco::Net::HTTPResponse response;
    std::istream& body_in = session->receiveResponse(response);
    out.status = static_cast<int>(response.getStatus());
    for (const auto& [name, value] : response) {
        auto [it, inserted] = out.headers.emplace(name, value);
        if (!inserted) it->second += ", " + value;
    }
    // One network read per step, each bounded by what is left of the deadline, so a server that
    // trickles its answer still ends at the deadline. Exceptions from the streambuf (Poco's timeout)
    // propagate; reading through the istream would swallow them.
    std::streambuf* buffer = body_in.rdbuf();
    char chunk[16384];
    for (;;) {
        session->socket().setReceiveTimeout(remaining(deadline));
        if (buffer->sgetc() == std::char_traits<char>::eof()) break;
        std::streamsize available = std::max<std::streamsize>(1, buffer->in_avail());
        std::streamsize got = buffer->sgetn(chunk, std::min<std::streamsize>(available, sizeof chunk));
        out.body.append(chunk, static_cast<std::size_t>(got));
    }
}

}  // namespace

sdk::HttpResponse http_perform(const sdk::HttpRequest& request) {
    sdk::HttpResponse out;
    Poco::URI uri;
    if (std::string problem = parse_url(request.target, uri); !problem.empty()) {
        out.error = problem;
        return out;
    }
    const std::string where = uri.getHost() + ":" + std::to_string(uri.getPort());
    const std::uint32_t timeout_ms = request.timeout_ms ? request.timeout_ms : kDefaultTimeoutMs;
    const auto deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
    auto fail = [&](const std::string& error) {
        out = sdk::HttpResponse{};
        out.error = error;
        return out;
    };
    try {
        exchange(request, uri, deadline, out);
        return out;
    } catch (const Timeout&) {
        return fail("timeout after " + std::to_string(timeout_ms) + " ms");
    } catch (const Poco::TimeoutException&) {
        return fail("timeout after " + std::to_string(timeout_ms) + " ms");
    } catch (const Poco::Net::ConnectionRefusedException&) {
        return fail("connection refused by " + where);
    } catch (const Poco::Net::HostNotFoundException&) {
        return fail("host not found: " + uri.getHost());
    } catch (const Poco::Net::NoAddressFoundException&) {
        return fail("host not found: " + uri.getHost());
    } catch (const HttpsUnavailable& e) {
        return fail(e.error);
    } catch (const Poco::Net::NoMessageException&) {
        return fail("no response from " + where + " (connection closed)");
    } catch (const Poco::Exception& e) {
        // Only an https:// exchange loaded the module that knows Poco's TLS exceptions.
        if (sdk::ascii_lower(uri.getScheme()) == "https" && https_module().is_tls_error && https_module().is_tls_error(&e))
            return fail("TLS error with " + where + ": " + e.displayText());
        return fail("HTTP exchange with " + where + " failed: " + e.displayText());
    } catch (const std::exception& e) {
        return fail("HTTP exchange with " + where + " failed: " + e.what());
    }
}

}  // namespace leadhub::host
