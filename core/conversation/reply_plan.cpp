#include "conversation/reply_plan.hpp"

#include "conversation/auto_reply.hpp"
#include "conversation/customer_answers.hpp"
#include "conversation/customer_texts.hpp"
#include "sla/staff_alerts.hpp"

#include <leadhub/sdk/text_template.hpp>

namespace leadhub::conversation {

namespace {

using Json = nlohmann::json;
using LocalMinutes = std::chrono::local_time<std::chrono::minutes>;

LocalMinutes local_minutes(const base::TimeZone& zone, int64_t utc_ms) {
    return std::chrono::floor<std::chrono::minutes>(zone.local(base::Instant(std::chrono::milliseconds(utc_ms))));
}

// The automatic replies sent before, as the lead's history recorded them.
void read_sent(const std::vector<store::LeadEvent>& history, ReplyFacts& facts) {
    for (const auto& e : history) {
        if (e.kind != "auto_reply") continue;
        facts.auto_replies_sent++;
        const std::string asks = e.detail.value("asks", std::string());
        if (!asks.empty()) {
            facts.questions_asked++;
            facts.asked.push_back(asks);
        }
        if (e.detail.value("purpose", std::string()) == "complete") facts.complete_sent = true;
    }
}

// The visit the first reply proposed, if nothing came of it yet.
std::string proposed_visit(const std::vector<store::LeadEvent>& history) {
    std::string proposed;
    for (const auto& e : history) {
        if (e.kind == "auto_reply" && e.detail.value("purpose", std::string()) != "complete" && e.detail.contains("proposes"))
            proposed = e.detail.value("proposes", std::string());
        if (e.kind == "booking_confirmed") proposed.clear();
    }
    return proposed;
}

// «да» to «Записываем вас … завтра в 10:00?»: booked by the customer, thanked.
bool confirms_proposed_visit(const config::TenantConfig& tenant, const store::Lead& lead, const Json& described,
                             const std::vector<store::LeadEvent>& history, const std::vector<store::StoredMessage>& messages,
                             int64_t now_ms, store::TimerFiring& firing) {
    if (lead.status != "new" && lead.status != "in_work") return false;
    const std::string visit = proposed_visit(history);
    if (visit.empty() || messages.empty() || messages.back().kind != "customer") return false;
    std::string words;
    for (auto it = messages.rbegin(); it != messages.rend() && it->kind == "customer"; ++it)
        words = it->text.value_or("") + (words.empty() ? "" : " ") + words;
    if (classify_answer(words, messages.back().reading.value("intent", std::string("other"))) != CustomerAnswer::confirm) return false;
    Json context = customer_text_context(tenant, lead, described, visit, local_now(tenant, now_ms));
    firing.status = store::StatusChange{"booked", "customer", "reply", "", visit, Json::object()};
    firing.reply = store::ReplyRequest{0, reminder_text(tenant, "confirmed", context), Json::array(), store::kAutomaticAuthor};
    firing.notes.push_back({"booking_confirmed", {{"booked_for", visit}, {"text", words}}, "customer", "reply"});
    return true;
}

const char* kComplaintAlert =
    "❗ Жалоба, заявка №{{lead_id}}{{#name}}, {{name}}{{/name}} ({{channel_title}}): «{{text}}». Свяжитесь с клиентом.";

}  // namespace

std::optional<store::TimerSpec> reply_timer(const config::TenantConfig& tenant, const store::InboundMessage& message,
                                            bool joins_lead) {
    if (message.kind != "customer" || !tenant.replies.enabled_on(message.channel)) return std::nullopt;
    if (!message.address.is_object() || message.address.empty()) return std::nullopt;  // nowhere to answer
    store::TimerSpec spec;
    spec.purpose = "reply";
    spec.due_at_ms = message.received_at_ms + kReplyGatherMs;
    spec.keep_pending = joins_lead;  // the burst's first message decides when its reply goes
    spec.until_staff_respond = true;
    return spec;
}

store::TimerFiring plan_reply(const config::TenantConfig& tenant, const store::Lead& lead, const Json& described,
                              const std::vector<store::LeadEvent>& history, const std::vector<store::StoredMessage>& messages,
                              int64_t now_ms) {
    store::TimerFiring firing;
    if (lead.first_response_at_ms) return firing;  // a person has it (the timer is normally cancelled then)
    // «стоп»: the answer timer of the same message marks the contact; nothing more is said.
    if (!messages.empty() && messages.back().kind == "customer" && asks_to_stop(messages.back().text.value_or(""))) return firing;
    if (confirms_proposed_visit(tenant, lead, described, history, messages, now_ms, firing)) return firing;
    ReplyFacts facts;
    facts.channel = lead.channel;
    facts.reading = lead.reading;
    facts.name = lead.name;
    facts.phone = lead.phone;
    read_sent(history, facts);
    const base::WorkingClock clock = config::working_clock(tenant);
    const base::Instant now{std::chrono::milliseconds(now_ms)};
    facts.now_local = local_minutes(clock.zone(), now_ms);
    facts.open_now = clock.is_open(now);
    if (!facts.open_now)
        if (auto opens = clock.next_open(now))
            facts.opens_at = local_minutes(clock.zone(), opens->time_since_epoch().count());
    if (const config::SlaTier* tier = tenant.sla.tier(lead.reading.score); tenant.sla.enabled && tier && tier->target)
        facts.answer_within_minutes = static_cast<int>(tier->target->count() / 60'000);

    std::optional<AutoReply> reply = compose_reply(tenant, facts);
    if (!reply) return firing;
    firing.reply = store::ReplyRequest{0, reply->text, Json::array(), store::kAutomaticAuthor};
    Json note = {{"purpose", reply->purpose}, {"asks", reply->asks}, {"text", reply->text}};
    if (!reply->proposes.empty()) note["proposes"] = reply->proposes;
    firing.notes.push_back({"auto_reply", note, "system", "reply"});
    if (reply->purpose == "complaint") {
        // Never a cheerful template, and a senior hears of it at once.
        const Json context = {{"lead_id", lead.id},
                              {"name", described.value("name", Json())},
                              {"channel_title", described.value("channel_title", Json())},
                              {"text", described.value("display_text", Json())}};
        auto seniors = sla::people_named(tenant, {"senior", "owner"}, "");
        auto jobs = sla::alert_jobs(tenant, "complaint", sdk::render_template(kComplaintAlert, context), seniors, true);
        firing.jobs.insert(firing.jobs.end(), jobs.begin(), jobs.end());
    }
    return firing;
}

}  // namespace leadhub::conversation
