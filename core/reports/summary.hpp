// The KPIs of a period (GET /api/reports/summary): computed from the leads' own records
// (store::LeadFacts), never from counters kept on the side.
//
//   leads             how many arrived, and by channel, source, utm_source, utm_campaign, each
//                     with its bookings and conversion (booked / leads)
//   first_auto_reply  time from arrival to the hub's first automatic reply: count, median, p90 (ms)
//   first_response    time from arrival to staff's first response: count, median, p90 (ms), and
//                     how many leads still have none
//   sla               breaches, total and by tier
//   bookings          leads booked at some point; conversion
//   visits            visited, no_show, no-show rate (no_show / (visited + no_show)), the same
//                     split by whether the customer confirmed a reminder
//   staff             per assignee: leads, open now, median reaction, breaches
//   lost_reasons      reason -> count
// Percentiles are nearest-rank over the leads that have the time; null when none has.
#pragma once

#include "store/store.hpp"

#include <leadhub/sdk/json.hpp>

#include <vector>

namespace leadhub::reports {

nlohmann::json summary(const std::vector<store::LeadFacts>& leads);

}  // namespace leadhub::reports
