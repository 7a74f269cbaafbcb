#include "pipeline/ingest.hpp"

#include "contacts/identities.hpp"
#include "pipeline/lead_actions.hpp"

#include <leadhub/sdk/iso8601.hpp>
#include "pipeline/normalize.hpp"
#include "pipeline/sink_routing.hpp"
#include "pipeline/scoring.hpp"
#include "pipeline/understanding.hpp"
#include "assignment/assigner.hpp"
#include "sla/sla_timers.hpp"
#include "conversation/customer_answers.hpp"
#include "conversation/follow_ups.hpp"
#include "conversation/reminders.hpp"
#include "conversation/reply_plan.hpp"

namespace leadhub::pipeline {

namespace {

// A later message of the conversation, as it is told to whoever follows the lead.
sdk::Json message_added_payload(const store::InboundMessage& in) {
    return {{"event", "message_added"},
            {"message",
             {{"at", sdk::iso8601_utc(in.received_at_ms)},
              {"kind", in.kind},
              {"author", nullptr},
              {"text", store::display_text(in.text, in.extra)}}}};
}

// A later message of the conversation for those that follow it (docs/crm-and-notifiers.md): the
// sinks whose manifest asks for lead updates (a `lead` job each), and the sources whose plugin is
// also a notifier (a `notice` each: a Telegram bot shows it under the lead's card). The store
// creates each only for an instance that was given the lead (its lead job, or its card).
std::vector<store::JobSpec> update_jobs(const config::TenantConfig& tenant, const store::InboundMessage& in) {
    std::vector<store::JobSpec> jobs;
    for (const auto& sink : tenant.sinks) {
        if (!sink.enabled || !sink.lead_updates) continue;
        store::JobSpec job;
        job.sink = sink.name;
        job.kind = "lead";
        job.payload = message_added_payload(in);
        jobs.push_back(std::move(job));
    }
    for (const auto& source : tenant.sources) {
        if (!source.enabled || !source.notifies) continue;
        store::JobSpec job;
        job.sink = source.name;
        job.kind = "notice";
        job.payload = message_added_payload(in);
        jobs.push_back(std::move(job));
    }
    return jobs;
}

// The SLA clock of a new lead, due in the tenant's working time from its arrival.
std::vector<store::TimerSpec> sla_timers_of(const config::TenantConfig& tenant, const std::string& score, int64_t arrived_ms) {
    if (!tenant.sla.enabled) return {};
    const base::WorkingClock clock = config::working_clock(tenant);
    return sla::sla_timers(tenant.sla, score, arrived_ms, [&clock](int64_t start_ms, int64_t working_ms) -> std::optional<int64_t> {
        auto due = clock.add(base::Instant(std::chrono::milliseconds(start_ms)), std::chrono::milliseconds(working_ms));
        if (!due) return std::nullopt;
        return due->time_since_epoch().count();
    });
}

// The work for one stored message: an event acts on its lead; anything else is ingested.
store::InboxWork prepare_work(int64_t inbox_id, const config::TenantConfig& tenant, const std::string& source,
                              const sdk::Message& message, int64_t received_at_ms) {
    if (is_lead_event(message)) {
        store::LeadAction action = prepare_action(tenant, source, message);
        // A booking by staff or the CRM arms its reminders; `tenant` outlives the transaction.
        action.change.plan_timers = conversation::status_timers(tenant, received_at_ms);
        return store::InboxWork{inbox_id, {}, std::move(action)};
    }
    return store::InboxWork{inbox_id, prepare_item(tenant, source, message, received_at_ms), std::nullopt};
}

}  // namespace

store::IngestItem prepare_item(const config::TenantConfig& tenant, const std::string& source,
                               const sdk::Message& message, int64_t received_at_ms) {
    store::IngestItem item;
    item.message = normalized_message(message, tenant, source, received_at_ms);
    store::InboundMessage& in = item.message;
    item.conversation_window_ms = tenant.conversation.enabled ? tenant.conversation.window.count() : 0;
    // The business's own words and a block are recorded on the conversation, never read, scored,
    // routed or assigned (the store opens no lead for them).
    if (in.kind != "customer") {
        item.identities = contacts::identities_of(in);
        return item;
    }
    if (in.text && !in.text->empty()) {
        MessageReading reading = read_message(tenant, *in.text, received_at_ms);
        item.reading = std::move(reading.lead);
        // The channel's own fields win; the text fills what the channel did not give.
        if (!in.phone && reading.phone) in.phone = reading.phone;
        if (!in.name && reading.name) in.name = normalize_name(*reading.name);
    }
    item.reading.score = score_of(tenant.scoring, item.reading);
    if (is_missed_call(in.extra)) {
        // Nobody spoke to this customer yet and they wanted to: call back first (docs/channels.md).
        item.reading.score = "hot";
        in.extra["call_back"] = true;
    }
    item.identities = contacts::identities_of(in);  // after the reading: a phone in the text is one

    RouteFacts facts{source, in.channel, item.reading.intent, item.reading.services,
                     static_cast<double>(points_of(tenant.scoring, item.reading.score))};
    item.jobs = plan_jobs(tenant, facts);
    item.update_jobs = update_jobs(tenant, in);
    item.timers = sla_timers_of(tenant, item.reading.score, received_at_ms);
    if (auto reply = conversation::reply_timer(tenant, in, false)) item.timers.push_back(*reply);
    if (auto reply = conversation::reply_timer(tenant, in, true)) item.join_timers.push_back(*reply);
    for (auto& nudge : conversation::follow_up_timers(tenant, in)) item.timers.push_back(std::move(nudge));
    if (auto answer = conversation::answer_timer(in)) item.join_timers.push_back(*answer);
    if (tenant.assignment.enabled) {
        // Runs inside the store's transaction, while the caller waits for it: `tenant` outlives it.
        assignment::LeadFacts lead{in.channel, source, item.reading.services, received_at_ms};
        item.assign = [&tenant, lead](store::AssignmentState& state) -> std::optional<store::Assignment> {
            return assignment::assign(tenant, lead, state);
        };
    }
    return item;
}

namespace {

// Takes the messages by value: the webhook path hands over a result it no longer needs, so each
// message moves into its JSON instead of being copied first.
std::vector<store::InboxEntry> inbox_entries(const std::string& tenant_id, const std::string& source,
                                             std::vector<sdk::Message> messages, int64_t now_ms) {
    std::vector<store::InboxEntry> entries;
    entries.reserve(messages.size());
    for (auto& m : messages) {
        std::optional<std::string> id = m.external_message_id;
        entries.push_back(store::InboxEntry{tenant_id, source, std::move(id), sdk::dump(sdk::to_json(std::move(m))), now_ms});
    }
    return entries;
}

using SourceOf = std::function<std::pair<std::string, std::string>(int64_t inbox_id)>;

void add_outcomes(IngestSummary& summary, const std::vector<store::InboxOutcome>& outcomes, const SourceOf& source_of) {
    for (const auto& o : outcomes) {
        if (o.already_processed) continue;  // another call stored it and counted it
        if (!o.done) {
            summary.waiting++;
            summary.errors.push_back(o.error);
            continue;
        }
        summary.stored++;
        if (o.result.new_lead) {
            summary.new_leads++;
            summary.new_leads_by_source[source_of(o.inbox_id)]++;
        }
        summary.jobs += o.result.job_ids.size();
        summary.lead_ids.push_back(o.result.lead_id);
    }
}

}  // namespace

namespace {
AcceptSummary summarise(const std::vector<store::AcceptResult>& results) {
    AcceptSummary summary;
    for (const auto& r : results) {
        if (r.duplicate) {
            summary.duplicates++;
        } else {
            summary.accepted++;
            summary.inbox_ids.push_back(r.inbox_id);
        }
    }
    return summary;
}
}  // namespace

AcceptSummary accept(store::Store& store, const std::string& tenant_id, const std::string& source,
                     const std::vector<sdk::Message>& messages, int64_t now_ms) {
    if (messages.empty()) return {};
    return summarise(store.accept(inbox_entries(tenant_id, source, messages, now_ms), now_ms));
}

void accept_async(store::Store& store, const std::string& tenant_id, const std::string& source,
                  std::vector<sdk::Message> messages, int64_t now_ms, AcceptDone done) {
    accept_async(store, inbox_entries(tenant_id, source, std::move(messages), now_ms), now_ms, std::move(done));
}

void accept_async(store::Store& store, std::vector<store::InboxEntry> entries, int64_t now_ms, AcceptDone done) {
    if (entries.empty()) return done({}, nullptr);
    store.accept_async(std::move(entries), now_ms,
                       [done = std::move(done)](std::vector<store::AcceptResult> results, std::exception_ptr error) {
                           done(error ? AcceptSummary{} : summarise(results), error);
                       });
}

IngestSummary process_rows(store::Store& store, const TenantLookup& tenants, const std::vector<store::InboxMessage>& rows,
                           int64_t now_ms) {
    IngestSummary summary;
    std::vector<std::shared_ptr<const config::TenantConfig>> held;  // alive until the commit
    std::vector<store::InboxWork> work;
    work.reserve(rows.size());
    for (const auto& row : rows) {
        std::string error;
        try {
            auto tenant = tenants(row.tenant);
            if (!tenant) {
                error = "tenant '" + row.tenant + "' is not configured";
            } else {
                sdk::Message message = sdk::message_from_json(nlohmann::json::parse(row.message_json));
                work.push_back(prepare_work(row.id, *tenant, row.source, message, row.received_at_ms));
                if (held.empty() || held.back() != tenant) held.push_back(std::move(tenant));
            }
        } catch (const std::exception& e) {
            error = std::string("cannot process the stored message: ") + e.what();
        }
        if (!error.empty()) {
            store.inbox_failed(row.id, error);
            summary.waiting++;
            summary.errors.push_back(std::move(error));
        }
    }
    std::map<int64_t, std::pair<std::string, std::string>> sources;
    for (const auto& row : rows) sources[row.id] = {row.tenant, row.source};
    add_outcomes(summary, store.process_inbox(std::move(work), now_ms), [&](int64_t id) { return sources[id]; });
    return summary;
}

IngestSummary ingest(store::Store& store, const config::TenantConfig& tenant, const std::string& source,
                     const std::vector<sdk::Message>& messages, int64_t now_ms) {
    IngestSummary summary;
    if (messages.empty()) return summary;
    auto accepted = store.accept(inbox_entries(tenant.id, source, messages, now_ms), now_ms);
    std::vector<store::InboxWork> work;
    for (std::size_t i = 0; i < accepted.size(); ++i) {
        if (accepted[i].duplicate) {
            summary.duplicates++;
            continue;
        }
        work.push_back(prepare_work(accepted[i].inbox_id, tenant, source, messages[i], now_ms));
    }
    add_outcomes(summary, store.process_inbox(std::move(work), now_ms),
                 [&](int64_t) { return std::pair<std::string, std::string>{tenant.id, source}; });
    return summary;
}

}  // namespace leadhub::pipeline
