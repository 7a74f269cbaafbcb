// The amoCRM instance: a sink that puts each lead into amoCRM (contact search, one complex add,
// a note) and adds later messages as notes; and a source of lead_status events from amoCRM's
// status webhooks. It owns the OAuth tokens (stored with Host::state_put before use) and the
// "stopped" state amoCRM forces on it (402 no money, 403 IP blocked).
#pragma once

#include "amocrm_api.hpp"
#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

#include <mutex>

namespace leadhub::amocrm {

class AmoCrm final : public sdk::Sink {
public:
    explicit AmoCrm(const sdk::Context& ctx);  // throws std::invalid_argument on bad options

    void start() override;
    sdk::Outcome deliver(const sdk::Delivery& delivery) override;
    sdk::WebhookResult on_webhook(const sdk::HttpRequest& request) override;
    sdk::Json control(const sdk::Json& request) override;

    static constexpr int64_t kStoppedRetryMs = 15 * 60 * 1000;

private:
    struct Answer {
        sdk::Json body;  // null for 204 or an empty body
        std::optional<Failure> failure;
    };
    // One API call with the current token: a 401 refreshes (OAuth) and repeats once; 402 and a
    // second 403 in a row stop the instance. The answer's failure is already retry/permanent.
    Answer call(const std::string& method, const std::string& path_and_query, const sdk::Json* body, const std::string& what);
    sdk::HttpResponse send(const std::string& method, const std::string& url, const sdk::Json* body, const std::string& token);
    // Exchanges the refresh token when `used` is still the current access token; the new pair is
    // stored before it is used. nullopt: refreshed (or already refreshed by another call).
    std::optional<Failure> refresh(const std::string& used);
    std::optional<Failure> store(const Tokens& tokens);
    std::string access_token();
    void stop_for(const std::string& reason);
    std::string connect_hint();

    sdk::Outcome create_lead(const sdk::Delivery& delivery);
    sdk::Outcome add_message(const sdk::Delivery& delivery);
    sdk::Outcome outcome(const Failure& failure);

    AmoOptions options_;
    std::mutex mutex_;  // guards everything below
    Tokens tokens_;     // OAuth: empty until connected
    std::string tenant_;
    std::string last_error_;
    std::string stopped_reason_;
    int64_t stopped_until_ms_ = 0;
    int forbidden_in_a_row_ = 0;
};

}  // namespace leadhub::amocrm
