// c_http_request.hpp: the C view of a request points at the request's own text.
#include <catch2/catch.hpp>

#include <leadhub/sdk/c_http_request.hpp>

#include <string>

using namespace leadhub::sdk;

TEST_CASE("the C view of a request carries every field, the headers as JSON") {
    HttpRequest request;
    request.method = "POST";
    request.target = "/hooks/t1/site";
    request.query = "a=1";
    request.headers = {{"Content-Type", "text/plain"}};
    request.body = "hello";
    request.timeout_ms = 1234;
    request.remote_addr = "192.0.2.7";
    const CHttpRequest view(request);
    const lh_http_request* c = view.get();
    CHECK(c->size == sizeof(lh_http_request));
    CHECK(std::string(c->method) == "POST");
    CHECK(std::string(c->target) == "/hooks/t1/site");
    CHECK(std::string(c->query) == "a=1");
    CHECK(parse_json(c->headers_json) == headers_to_json(request.headers));
    CHECK(std::string(c->body, c->body_size) == "hello");
    CHECK(c->timeout_ms == 1234);
    CHECK(std::string(c->remote_addr) == "192.0.2.7");
}
