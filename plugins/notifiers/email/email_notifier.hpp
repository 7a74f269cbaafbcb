// The email notifier: each notice of a lead becomes one e-mail to the assignee and/or fixed
// addresses, submitted to the configured SMTP server (smtp_client.hpp says how and what each
// answer means).
#pragma once

#include "email_message.hpp"
#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace leadhub::email {

// The message of one notice, or a reason it cannot be written (nobody to send to). Public for
// the tests and the fuzz target.
struct Composed {
    MailParts parts;
    std::string problem;  // "" when parts is ready
};
Composed compose_notice(const EmailSettings& settings, const sdk::Delivery& delivery, int64_t now_ms);

// The subject of an alert: «leadhub: » and the text's first line (cut to 120 characters).
std::string alert_subject(const std::string& text);

class EmailNotifier final : public sdk::Notifier {
public:
    // Throws std::invalid_argument on options that validate but make no sense (see options.hpp).
    explicit EmailNotifier(const sdk::Context& ctx);
    ~EmailNotifier() override;

    sdk::Outcome deliver(const sdk::Delivery& delivery) override;

private:
    sdk::Outcome deliver_alert(const sdk::Delivery& delivery, const std::string& job);  // email_alert.cpp

    EmailSettings settings_;
};

}  // namespace leadhub::email
