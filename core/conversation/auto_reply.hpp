// What the hub says to a customer on its own, in Russian, on the channel they wrote on: the first
// answer to a new lead, the questions that fill in what the lead lacks one at a time, and one
// closing line (docs/replies.md). A pure function of the tenant's config and the facts given: when
// to answer (a timer, once per burst of messages, silence once a person takes over) and sending
// the text are the caller's; this part decides only what to say.
#pragma once

#include "config/config.hpp"
#include "store/store.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace leadhub::conversation {

struct ReplyFacts {
    std::string channel;                 // "telegram", "whatsapp", "instagram", "vk", "webform", "call"...
    store::LeadReading reading;          // merged reading of the whole conversation so far
    std::optional<std::string> name, phone;
    int auto_replies_sent = 0;           // automatic replies already sent on this lead (0: this is the first)
    int questions_asked = 0;             // of them, questions (a first reply that asked counts)
    std::vector<std::string> asked;      // fields already asked ("service", "date_time", "name", "phone")
    bool complete_sent = false;          // the closing line (purpose "complete") was sent already
    std::chrono::local_time<std::chrono::minutes> now_local;  // the tenant's clock now
    bool open_now = true;                // working hours
    std::optional<std::chrono::local_time<std::chrono::minutes>> opens_at;  // next opening when closed
    std::optional<int> answer_within_minutes;  // the SLA target of the lead's tier, to promise in the text
};

struct AutoReply {
    std::string text;
    // "first", "after_hours" (a first reply outside working hours), "complaint", "ask:service",
    // "ask:date_time", "ask:name", "ask:phone", "complete".
    std::string purpose;
    std::string asks;  // the field this reply asks for, "" when none (a first reply may ask too)
    // A first reply that asks the customer to confirm a visit («Записываем вас на маникюр завтра в
    // 10:00?»): that visit's local "YYYY-MM-DDTHH:MM" (the reading has a date and an exact time);
    // "" otherwise. Their «да» then books it (reply_plan.hpp).
    std::string proposes = {};
};

// The reply to send now, or nullopt when there is nothing to say: replies are off for the
// channel, a complaint was answered already, or nothing is left to ask and the closing line went
// out. Never throws on odd facts: an unknown intent is read as "other", a malformed date or time
// as missing.
std::optional<AutoReply> compose_reply(const config::TenantConfig& tenant, const ReplyFacts& facts);

}  // namespace leadhub::conversation
