// The TLS half of the hub's outbound HTTP client, built as its own module `leadhub-https.so` and
// opened by http_client.cpp on the first https:// request. Poco::NetSSL pulls in libPocoCrypto,
// libssl and libcrypto (~2 MiB of mapped pages and thousands of relocations at every start);
// a hub whose plugins never speak HTTPS now never loads them (docs/benchmarks.md, "Start-up").
//
// Both exports are plain C symbols so dlsym finds them by name; what crosses is Poco's own types,
// built against the same Poco and libstdc++ as the hub.
#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>

#include <mutex>

namespace {

// One client TLS context for the process: system CAs, certificates verified, and a handler that
// rejects bad certificates so Poco never looks for an application config.
Poco::Net::Context::Ptr tls_context() {
    static std::once_flag once;
    static Poco::Net::Context::Ptr context;
    std::call_once(once, [] {
        Poco::Net::initializeSSL();
        context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                         Poco::Net::Context::VERIFY_RELAXED, 9, true);
        Poco::SharedPtr<Poco::Net::InvalidCertificateHandler> reject = new Poco::Net::RejectCertificateHandler(false);
        Poco::Net::SSLManager::instance().initializeClient(nullptr, reject, context);
    });
    return context;
}

}  // namespace

// A new HTTPS session to host:port, as a Poco::Net::HTTPClientSession* the caller owns. Throws
// what Poco throws.
extern "C" __attribute__((visibility("default"))) void* leadhub_https_session(const char* host, unsigned short port) {
    Poco::Net::HTTPClientSession* session = new Poco::Net::HTTPSClientSession(host, port, tls_context());
    return session;
}

// Whether `exception` (a const Poco::Exception*) is a TLS failure: the handshake, a certificate.
extern "C" __attribute__((visibility("default"))) int leadhub_https_is_tls_error(const void* exception) {
    return dynamic_cast<const Poco::Net::SSLException*>(static_cast<const Poco::Exception*>(exception)) != nullptr;
}
