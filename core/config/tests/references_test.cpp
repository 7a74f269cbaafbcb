#include "config/references.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <fstream>

using namespace leadhub::config;
using leadhub::config::testing::TempDir;
using leadhub::config::testing::fake_env;

TEST_CASE("environment references are replaced and remembered as secrets") {
    auto env = fake_env({{"CRM_KEY", "k-123456"}, {"HOST", "crm.example.org"}});
    ResolvedText r = resolve_references("https://${HOST}/hook?key=${CRM_KEY}", env, ".");
    CHECK(r.errors.empty());
    CHECK(r.value == "https://crm.example.org/hook?key=k-123456");
    CHECK(r.secrets == std::vector<std::string>{"crm.example.org", "k-123456"});
}

TEST_CASE("text without references is unchanged and holds no secrets") {
    ResolvedText r = resolve_references("plain $5 text {x}", fake_env({}), ".");
    CHECK(r.value == "plain $5 text {x}");
    CHECK(r.secrets.empty());
    CHECK(r.errors.empty());
}

TEST_CASE("$${ is a literal ${") {
    ResolvedText r = resolve_references("cost=$${NOT_A_VAR} and $${file:x}", fake_env({}), ".");
    CHECK(r.errors.empty());
    CHECK(r.value == "cost=${NOT_A_VAR} and ${file:x}");
    CHECK(r.secrets.empty());
}

TEST_CASE("file references read the file relative to the base dir, trailing newlines stripped") {
    TempDir dir;
    dir.write("secrets/token", "s3cret-value\r\n\n");
    ResolvedText r = resolve_references("Bearer ${file:secrets/token}", fake_env({}), dir.path());
    CHECK(r.errors.empty());
    CHECK(r.value == "Bearer s3cret-value");
    CHECK(r.secrets == std::vector<std::string>{"s3cret-value"});

    ResolvedText absolute = resolve_references("${file:" + (dir.path() / "secrets/token").string() + "}",
                                               fake_env({}), "/nonexistent-base");
    CHECK(absolute.value == "s3cret-value");
}

TEST_CASE("bad references are errors with a clear message") {
    TempDir dir;
    auto env = fake_env({});
    CHECK(resolve_references("${CRM_KEY}", env, ".").errors ==
          std::vector<std::string>{"environment variable CRM_KEY is not set"});
    auto missing = resolve_references("${file:nope/token}", env, dir.path());
    REQUIRE(missing.errors.size() == 1);
    CHECK_THAT(missing.errors[0], Catch::StartsWith("cannot read secret file 'nope/token'"));
    CHECK_THAT(resolve_references("${file:}", env, ".").errors.at(0), Catch::Contains("names no file"));
    CHECK_THAT(resolve_references("${CRM-KEY}", env, ".").errors.at(0), Catch::Contains("is not a valid reference"));
    CHECK_THAT(resolve_references("${}", env, ".").errors.at(0), Catch::Contains("is not a valid reference"));
    CHECK_THAT(resolve_references("key=${CRM_KEY", env, ".").errors.at(0),
               Catch::StartsWith("unterminated reference '${CRM_KEY'"));
    CHECK_THAT(resolve_references("${file:.}", env, dir.path()).errors.at(0), Catch::Contains("cannot read secret file"));
}

TEST_CASE("a secret file must be a regular file of a secret's size, never a device or a pipe") {
    TempDir dir;
    auto env = fake_env({});
    // /dev/zero would fill memory and a FIFO with no writer would block the load for ever.
    auto device = resolve_references("${file:/dev/zero}", env, dir.path());
    REQUIRE(device.errors.size() == 1);
    CHECK_THAT(device.errors[0], Catch::StartsWith("secret file '/dev/zero' is not a regular file"));
    const auto fifo = dir.path() / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    auto pipe = resolve_references("${file:pipe}", env, dir.path());
    REQUIRE(pipe.errors.size() == 1);
    CHECK_THAT(pipe.errors[0], Catch::StartsWith("secret file 'pipe' is not a regular file"));

    std::ofstream(dir.path() / "big") << std::string(kMaxSecretFileBytes + 1, 'k');
    auto big = resolve_references("${file:big}", env, dir.path());
    REQUIRE(big.errors.size() == 1);
    CHECK_THAT(big.errors[0], Catch::Contains("more than 65536 a secret may have"));
    std::ofstream(dir.path() / "at-limit") << std::string(kMaxSecretFileBytes - 1, 'k') << "\n";
    auto at_limit = resolve_references("${file:at-limit}", env, dir.path());
    CHECK(at_limit.errors.empty());
    CHECK(at_limit.value.size() == kMaxSecretFileBytes - 1);  // the newline stripped
}

TEST_CASE("every bad reference in one value is reported") {
    auto r = resolve_references("${A}-${B}-${C}", fake_env({{"B", "bbbb"}}), ".");
    CHECK(r.errors == std::vector<std::string>{"environment variable A is not set", "environment variable C is not set"});
}
