// GET /api/reports/summary?tenant=T&from=YYYY-MM-DD&to=YYYY-MM-DD: the KPIs of a period of the
// tenant's local days (reports/summary.hpp). The tenant may be left out when the config has one;
// the period defaults to the last 7 days up to today on the tenant's clocks. 400 for a bad
// period (more than a year, a date that is none), 404 for an unknown tenant.
#pragma once

#include "api/admin_api.hpp"
#include "store/store.hpp"

namespace leadhub::app {

AdminHandler report_summary(store::Store& store);

}  // namespace leadhub::app
