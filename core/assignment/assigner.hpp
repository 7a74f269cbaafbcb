// Who takes a new lead. The tenant's `assignment` rules, in this order:
//   1. the first rule whose `when` matches (service, channel, source — a location is known by
//      the sources that serve it) picks the candidates and may set the strategy; no rule: all staff;
//   2. by service: of those, the ones whose services include one of the lead's (if any do);
//   3. a returning customer goes back to the previous owner, if that person is available;
//   4. available = on shift (when on_shift_only), not absent, under their cap of open leads;
//   5. the strategy picks among the available: round_robin, least_open, fixed, offer_all;
//   6. nobody available: the fallback (queue, or a senior's staff id, who takes it regardless).
// Every decision carries its reason in Russian, as owners read it:
//   "Стрижка → Ольга: на смене, открытых: 2, по очереди".
#pragma once

#include "config/config.hpp"
#include "store/store.hpp"

#include <string>
#include <vector>

namespace leadhub::assignment {

struct LeadFacts {
    std::string channel;
    std::string source;
    std::vector<std::string> services;  // service ids the understanding found
    int64_t received_at_ms = 0;         // UTC; shifts are checked in the tenant's time
};

// Decides for a lead of `tenant` (whose assignment must be enabled), reading open counts, the
// previous owner and round-robin turns from `state` and recording the new turn there.
store::Assignment assign(const config::TenantConfig& tenant, const LeadFacts& lead, store::AssignmentState& state);

}  // namespace leadhub::assignment
