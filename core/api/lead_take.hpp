// Taking a lead that was offered to several people (assignment strategy offer_all): the first
// member of staff to take it gets it. Shared by the admin API and the `leads take` command.
#pragma once

#include "config/config.hpp"
#include "store/store.hpp"

#include <leadhub/sdk/json.hpp>

#include <string>

namespace leadhub::app {

struct TakeReply {
    int status = 200;    // 200 taken (or already yours), 403 not offered, 404 no lead, 409 taken by another
    nlohmann::json body;  // {"id", "assignee", "assignment", "assignment_reason"} or {"error", ["assignee"]}
};

// `config` names the staff (null: ids are used as names). Throws store::StoreError when the
// store fails.
TakeReply take_lead(store::Store& store, const config::Config* config, int64_t lead_id, const std::string& staff_id,
                    int64_t now_ms);

// "Ольга взяла заявку сама" is gendered; the reason stays neutral: "заявку взял(а) Ольга (olga)
// из предложенных: olga, irina".
std::string take_reason(const std::string& staff_name, const std::string& staff_id,
                        const std::vector<std::string>& offered_to);

}  // namespace leadhub::app
