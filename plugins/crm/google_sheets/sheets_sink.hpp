// The google_sheets sink: each lead becomes one row appended to a Google sheet, written RAW, with
// the lead's key in a column of its own so that a retry first looks for the row its earlier try
// may have written. The access token is minted from the service account's key and cached.
#pragma once

#include "options.hpp"
#include "service_account.hpp"

#include <leadhub/sdk/plugin.hpp>

#include <mutex>
#include <optional>

namespace leadhub::google_sheets {

class SheetsSink final : public sdk::Sink {
public:
    // Throws std::invalid_argument on options that make no sense or a key file that does not load.
    explicit SheetsSink(const sdk::Context& ctx);

    sdk::Outcome deliver(const sdk::Delivery& delivery) override;

private:
    sdk::Outcome write_lead(const sdk::Delivery& delivery);
    // A Sheets call with the cached token; on 401 the token is minted again and the call made once more.
    sdk::HttpResponse call(sdk::HttpRequest request, std::optional<sdk::Outcome>& failed);
    // The cached token, or a new one; nullopt with `failed` set when Google gave none.
    std::optional<std::string> token(std::optional<sdk::Outcome>& failed, bool fresh);
    sdk::Outcome logged(const sdk::Delivery& delivery, sdk::Outcome outcome);

    SheetsOptions options_;
    ServiceAccount account_;
    std::mutex token_mutex_;  // deliveries may run on several threads; one mints, the others wait for it
    std::string token_;
    int64_t token_renew_at_ms_ = 0;
};

}  // namespace leadhub::google_sheets
