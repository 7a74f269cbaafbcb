// The file sink through its real C exports on the SDK's fake host, on a temporary folder.
#include <catch2/catch.hpp>

#include <leadhub/sdk/testing.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/stat.h>
#include <unistd.h>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;
using leadhub::sdk::testing::TempDir;
using leadhub::sdk::testing::make_delivery;
namespace fs = std::filesystem;

namespace {


std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<Json> read_lines(const fs::path& p) {
    std::vector<Json> out;
    std::istringstream in(read_all(p));
    for (std::string line; std::getline(in, line);) out.push_back(Json::parse(line));
    return out;
}

Json lead(const std::string& name) { return {{"id", 1}, {"tenant", "demo"}, {"name", name}, {"phone", "+79031112233"}}; }

}  // namespace

TEST_CASE("each lead is one line, in a file created with its folders") {
    TempDir dir("leadhub-file-sink");
    const fs::path file = dir.path() / "crm" / "2026" / "leads.jsonl";
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("crm", {{"path", file.string()}}) == "");
    REQUIRE(plugin.start() == "");
    auto first = plugin.deliver(make_delivery(lead("Анна"), 1));
    auto second = plugin.deliver(make_delivery(lead("Борис"), 2));
    CHECK(first.kind == Outcome::Kind::ok);
    CHECK(first.external_id == "line-1");
    CHECK(second.external_id == "line-2");
    auto lines = read_lines(file);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["idempotency_key"] == "lead-1");
    CHECK(lines[0]["lead"] == lead("Анна"));
    CHECK(lines[1]["lead"]["name"] == "Борис");
    CHECK(lines[1]["written_at"] == "2026-01-01T00:00:00.000Z");
    CHECK(host.metrics["file_sink_lines"] == 2);
}

TEST_CASE("a retried or replayed job is not written twice") {
    TempDir dir("leadhub-file-sink");
    const fs::path file = dir.path() / "leads.jsonl";
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("crm", {{"path", file.string()}, {"fsync", false}}) == "");
    CHECK(plugin.deliver(make_delivery(lead("Анна"), 7, 1)).external_id == "line-1");
    auto again = plugin.deliver(make_delivery(lead("Анна"), 7, 2));
    CHECK(again.kind == Outcome::Kind::ok);
    CHECK(again.external_id == "line-1");
    CHECK(read_lines(file).size() == 1);
}

TEST_CASE("idempotency holds across a new instance (a restart)") {
    TempDir dir("leadhub-file-sink");
    const fs::path file = dir.path() / "leads.jsonl";
    FakeHost host;
    {
        auto plugin = Harness::linked(host);
        REQUIRE(plugin.create("crm", {{"path", file.string()}}) == "");
        plugin.deliver(make_delivery(lead("Анна"), 1));
        plugin.deliver(make_delivery(lead("Борис"), 2));
    }
    auto restarted = Harness::linked(host);
    REQUIRE(restarted.create("crm", {{"path", file.string()}}) == "");
    REQUIRE(restarted.start() == "");
    CHECK(restarted.deliver(make_delivery(lead("Борис"), 2)).external_id == "line-2");
    CHECK(restarted.deliver(make_delivery(lead("Вера"), 3)).external_id == "line-3");
    auto lines = read_lines(file);
    REQUIRE(lines.size() == 3);
    CHECK(lines[2]["lead"]["name"] == "Вера");
}

TEST_CASE("a line torn by a crash is ended, and its job written again") {
    TempDir dir("leadhub-file-sink");
    const fs::path file = dir.path() / "leads.jsonl";
    {
        std::ofstream out(file, std::ios::binary);
        out << "{\"idempotency_key\":\"lead-1\",\"lead\":{}}\n{\"idempotency_key\":\"lead-2\",\"le";
    }
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("crm", {{"path", file.string()}}) == "");
    CHECK(plugin.deliver(make_delivery(lead("Анна"), 1)).external_id == "line-1");
    CHECK(plugin.deliver(make_delivery(lead("Борис"), 2)).external_id == "line-3");
    std::string text = read_all(file);
    CHECK(text.substr(text.rfind("\"le\n") + 4).find("\"idempotency_key\":\"lead-2\"") != std::string::npos);
    std::istringstream in(text);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    REQUIRE(lines.size() == 3);
    CHECK(Json::parse(lines[2])["lead"]["name"] == "Борис");
}

TEST_CASE("a path that is a folder is a retry with the OS error") {
    TempDir dir("leadhub-file-sink");
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("crm", {{"path", dir.path().string()}}) == "");
    REQUIRE(plugin.start() == "");  // the hub keeps running; the problem is logged
    CHECK(host.logged("Is a directory"));
    auto o = plugin.deliver(make_delivery(lead("Анна")));
    CHECK(o.kind == Outcome::Kind::retry);
    CHECK_THAT(o.reason, Catch::Contains(dir.path().string()));
    CHECK_THAT(o.reason, Catch::Contains("Is a directory"));
}

TEST_CASE("an unusable folder is a retry, and the job goes through once it is fixed") {
    TempDir dir("leadhub-file-sink");
    const fs::path blocker = dir.path() / "not-a-folder";
    std::ofstream(blocker) << "x";
    const fs::path file = blocker / "leads.jsonl";
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("crm", {{"path", file.string()}}) == "");
    auto o = plugin.deliver(make_delivery(lead("Анна")));
    CHECK(o.kind == Outcome::Kind::retry);
    CHECK_THAT(o.reason, Catch::Contains("cannot create the folder"));
    CHECK_THAT(o.reason, Catch::Contains("Not a directory"));
    CHECK_FALSE(fs::exists(file));

    fs::remove(blocker);
    auto later = plugin.deliver(make_delivery(lead("Анна")));
    CHECK(later.kind == Outcome::Kind::ok);
    CHECK(later.external_id == "line-1");
    CHECK(read_lines(file).size() == 1);
}

TEST_CASE("a path that is not a regular file is refused without blocking") {
    TempDir dir("leadhub-file-sink");
    const fs::path fifo = dir.path() / "leads.fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("crm", {{"path", fifo.string()}}) == "");
    auto o = plugin.deliver(make_delivery(lead("Анна")));
    CHECK(o.kind == Outcome::Kind::retry);
    CHECK_THAT(o.reason, Catch::Contains("not a regular file"));
}

TEST_CASE("a file written by an earlier run is continued, not repeated") {
    TempDir dir("leadhub-file-sink");
    const fs::path file = dir.path() / "leads.jsonl";
    fs::copy_file(fs::path(LEADHUB_TEST_DATA) / "existing-ledger.jsonl", file);
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("demo-crm", {{"path", file.string()}}) == "");
    REQUIRE(plugin.start() == "");
    Delivery replay = make_delivery(lead("Дмитрий Орлов"), 102, 4);
    replay.idempotency_key = "lead-102";
    CHECK(plugin.deliver(replay).external_id == "line-2");
    CHECK(plugin.deliver(make_delivery(lead("Вера"), 103)).external_id == "line-3");
    auto lines = read_lines(file);
    REQUIRE(lines.size() == 3);
    CHECK(lines[1]["attempt"] == 3);  // the earlier line is untouched
    CHECK(lines[2]["idempotency_key"] == "lead-103");
}
