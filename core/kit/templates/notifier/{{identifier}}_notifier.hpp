// The {{name}} notifier: tells a member of staff about a lead with one short Russian message,
// POSTed as {"chat": ..., "text": ...} to a messaging endpoint; the answer becomes ok / retry /
// permanent. The hub's dispatcher owns retries, backoff and dead letters.
#pragma once

#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

#include <string>

namespace {{identifier}}_plugin {

// The message staff read, e.g. "Новая заявка №42 (webform)\nАнна, +79161234567\nХочу на маникюр".
// Missing fields are left out; the customer's text is cut to 500 characters' worth of bytes.
std::string notice_text(const leadhub::sdk::Delivery& delivery);

// The endpoint's answer, classified: 2xx ok (external id from the JSON "id"); no answer, 408,
// 425, 429 and 5xx retry (honouring Retry-After in seconds); anything else permanent.
leadhub::sdk::Outcome classify_answer(const leadhub::sdk::HttpResponse& response);

class {{class}}Notifier final : public leadhub::sdk::Notifier {
public:
    // Throws std::invalid_argument on options that validate but make no sense (see options.hpp).
    explicit {{class}}Notifier(const leadhub::sdk::Context& ctx);

    leadhub::sdk::Outcome deliver(const leadhub::sdk::Delivery& delivery) override;

private:
    Options options_;
};

}  // namespace {{identifier}}_plugin
