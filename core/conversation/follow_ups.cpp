#include "conversation/follow_ups.hpp"

#include "conversation/customer_texts.hpp"
#include "conversation/reminders.hpp"

namespace leadhub::conversation {

namespace {

using Json = nlohmann::json;

int64_t instant_ms(base::Instant t) { return t.time_since_epoch().count(); }

}  // namespace

std::vector<store::TimerSpec> follow_up_timers(const config::TenantConfig& tenant, const store::InboundMessage& message) {
    std::vector<store::TimerSpec> out;
    if (!tenant.follow_ups.enabled || message.kind != "customer") return out;
    if (!message.address.is_object() || message.address.empty()) return out;
    const base::WorkingClock clock = config::working_clock(tenant);
    const base::QuietHours quiet = config::quiet_hours(tenant);
    for (std::size_t i = 0; i < tenant.follow_ups.after.size(); ++i) {
        base::Instant due{std::chrono::milliseconds(message.received_at_ms + tenant.follow_ups.after[i].count())};
        if (auto open = clock.next_open(due)) due = *open;
        due = quiet.next_allowed(due);
        store::TimerSpec spec;
        spec.purpose = "followup:" + std::to_string(i + 1);
        spec.due_at_ms = instant_ms(due);
        spec.payload = {{"n", i + 1}, {"of", tenant.follow_ups.after.size()}};
        out.push_back(std::move(spec));
    }
    return out;
}

store::TimerFiring plan_follow_up(const config::TenantConfig& tenant, const store::Lead& lead, const Json& described,
                                  const std::vector<store::StoredMessage>& messages, const store::Timer& timer, int64_t now_ms) {
    store::TimerFiring firing;
    const std::size_t n = timer.payload.value("n", std::size_t{1});
    const std::size_t of = timer.payload.value("of", std::size_t{1});
    auto skip = [&](const std::string& why) {
        firing.notes.push_back({"follow_up_skipped", {{"n", n}, {"why", why}}});
        return firing;
    };
    if (lead.status != "new" && lead.status != "in_work") return firing;  // booked, closed or nurtured meanwhile
    if (lead.reading.intent == "complaint" || lead.reading.intent == "cancel") return skip("a complaint or a cancellation is not nudged");
    if (!messages.empty() && messages.back().kind == "customer") return skip("the customer is waiting for an answer of ours");
    if (!channel_can_start(lead, described.value("reachable", true), now_ms)) return skip("the channel cannot start a conversation now");
    const Json context = customer_text_context(tenant, lead, described, "", local_now(tenant, now_ms));
    firing.reply = store::ReplyRequest{0, follow_up_text(tenant, n - 1, context), Json::array(), store::kAutomaticAuthor};
    firing.notes.push_back({"follow_up", {{"n", n}}});
    if (n >= of) firing.status = store::StatusChange{"nurture", "system", "follow_up", "", "", Json::object()};
    return firing;
}

}  // namespace leadhub::conversation
