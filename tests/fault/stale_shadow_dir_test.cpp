// A hub keeps copies of its plugin libraries in <temp>/leadhub-plugins-<pid>. A SIGKILLed hub
// cannot remove its folder: the next start does, while the folder of a hub that still runs is
// kept, and a hub that stops normally removes its own.
#include <catch2/catch.hpp>

#include "e2e/e2e_support.hpp"
#include "support/hub_config.hpp"

#include <csignal>
#include <filesystem>

using namespace leadhub::testing;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

fs::path plugin_copies(const fs::path& temp, int pid) { return temp / ("leadhub-plugins-" + std::to_string(pid)); }

// The copy of the web form plugin the hub loaded.
bool has_webform_copy(const fs::path& folder) {
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().filename().string().rfind("leadhub-webform-", 0) == 0) return true;
    return false;
}

}  // namespace

TEST_CASE("a SIGKILLed hub's plugin copies are removed at the next start, a running hub's are kept") {
    TempDir dir("leadhub-stale-shadow");
    TempDir other_dir("leadhub-stale-shadow-other");
    // The hubs' temp directory (TMPDIR), so the test sees only their folders.
    const fs::path temp = fs::path(dir.path()) / "tmp";
    fs::create_directories(temp);
    const std::map<std::string, std::string> env = {{"TMPDIR", temp.string()}};
    const int port = free_port();
    Hub hub(dir, port, HubConfigHead(port).yaml() + site_webform_source());

    hub.start(env);
    REQUIRE(hub.wait_ready());
    const fs::path killed = plugin_copies(temp, hub.process().pid());
    CHECK(has_webform_copy(killed));
    hub.process().signal(SIGKILL);
    REQUIRE(hub.process().wait(5s) == std::optional<int>(128 + SIGKILL));
    REQUIRE(fs::exists(killed));  // nobody was left to remove it

    hub.start(env);
    REQUIRE(hub.wait_ready());
    const fs::path running = plugin_copies(temp, hub.process().pid());
    CHECK_FALSE(fs::exists(killed));
    CHECK(has_webform_copy(running));
    CHECK_THAT(hub.log(), Catch::Contains("removed " + killed.string() + ", left behind by a process that is gone"));

    // A second hub starting beside the running one leaves the running one's folder alone.
    const int other_port = free_port();
    Hub other(other_dir, other_port, HubConfigHead(other_port).yaml() + site_webform_source());
    other.start(env);
    REQUIRE(other.wait_ready());
    CHECK(has_webform_copy(running));
    const fs::path other_copies = plugin_copies(temp, other.process().pid());
    CHECK(has_webform_copy(other_copies));

    // A hub that stops normally takes its folder with it.
    other.process().signal(SIGTERM);
    CHECK(other.process().wait(20s) == std::optional<int>(0));
    CHECK_FALSE(fs::exists(other_copies));
    CHECK(has_webform_copy(running));
    hub.process().signal(SIGTERM);
    CHECK(hub.process().wait(20s) == std::optional<int>(0));
    CHECK(fs::is_empty(temp));
}

TEST_CASE("leadhub validate and leadhub plugins leave no plugin copies behind") {
    TempDir dir("leadhub-stale-shadow");
    const fs::path temp = fs::path(dir.path()) / "tmp";
    fs::create_directories(temp);
    write_file(dir / "leadhub.yaml", HubConfigHead(free_port()).yaml() + site_webform_source());
    const std::map<std::string, std::string> env = {{"TMPDIR", temp.string()}, {"LEADHUB_ADMIN_TOKEN", kAdminToken}};
    for (std::vector<std::string> args : {std::vector<std::string>{"validate", "-c", dir / "leadhub.yaml"},
                                          std::vector<std::string>{"plugins"}}) {
        INFO(args[0]);
        args.insert(args.begin(), leadhub_binary());
        ChildProcess command(args, env, dir / (args[1] + ".log"));
        CHECK(command.wait(30s) == std::optional<int>(0));
        CHECK(fs::is_empty(temp));
    }
}
