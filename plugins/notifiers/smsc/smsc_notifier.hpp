// The smsc notifier: each notice of a lead becomes one SMSC request per number that has not had
// it yet (sms_common's deliver_notice); each answer becomes that number's result.
#pragma once

#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace leadhub::smsc {

class SmscNotifier final : public sdk::Notifier {
public:
    // Throws std::invalid_argument on options that validate but make no sense (see options.hpp).
    explicit SmscNotifier(const sdk::Context& ctx);

    sdk::Outcome deliver(const sdk::Delivery& delivery) override;

private:
    SmscSettings settings_;
};

}  // namespace leadhub::smsc
