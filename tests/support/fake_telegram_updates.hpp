// A fake Bot API that serves getUpdates the way Telegram does: it keeps the updates it was given
// until an `offset` confirms them (a getUpdates with offset N forgets every update below N), and
// answers at most `batch` of the rest, oldest first. With nothing to send it holds the poll a
// little (Telegram holds it for `timeout` seconds) so the poller does not spin. deleteWebhook
// succeeds. Offsets seen are recorded, so a test can see a restart ask again from an old one.
#pragma once

#include "support/fake_platform.hpp"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <thread>

namespace leadhub::testing {

class FakeTelegramUpdates {
public:
    FakeTelegramUpdates(std::vector<nlohmann::json> updates, std::size_t batch)
        : updates_(std::move(updates)), batch_(batch), api_([this](const PlatformCall& call) { return answer(call); }) {}

    std::string url() const { return api_.url(); }
    std::vector<int64_t> offsets() const {
        std::lock_guard lock(mutex_);
        return offsets_;
    }
    // How many updates were handed out in all, repeats after a restart included.
    std::size_t served() const {
        std::lock_guard lock(mutex_);
        return served_;
    }

    // The highest update_id handed out so far (0: none).
    int64_t highest_served() const {
        std::lock_guard lock(mutex_);
        return highest_served_;
    }

private:
    PlatformAnswer answer(const PlatformCall& call) {
        if (call.path.ends_with("/deleteWebhook")) return {200, R"({"ok":true,"result":true,"description":"Webhook is already deleted"})"};
        if (!call.path.ends_with("/getUpdates")) return {404, R"({"ok":false,"error_code":404,"description":"Not Found"})"};
        const nlohmann::json request = call.json();
        nlohmann::json result = nlohmann::json::array();
        {
            std::lock_guard lock(mutex_);
            if (request.contains("offset") && request["offset"].is_number_integer()) {
                const int64_t offset = request["offset"];
                offsets_.push_back(offset);
                confirmed_ = std::max(confirmed_, offset);  // confirmed once asked past it
            }
            const std::size_t limit = std::min<std::size_t>(batch_, request.value("limit", 100));
            for (const auto& update : updates_) {
                if (update["update_id"].get<int64_t>() < confirmed_) continue;
                if (result.size() == limit) break;
                result.push_back(update);
            }
            served_ += result.size();
            if (!result.empty()) highest_served_ = std::max(highest_served_, result.back()["update_id"].get<int64_t>());
        }
        // Telegram answers a long poll at once when it has updates, else when `timeout` ends.
        if (result.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(150));
        return {200, nlohmann::json{{"ok", true}, {"result", result}}.dump()};
    }

    mutable std::mutex mutex_;
    std::vector<nlohmann::json> updates_;
    std::size_t batch_;
    int64_t confirmed_ = 0;
    std::vector<int64_t> offsets_;
    std::size_t served_ = 0;
    int64_t highest_served_ = 0;
    FakePlatform api_;  // last: its threads call answer() and stop before the rest goes
};

// A private text message from customer `n` (each from their own chat): update_id 7000 + n.
inline nlohmann::json telegram_private_update(int n) {
    const int64_t user = 500000 + n;
    return {{"update_id", 7000 + n},
            {"message",
             {{"message_id", 10 + n},
              {"date", 1773136800 + n},
              {"from", {{"id", user}, {"is_bot", false}, {"first_name", "Клиент"}, {"last_name", std::to_string(n)}}},
              {"chat", {{"id", user}, {"type", "private"}, {"first_name", "Клиент"}, {"last_name", std::to_string(n)}}},
              {"text", "Запишите меня, пожалуйста, №" + std::to_string(n)}}}};
}

}  // namespace leadhub::testing
