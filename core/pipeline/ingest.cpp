#include "pipeline/ingest.hpp"

#include "contacts/identities.hpp"
#include "pipeline/normalize.hpp"
#include "pipeline/routing.hpp"
#include "pipeline/scoring.hpp"
#include "pipeline/understanding.hpp"
#include "routing/assigner.hpp"

namespace leadhub::pipeline {

store::IngestItem prepare_item(const config::TenantConfig& tenant, const std::string& source,
                               const sdk::Message& message, int64_t received_at_ms) {
    store::IngestItem item;
    item.message = normalized_message(message, tenant, source, received_at_ms);
    store::InboundMessage& in = item.message;
    if (in.text && !in.text->empty()) {
        MessageReading reading = read_message(tenant, *in.text, received_at_ms);
        item.reading = std::move(reading.lead);
        // The channel's own fields win; the text fills what the channel did not give.
        if (!in.phone && reading.phone) in.phone = reading.phone;
        if (!in.name && reading.name) in.name = normalize_name(*reading.name);
    }
    item.reading.score = score_of(tenant.scoring, item.reading);
    item.identities = contacts::identities_of(in);
    item.conversation_window_ms = tenant.conversation.enabled ? tenant.conversation.window.count() : 0;

    RouteFacts facts{source, in.channel, item.reading.intent, item.reading.services,
                     static_cast<double>(points_of(tenant.scoring, item.reading.score))};
    item.jobs = plan_jobs(tenant, facts);
    if (tenant.assignment.enabled) {
        // Runs inside the store's transaction, while ingest() waits for it: `tenant` outlives it.
        routing::LeadFacts lead{in.channel, source, item.reading.services, received_at_ms};
        item.assign = [&tenant, lead](store::AssignmentState& state) -> std::optional<store::Assignment> {
            return routing::assign(tenant, lead, state);
        };
    }
    return item;
}

IngestSummary ingest(store::Store& store, const config::TenantConfig& tenant, const std::string& source,
                     const std::vector<sdk::Message>& messages, int64_t now_ms) {
    std::vector<store::IngestItem> items;
    items.reserve(messages.size());
    for (const auto& m : messages) items.push_back(prepare_item(tenant, source, m, now_ms));
    IngestSummary summary;
    if (items.empty()) return summary;
    for (const auto& r : store.ingest(std::move(items), now_ms)) {
        if (r.duplicate) {
            summary.duplicates++;
            continue;
        }
        summary.stored++;
        if (r.new_lead) summary.new_leads++;
        summary.jobs += r.job_ids.size();
        summary.lead_ids.push_back(r.lead_id);
    }
    return summary;
}

}  // namespace leadhub::pipeline
