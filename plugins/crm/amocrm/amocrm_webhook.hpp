// amoCRM's "lead status changed" webhook (outbound-contracts.md §2.0a): an
// x-www-form-urlencoded body of leads[status][N][id|status_id|pipeline_id|...] and account[...],
// read into changes and then into the hub's lead_status messages. Pure: no I/O.
#pragma once

#include <leadhub/sdk/types.hpp>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace leadhub::amocrm {

struct StatusChange {
    std::string lead_id, status_id, pipeline_id, old_status_id, old_pipeline_id, modified_user_id;
};

struct StatusWebhook {
    std::string account_id, subdomain;
    std::vector<StatusChange> changes;  // in the order of their index [0], [1], ...
    std::string error;                  // non-empty: the body is malformed (answer 400 with it)
};

// Extra keys (other entities, more lead fields) are ignored; a change without a numeric id or
// status_id makes the body malformed.
StatusWebhook parse_status_webhook(std::string_view body);

// A lead_status message for each change whose status_id is in `status_map` (the others are no
// change for the hub). `request_id` makes external_message_id unique per delivery of the change.
std::vector<sdk::Message> status_messages(const StatusWebhook& hook, const std::map<std::string, std::string>& status_map,
                                          const std::string& request_id);

}  // namespace leadhub::amocrm
