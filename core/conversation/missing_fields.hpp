// What a reply asks next. A customer is asked one thing at a time, in the tenant's order, only
// what the lead's intent needs and the conversation has not given yet, each thing at most once
// (a customer who ignored a question is not nagged), and no more than max_questions in all.
#pragma once

#include "config/config.hpp"
#include "conversation/auto_reply.hpp"

#include <optional>
#include <string>
#include <vector>

namespace leadhub::conversation {

// Telegram, Instagram and VK give the business no phone number; the other channels do (or, like
// a web form, ask for it themselves), so the phone is asked only on these.
bool channel_hides_phone(const std::string& channel);

// The fields a lead of this intent needs, in `order` (a subset of service, date_time, name,
// phone): book and other need all four, reschedule all but the service (the visit exists),
// question and cancel only who to answer (name, phone), complaint nothing (it is never asked
// questions). The phone only where the channel hides it.
std::vector<std::string> needed_fields(const std::string& intent, const std::string& channel,
                                       const std::vector<std::string>& order);

// Whether the conversation has given `field`. date_time: a valid date and a time or a part of day
// («завтра утром» is enough for the administrator to offer a slot).
bool has_field(const ReplyFacts& facts, const std::string& field);

// The needed fields still missing, in order.
std::vector<std::string> missing_fields(const config::RepliesConfig& replies, const ReplyFacts& facts);

// The field to ask now: the first missing one not asked before, while fewer than max_questions
// questions were asked; nullopt when there is none.
std::optional<std::string> next_question(const config::RepliesConfig& replies, const ReplyFacts& facts);

}  // namespace leadhub::conversation
