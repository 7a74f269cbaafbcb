// Control characters from a stranger are dropped from everything the lead stores.
#include <catch2/catch.hpp>

#include "test_request.hpp"

#include <leadhub/sdk/testing.hpp>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

namespace {

using leadhub::webform::test::post;

struct LeadForm {
    FakeHost host;
    Harness plugin = Harness::linked(host);
    LeadForm() { REQUIRE(plugin.create("site").empty()); }

    Message lead(const HttpRequest& request) {
        auto r = plugin.webhook(request);
        REQUIRE(r.status == 200);
        REQUIRE(r.messages.size() == 1);
        return r.messages[0];
    }
};

}  // namespace

TEST_CASE("NUL and the other control characters but tab, CR and LF are dropped from every stored text") {
    LeadForm f;
    SECTION("a url-encoded form") {
        Message m = f.lead(post("name=%D0%90%00%01%D0%BD%D0%BD%D0%B0&message=a%00b%07c%0D%0Ad%09e%7F"
                                "&phone=8903%001112233&email=a%00@b.ru&utm_source=v%00k&ser%00vice=x%1By"));
        CHECK(m.name == std::optional<std::string>("Анна"));
        CHECK(m.text == std::optional<std::string>("abc\r\nd\te"));
        CHECK(m.phone == std::optional<std::string>("+79031112233"));
        CHECK(m.email == std::optional<std::string>("a@b.ru"));
        CHECK(m.utm.at("utm_source") == "vk");
        CHECK(m.extra["fields"] == Json{{"service", "xy"}});
    }
    SECTION("a JSON post") {
        Message m = f.lead(post(R"({"name": "Ан\u0000на", "message": "x\u0000y\u001f", "utm": {"source": "v\u0000k"},
                                   "co\u0000lour": "red\u0008"})",
                                "application/json"));
        CHECK(m.name == std::optional<std::string>("Анна"));
        CHECK(m.text == std::optional<std::string>("xy"));
        CHECK(m.utm.at("utm_source") == "vk");
        CHECK(m.extra["fields"] == Json{{"colour", "red"}});
    }
    SECTION("a multipart post, file names included") {
        const std::string nul(1, '\0');
        const std::string body = "--b\r\nContent-Disposition: form-data; name=\"na" + nul + "me\"\r\n\r\nАн" + nul + "на\r\n" +
                                 "--b\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"a\x01.jpg\"\r\n\r\nJPEG\r\n--b--\r\n";
        Message m = f.lead(post(body, "multipart/form-data; boundary=b"));
        CHECK(m.name == std::optional<std::string>("Анна"));
        REQUIRE(m.extra["files"].size() == 1);
        CHECK(m.extra["files"][0]["filename"] == "a.jpg");
    }
    SECTION("UTM from Tilda's cookie, decoded from its percent-encoding") {
        Message m = f.lead(post("name=A&tranid=1%3A2&COOKIES=TILDAUTM%3Dutm_source%253Dya%2500ndex%257C%257C%257C"));
        CHECK(m.utm.at("utm_source") == "yandex");
    }
}
