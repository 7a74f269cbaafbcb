// Registration only: the manifest, the factory and the C exports of the email notifier.
#include "email_notifier.hpp"
#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace {

leadhub::sdk::PluginInfo email_info() {
    return {"email", "1.0.0", "E-mails staff about each lead through an SMTP server (STARTTLS or TLS)", {"notifier"},
            leadhub::email::email_options().specs(),
            // Mailbox providers limit senders per minute and per day and publish little: one
            // message a second, a new connection each, two at a time.
            {{"rate_per_second", 1}, {"burst", 5}, {"concurrency", 2}, {"timeout_ms", 60000}}};
}

std::unique_ptr<leadhub::sdk::Instance> make_email(const leadhub::sdk::Context& ctx) {
    return std::make_unique<leadhub::email::EmailNotifier>(ctx);
}

}  // namespace

LEADHUB_PLUGIN(email_info, make_email)
