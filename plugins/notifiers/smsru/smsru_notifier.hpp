// The smsru notifier: each notice of a lead becomes one SMS.ru request to every number that has
// not had it yet (sms_common's deliver_notice); the answer, per number, becomes the outcome.
#pragma once

#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace leadhub::smsru {

class SmsRuNotifier final : public sdk::Notifier {
public:
    // Throws std::invalid_argument on options that validate but make no sense (see options.hpp).
    explicit SmsRuNotifier(const sdk::Context& ctx);

    sdk::Outcome deliver(const sdk::Delivery& delivery) override;

private:
    SmsRuSettings settings_;
};

}  // namespace leadhub::smsru
