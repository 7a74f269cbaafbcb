// What a due timer does, for the hub's TimerRunner: finds the timer's tenant (as configured now)
// and its lead (as stored now, described as a delivery describes it) and asks the rule of the
// timer's purpose. A timer whose tenant or lead is gone, or whose purpose no rule knows, throws:
// the runner records that on the lead (kind "timer_failed") instead of retrying forever.
#pragma once

#include "config/config.hpp"
#include "store/store.hpp"

#include <functional>
#include <memory>

namespace leadhub::app {

class TimerPlans {
public:
    using TenantLookup = std::function<std::shared_ptr<const config::TenantConfig>(const std::string& tenant_id)>;

    TimerPlans(store::Store& store, TenantLookup tenants);

    // The firing's callbacks (a reassignment) keep the tenant's config alive until they ran.
    store::TimerFiring operator()(const store::Timer& timer, int64_t now_ms) const;

private:
    store::Store& store_;
    TenantLookup tenants_;
};

}  // namespace leadhub::app
