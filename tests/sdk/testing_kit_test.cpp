// The test kit's own helpers: TempDir, eventually, FakeHttpServer, the README options rows.
// The server is driven by Poco's HTTP client, as the hub's outbound HTTP is.
#include <catch2/catch.hpp>

#include <leadhub/sdk/readme_table.hpp>
#include <leadhub/sdk/testing/eventually.hpp>
#include <leadhub/sdk/testing/fake_http_server.hpp>
#include <leadhub/sdk/testing/temp_dir.hpp>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include <atomic>
#include <sstream>
#include <thread>

using namespace leadhub::sdk;
using namespace leadhub::sdk::testing;
using namespace std::chrono_literals;

namespace {

struct Answer {
    int status = 0;
    std::string body;
    std::string header;
};

Answer call(Poco::Net::HTTPClientSession& session, const std::string& method, const std::string& target,
            const std::string& body = "", bool chunked = false) {
    Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("X-Test", "yes");
    if (chunked) request.setChunkedTransferEncoding(true);
    else request.setContentLength(static_cast<std::streamsize>(body.size()));
    session.sendRequest(request) << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    Answer out;
    out.status = response.getStatus();
    std::ostringstream text;
    Poco::StreamCopier::copyStream(in, text);
    out.body = text.str();
    out.header = response.get("X-Reply", "");
    return out;
}

}  // namespace

TEST_CASE("a temp dir is fresh, holds written files and is gone afterwards") {
    std::filesystem::path kept;
    {
        TempDir dir("leadhub-sdk-test");
        TempDir other("leadhub-sdk-test");
        kept = dir.path();
        CHECK(dir.path() != other.path());
        CHECK(std::filesystem::is_directory(dir.path()));
        CHECK(std::filesystem::is_empty(dir.path()));
        const std::string written = dir.write("conf/app.yaml", "a: 1\n");
        CHECK(written == dir.file("conf/app.yaml"));
        CHECK(written == dir / "conf/app.yaml");
        CHECK(std::filesystem::file_size(written) == 5);
    }
    CHECK_FALSE(std::filesystem::exists(kept));
}

TEST_CASE("eventually waits for a condition another thread makes true") {
    std::atomic<bool> done{false};
    std::thread later([&] {
        std::this_thread::sleep_for(50ms);
        done = true;
    });
    Polled polled = eventually([&] { return done.load(); }, 5s);
    later.join();
    CHECK(polled);
    CHECK(polled.polls > 1);
    CHECK(polled.waited >= 50ms);
}

TEST_CASE("eventually gives up at the deadline and says so") {
    const auto start = std::chrono::steady_clock::now();
    Polled polled = eventually([] { return false; }, 120ms, 20ms);
    CHECK_FALSE(polled);
    CHECK(std::chrono::steady_clock::now() - start >= 120ms);
    CHECK(polled.polls >= 6);
    CHECK(Catch::Detail::stringify(polled) == "not met within 120 ms (" + std::to_string(polled.polls) + " polls)");
}

TEST_CASE("the fake server answers recorded responses in order, the last one repeating, and logs each request") {
    FakeHttpServer server;
    server.respond("POST", "/leads", {201, {{"X-Reply", "first"}}, R"({"id": 1})"});
    server.respond("POST", "/leads", {503, {{"X-Reply", "busy"}}, "busy"});
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server.port()));

    Answer first = call(session, "POST", "/leads?src=test", R"({"name": "Anna"})");
    CHECK(first.status == 201);
    CHECK(first.header == "first");
    CHECK(first.body == R"({"id": 1})");
    CHECK(call(session, "POST", "/leads", "chunked body", true).status == 503);  // same connection, kept alive
    CHECK(call(session, "POST", "/leads", "again").status == 503);
    CHECK(call(session, "GET", "/other").status == 404);

    auto requests = server.requests();
    REQUIRE(requests.size() == 4);
    CHECK(requests[0].method == "POST");
    CHECK(requests[0].target == "/leads");
    CHECK(requests[0].query == "src=test");
    CHECK(requests[0].header("x-test") == "yes");
    CHECK(requests[0].body == R"({"name": "Anna"})");
    CHECK(requests[1].body == "chunked body");
    CHECK(requests[3].target == "/other");
    CHECK(server.url("/leads") == "http://127.0.0.1:" + std::to_string(server.port()) + "/leads");
}

TEST_CASE("the fake server waits a response's delay, so a client's timeout can be tested") {
    FakeHttpServer server;
    server.respond("GET", "/slow", {200, {}, "late", 300ms});
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server.port()));
    session.setTimeout(Poco::Timespan(0, 100 * 1000));
    CHECK_THROWS(call(session, "GET", "/slow"));
    CHECK(server.request_count() == 1);
}

TEST_CASE("the fake server answers a FakeHost's outbound calls in-process from the same queues") {
    FakeHttpServer server;
    server.respond("PUT", "/v1/deals", {200, {{"Content-Type", "application/json"}}, "{}"});
    auto handler = server.handler();
    HttpRequest request;
    request.method = "PUT";
    request.target = server.url("/v1/deals?x=1");
    request.body = "deal";
    HttpResponse response = handler(request);
    CHECK(response.status == 200);
    CHECK(response.header("content-type") == "application/json");
    REQUIRE(server.request_count() == 1);
    CHECK(server.requests()[0].target == "/v1/deals");
    CHECK(server.requests()[0].query == "x=1");
    CHECK(handler(request).status == 200);
    request.target = "http://crm.example/missing";
    CHECK(handler(request).status == 404);
}

TEST_CASE("the README rows are read from the Options section only, so a missing row is seen") {
    TempDir dir;
    const Json option = {{"name", "url"}, {"type", "string"}, {"help", "Where"}, {"required", true}, {"secret", false}};
    const std::string readme = dir.write("README.md", "# P\n\n## Options\n\n| name |\n| `url` | string | — | yes | no | Where |\n\n"
                                                      "## Other\n\n| `not` | an option |\n");
    auto rows = readme_option_rows(readme);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0] == options_table_row(option));
    CHECK(readme_option_rows(dir.file("missing.md")).empty());
}
