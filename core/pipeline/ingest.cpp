#include "pipeline/ingest.hpp"

#include "pipeline/routing.hpp"

namespace leadhub::pipeline {

IngestSummary ingest(store::Store& store, const config::TenantConfig& tenant, const std::string& source,
                     const std::vector<sdk::Message>& messages, int64_t now_ms) {
    std::vector<store::IngestItem> items;
    items.reserve(messages.size());
    for (const auto& m : messages) {
        store::IngestItem item;
        auto& in = item.message;
        in.tenant = tenant.id;
        in.source = source;
        in.channel = m.channel;
        in.external_user_id = m.external_user_id;
        in.external_message_id = m.external_message_id;
        in.name = m.name;
        in.phone = m.phone;
        in.email = m.email;
        in.text = m.text;
        in.utm = sdk::utm_to_json(m.utm);
        in.extra = m.extra;
        in.received_at_ms = now_ms;
        item.jobs = plan_jobs(tenant, RouteFacts{source, m.channel, {}, {}, std::nullopt});
        items.push_back(std::move(item));
    }
    IngestSummary summary;
    if (items.empty()) return summary;
    for (const auto& r : store.ingest(std::move(items), now_ms)) {
        if (r.duplicate) {
            summary.duplicates++;
        } else {
            summary.stored++;
            summary.jobs += r.job_ids.size();
            summary.lead_ids.push_back(r.lead_id);
        }
    }
    return summary;
}

}  // namespace leadhub::pipeline
