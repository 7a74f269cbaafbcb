// A salon and a customer's facts for the conversation tests: Monday 7 December 2026, 12:00 on
// the salon's clocks, open, answering within 15 minutes.
#pragma once

#include "config/config.hpp"
#include "conversation/auto_reply.hpp"
#include "conversation/spoken_time.hpp"

#include <chrono>

namespace leadhub::conversation::testing {

inline LocalMinutes at(int y, unsigned m, unsigned d, int h = 0, int min = 0) {
    using namespace std::chrono;
    return local_days{year(y) / month(m) / day(d)} + hours(h) + minutes(min);
}

inline config::TenantConfig salon() {
    config::TenantConfig tenant;
    tenant.id = "lilia";
    tenant.name = "Лилия";
    tenant.services = {{"manicure", "Маникюр", {}}, {"pedicure", "Педикюр", {}}, {"haircut", "Стрижка", {}}};
    return tenant;
}

inline ReplyFacts facts(const std::string& channel, const std::string& intent) {
    ReplyFacts f;
    f.channel = channel;
    f.reading.intent = intent;
    f.now_local = at(2026, 12, 7, 12, 0);
    f.answer_within_minutes = 15;
    return f;
}

}  // namespace leadhub::conversation::testing
