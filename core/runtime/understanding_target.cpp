#include "runtime/understanding_target.hpp"

#include "pipeline/understanding_update.hpp"

#include <chrono>

namespace leadhub::app {

namespace {

int64_t steady_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// "book; manicure; 2026-03-03 14:00; hot": what the job's history shows as its result.
std::string summary(const store::ReadingUpdate& u) {
    const auto& r = u.reading;
    std::string services;
    for (const auto& s : r.services) services += (services.empty() ? "" : ",") + s;
    std::string when = r.date.value_or("");
    if (r.time) when += (when.empty() ? "" : " ") + *r.time;
    else if (r.daypart) when += (when.empty() ? "" : " ") + *r.daypart;
    return "reading applied: " + r.intent + "; " + (services.empty() ? "-" : services) + "; " +
           (when.empty() ? "-" : when) + (r.urgent ? "; urgent" : "") + "; " + r.score;
}

}  // namespace

sdk::Outcome UnderstandingTarget::stopped() {
    return sdk::Outcome::retry("the hub stopped; the lead is read again after the next start");
}

std::string UnderstandingTarget::scope() const { return instance_.tenant->id + "/" + instance_.config->name; }

sdk::Outcome UnderstandingTarget::fallback(int64_t lead_id, const std::string& reason_label, sdk::Outcome outcome) {
    metrics_
        .counter("leadhub_reading_fallbacks_total",
                 {{"tenant", instance_.tenant->id}, {"processor", instance_.config->name}, {"reason", reason_label}},
                 "Processor readings not applied: the built-in reading stays")
        .add();
    logger_.warn(scope(), "lead " + std::to_string(lead_id) + ": the built-in reading stays (" + reason_label +
                              "): " + outcome.reason);
    return outcome;
}

sdk::Outcome UnderstandingTarget::deliver(const nlohmann::json& delivery) {
    const int64_t started = steady_ms();
    const auto lead_json = delivery.find("lead");
    if (lead_json == delivery.end() || !lead_json->is_object() || !lead_json->contains("id"))
        return sdk::Outcome::permanent("the job's lead is not in the store");
    const int64_t lead_id = lead_json->at("id").get<int64_t>();
    const config::TenantConfig& tenant = *instance_.tenant;
    pipeline::ProcessorInput in;
    {
        auto hold = alive_->hold();
        if (!hold) return stopped();
        auto lead = store_.lead(lead_id);
        if (!lead) return sdk::Outcome::permanent("lead " + std::to_string(lead_id) + " is not in the store");
        in = pipeline::processor_input(tenant, *lead, store_.lead_messages(lead_id));
    }
    if (in.input.is_null()) return sdk::Outcome::ok("nothing to read: the lead has no text");

    const nlohmann::json output = instance_.plugin->process(in.input);
    auto hold = alive_->hold();
    if (!hold) return stopped();  // the hub stopped while the processor read: nothing is written
    // The dispatcher has recorded a timeout already when the call outlived it: an answer that
    // comes later is not applied, so a timeout always leaves the built-in reading.
    if (steady_ms() - started > instance_.policy.timeout_ms)
        return fallback(lead_id, "timeout",
                        sdk::Outcome::retry("the processor answered after " + std::to_string(instance_.policy.timeout_ms) +
                                            " ms, past its timeout"));

    auto answer = pipeline::read_processor_answer(tenant, output, instance_.config->name, in.messages_read);
    if (!answer.update) {
        if (answer.invalid) return fallback(lead_id, "invalid", sdk::Outcome::permanent(answer.error));
        std::optional<int64_t> after;
        if (answer.retry_after_ms > 0) after = answer.retry_after_ms;
        return fallback(lead_id, "error", answer.retryable ? sdk::Outcome::retry(answer.error, after)
                                                           : sdk::Outcome::permanent(answer.error));
    }
    switch (store_.update_reading(lead_id, *answer.update, now_ms())) {
        case store::ReadingUpdateResult::no_such_lead:
            return sdk::Outcome::permanent("lead " + std::to_string(lead_id) + " is not in the store");
        case store::ReadingUpdateResult::stale:
            // A message joined the lead while the processor read it: read the whole conversation again.
            return fallback(lead_id, "stale", sdk::Outcome::retry("the conversation grew while the processor read it"));
        case store::ReadingUpdateResult::applied: break;
    }
    metrics_
        .counter("leadhub_reading_updates_total", {{"tenant", tenant.id}, {"processor", instance_.config->name}},
                 "Leads whose reading a processor replaced")
        .add();
    std::string result = summary(*answer.update);
    logger_.info(scope(), "lead " + std::to_string(lead_id) + ": " + result);
    return sdk::Outcome::ok(result);
}

}  // namespace leadhub::app
