// The fields a reply template is rendered with (config::reply_context_fields(); docs/replies.md).
// Every field is text, "" when unknown, so {{#field}}…{{/field}} tests whether it is known:
//   name               the customer's name as the lead has it («Анна»)
//   service_names      the catalog names of the services read, first letter lowered, joined
//                      («маникюр и педикюр»)
//   service_names_acc  the same in the accusative, for «на …» («стрижку и укладку»)
//   when               the day and time asked for, spoken («завтра в 10:00», «в пятницу,
//                      11 декабря, в 10:00», «завтра утром», «в 10:00»)
//   date_text          the day alone («завтра», «в пятницу, 11 декабря», «11 декабря»)
//   time               the time alone («10:00», «9:30»)
//   daypart_text       the part of day alone («утром», «днём», «вечером»)
//   business           the tenant's name
//   answer_within      the promised answer time in the accusative («15 минут», «1 час»); "" when
//                      no target is known
//   opens_at           when closed: the next opening, spoken («завтра в 10:00»); "" in working hours
//   channel_title      «Telegram», «ВКонтакте», «Сайт» …
//   promise            the rendered `promise` template in working hours, `after_hours` outside
//                      them (set by the composer, not here)
#pragma once

#include "config/config.hpp"
#include "conversation/auto_reply.hpp"

#include <leadhub/sdk/json.hpp>

#include <string>

namespace leadhub::conversation {

// Every field above but promise.
nlohmann::json reply_context(const config::TenantConfig& tenant, const ReplyFacts& facts);

// «Telegram», «ВКонтакте», «Звонок», «Сайт»; an unknown channel as its own name. The same titles
// as the pipeline gives sinks (pipeline/lead_description.hpp), kept here because the pipeline
// comes after this area and must not be a dependency of it.
std::string channel_title(const std::string& channel);

}  // namespace leadhub::conversation
