#include "api/report_endpoints.hpp"

#include "base/calendar.hpp"
#include "reports/period.hpp"
#include "reports/summary.hpp"

#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/safe_text.hpp>

namespace leadhub::app {

namespace {

// The tenant's local date at `utc_ms`, YYYY-MM-DD (base::Date says it).
std::string local_date(const base::TimeZone& zone, int64_t utc_ms) {
    const auto local = std::chrono::floor<std::chrono::days>(zone.local(base::Instant(std::chrono::milliseconds(utc_ms))));
    return base::Date::from_days(local.time_since_epoch().count()).iso();
}

}  // namespace

AdminHandler report_summary(store::Store& store) {
    return [&store](const AdminCall& call) {
        std::string tenant_id = sdk::form_value(call.query, "tenant");
        if (tenant_id.empty()) {
            if (call.config.tenants.size() != 1)
                return admin_error(400, "say which tenant: ?tenant=ID (the config has " + std::to_string(call.config.tenants.size()) + ")");
            tenant_id = call.config.tenants[0].id;
        }
        const config::TenantConfig* tenant = call.config.find_tenant(tenant_id);
        if (!tenant) return admin_error(404, "no tenant '" + sdk::escape_control(tenant_id) + "'");
        const base::TimeZone zone = base::TimeZone::find(tenant->timezone).value_or(base::TimeZone::utc());
        std::string to = sdk::form_value(call.query, "to");
        if (to.empty()) to = local_date(zone, call.now_ms);
        std::string from = sdk::form_value(call.query, "from");
        if (from.empty()) from = local_date(zone, call.now_ms - 6 * 86'400'000LL);
        auto period = reports::local_period(zone, from, to);
        if (auto* why = std::get_if<std::string>(&period)) return admin_error(400, sdk::escape_control(*why));
        const auto& p = std::get<reports::Period>(period);
        nlohmann::json out = {{"tenant", tenant->id},
                              {"timezone", zone.name()},
                              {"from", p.from},
                              {"to", p.to},
                              {"summary", reports::summary(store.lead_facts(tenant->id, p.from_ms, p.to_ms))}};
        return http::Response::json(200, out);
    };
}

}  // namespace leadhub::app
