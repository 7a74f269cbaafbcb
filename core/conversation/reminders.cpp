#include "conversation/reminders.hpp"

#include "conversation/customer_texts.hpp"
#include "sla/staff_alerts.hpp"

namespace leadhub::conversation {

namespace {

using Json = nlohmann::json;
constexpr int64_t kHour = 3'600'000;
constexpr int64_t kMessagingWindowMs = 24 * kHour;  // WhatsApp's customer service window; Instagram's standard one

std::string label_of(int64_t before_ms) {
    if (before_ms % kHour == 0) return std::to_string(before_ms / kHour) + "h";
    return std::to_string(before_ms / 60'000) + "m";
}

int64_t ms_of(base::Instant t) { return t.time_since_epoch().count(); }

}  // namespace

bool channel_can_start(const store::Lead& lead, bool has_address, int64_t now_ms) {
    if (!has_address) return false;
    if (lead.channel == "whatsapp" || lead.channel == "instagram") return now_ms - lead.last_message_at_ms < kMessagingWindowMs;
    return true;
}

std::vector<store::TimerSpec> reminder_timers(const config::TenantConfig& tenant, const std::string& booked_for, int64_t now_ms) {
    std::vector<store::TimerSpec> out;
    if (!tenant.reminders.enabled) return out;
    auto visit_local = parse_visit(booked_for);
    if (!visit_local) return out;
    const base::WorkingClock clock = config::working_clock(tenant);
    const base::QuietHours quiet = config::quiet_hours(tenant);
    const int64_t visit = ms_of(clock.zone().instant(std::chrono::time_point_cast<std::chrono::milliseconds>(*visit_local)));
    for (const auto& before : tenant.reminders.before) {  // earliest reminder first
        int64_t due = visit - before.count();
        const base::Instant at{std::chrono::milliseconds(due)};
        if (quiet.contains(at)) {
            const int64_t later = ms_of(quiet.next_allowed(at));
            due = later < visit ? later : ms_of(quiet.last_allowed_before(at)) - 60'000;
        }
        if (due <= now_ms || due >= visit) continue;
        if (!out.empty() && due - out.back().due_at_ms < kHour) out.pop_back();  // the nearer one is enough
        store::TimerSpec spec;
        spec.purpose = "remind:" + label_of(before.count());
        spec.due_at_ms = due;
        spec.payload = {{"booked_for", booked_for}, {"before_ms", before.count()}};
        out.push_back(std::move(spec));
    }
    return out;
}

std::function<std::vector<store::TimerSpec>(const std::string&, const std::string&)> status_timers(
    const config::TenantConfig& tenant, int64_t now_ms) {
    return [&tenant, now_ms](const std::string& status, const std::string& booked_for) {
        if (status == "booked") return reminder_timers(tenant, booked_for, now_ms);
        std::vector<store::TimerSpec> out;
        if (status == "no_show" && tenant.reminders.enabled) {
            const base::QuietHours quiet = config::quiet_hours(tenant);
            store::TimerSpec rebook;
            rebook.purpose = "rebook";
            rebook.due_at_ms = ms_of(quiet.next_allowed(base::Instant(std::chrono::milliseconds(now_ms + kHour))));
            rebook.payload = {{"booked_for", booked_for}};
            out.push_back(std::move(rebook));
        }
        return out;
    };
}

store::TimerFiring plan_reminder(const config::TenantConfig& tenant, const store::Lead& lead, const Json& described,
                                 const store::Timer& timer, int64_t now_ms) {
    store::TimerFiring firing;
    const std::string booked_for = timer.payload.value("booked_for", std::string());
    const bool rebook = timer.purpose == "rebook";
    // The visit moved, or the lead is no longer where this timer assumed: nothing to say.
    if (rebook ? lead.status != "no_show" : (lead.status != "booked" || lead.booked_for.value_or("") != booked_for))
        return firing;
    Json context = customer_text_context(tenant, lead, described, booked_for, local_now(tenant, now_ms));
    const std::string text = reminder_text(tenant, rebook ? "rebook" : "reminder", context);
    const bool has_address = described.value("reachable", true);
    Json note = {{"purpose", timer.purpose}, {"booked_for", booked_for}};
    if (channel_can_start(lead, has_address, now_ms)) {
        firing.reply = store::ReplyRequest{0, text, Json::array(), store::kAutomaticAuthor};
        note["via"] = lead.channel;
    } else if (!tenant.reminders.sms_via.empty() && lead.phone) {
        store::JobSpec sms;
        sms.sink = tenant.reminders.sms_via;
        sms.kind = "notice";
        sms.payload = {{"event", "alert"}, {"alert", rebook ? "customer_rebook" : "customer_reminder"}, {"text", text},
                       {"to", Json::array({{{"id", "customer"}, {"name", lead.name.value_or("")}, {"contacts", {{"phone", *lead.phone}}}}})},
                       {"card", false}};
        firing.jobs.push_back(std::move(sms));
        note["via"] = "sms";
    } else {
        note["via"] = nullptr;
        firing.notes.push_back({"unreachable", {{"purpose", timer.purpose}, {"why", "no channel can start a conversation and no phone for SMS"}}});
        auto jobs = sla::alert_jobs(tenant, "unreachable", reminder_text(tenant, "unreachable_alert", context),
                                    sla::responsible_staff(tenant, described, now_ms), true);
        firing.jobs.insert(firing.jobs.end(), jobs.begin(), jobs.end());
        return firing;
    }
    firing.notes.push_back({rebook ? "rebook_offer" : "reminder_sent", note});
    return firing;
}

}  // namespace leadhub::conversation
