// The fault test: leadhub is SIGKILLed several times while leads are posted, and the receiver
// behind the http sink fails some calls (503, 429 with Retry-After, a hanging connection).
// After the last restart every acknowledged lead reaches the receiver, and no lead arrives under
// two idempotency keys (a receiver that dedupes by key sees each lead once).
#include <catch2/catch.hpp>

#include "e2e/e2e_support.hpp"
#include "support/lead_poster.hpp"
#include "support/fake_receiver.hpp"
#include "support/hub_config.hpp"

#include <atomic>
#include <csignal>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

using namespace leadhub::testing;
using nlohmann::json;

namespace {

std::string config_yaml(int port, int receiver_port) {
    return HubConfigHead(port).log_level("warn").dispatch("{initial: 50ms, max: 400ms}", 1000).yaml() +
           site_webform_source() + "    sinks:\n" +
           CrmHttpSink(receiver_port).timeout_ms(800).unlimited_rate().concurrency(4).timeout("2s").yaml() +
           "    routes:\n"
           "      - {from: [site], to: [crm]}\n";
}

// Fails about a third of the calls in the ways real CRMs do.
ScriptedAnswer flaky(int n) {
    if (n % 5 == 0) return {503, {}, 0};
    if (n % 7 == 0) return {429, {{"Retry-After", "1"}}, 0};
    if (n % 13 == 0) return {200, {}, 1500};  // answers after the sink's 800 ms timeout: a hang
    return {200, {}, 0};
}

}  // namespace

TEST_CASE("acknowledged leads survive SIGKILLs and a failing receiver, delivered once by idempotency key") {
    FakeReceiver receiver(&flaky);
    TempDir dir("leadhub-fault");
    int port = free_port();
    Hub hub(dir, port, config_yaml(port, receiver.port()));
    hub.start();
    REQUIRE(hub.wait_ready());

    // Paced: the receiver (a third of its calls fail, some hang for the 800 ms timeout) drains
    // ~90 deliveries a second, and unpaced posters are acknowledged faster than that, so the
    // drain below would measure the receiver instead of what the SIGKILLs did to the hub.
    LeadPoster poster(port, {.threads = 4, .timeout_ms = 2000, .pause = std::chrono::milliseconds(10)});

    for (int kill = 0; kill < 4; ++kill) {
        std::this_thread::sleep_for(std::chrono::milliseconds(700 + 150 * kill));
        hub.process().signal(SIGKILL);
        REQUIRE(hub.process().wait(std::chrono::seconds(5)).has_value());
        hub.start();
        REQUIRE(hub.wait_ready(15000));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    poster.stop();
    const std::set<std::string> acknowledged = poster.acknowledged();
    REQUIRE(acknowledged.size() > 50);

    // Everything acknowledged must arrive; wait for the retries to drain.
    auto delivered_markers = [&] {
        std::map<std::string, std::set<std::string>> keys_by_marker;
        for (const auto& call : receiver.accepted()) {
            if (!call.body.is_object()) continue;
            keys_by_marker[call.body["lead"].value("text", std::string())].insert(call.idempotency_key);
        }
        return keys_by_marker;
    };
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
    std::size_t missing = acknowledged.size();
    while (std::chrono::steady_clock::now() < deadline) {
        auto delivered = delivered_markers();
        missing = 0;
        for (const auto& m : acknowledged) missing += delivered.count(m) ? 0 : 1;
        if (missing == 0) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    std::fprintf(stderr, "fault test: %zu acknowledged, %zu missing after drain, %d receiver requests\n", acknowledged.size(), missing, receiver.requests());
    INFO("acknowledged " << acknowledged.size() << ", receiver requests " << receiver.requests());
    CHECK(missing == 0);

    auto delivered = delivered_markers();
    std::size_t under_two_keys = 0;
    for (const auto& [marker, keys] : delivered) under_two_keys += keys.size() > 1 ? 1 : 0;
    CHECK(under_two_keys == 0);
    std::size_t without_key = 0;
    for (const auto& call : receiver.accepted()) without_key += call.idempotency_key.empty() ? 1 : 0;
    CHECK(without_key == 0);
    // The scripted failures did happen, so the retries were exercised.
    CHECK(receiver.requests() > static_cast<int>(delivered.size()));
    CHECK(json::parse(hub.api("/api/deadletters").body)["deadletters"].empty());

    hub.process().signal(SIGTERM);
    CHECK(hub.process().wait(std::chrono::seconds(20)) == std::optional<int>(0));
}
