// The {{name}} source: a webhook that takes one enquiry per POST as a JSON object
//   {"id": "...", "name": "...", "phone": "...", "email": "...", "text": "...",
//    "utm": {"utm_source": "...", ...}}
// checks the sender's token, and hands the hub one Message. Every refusal says why, with a 4xx the
// sender can act on; the hub answers 2xx only after the message is stored.
#pragma once

#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>
#include <leadhub/sdk/secret_compare.hpp>

#include <string>
#include <string_view>

namespace {{identifier}}_plugin {

// Turns a request body into a Message, or sets `status` and `error` (400 not JSON or a field of
// the wrong type, 422 nothing to contact the customer by) and returns false.
bool parse_enquiry(const std::string& body, const std::string& channel, leadhub::sdk::Message& message, int& status,
                   std::string& error);

class {{class}}Source final : public leadhub::sdk::Source {
public:
    // Throws std::invalid_argument on options that validate but make no sense (see options.hpp).
    explicit {{class}}Source(const leadhub::sdk::Context& ctx);

    void start() override;
    leadhub::sdk::WebhookResult on_webhook(const leadhub::sdk::HttpRequest& request) override;

private:
    leadhub::sdk::WebhookResult refuse(int status, const std::string& reason) const;

    Options options_;
};

}  // namespace {{identifier}}_plugin
