// Fuzzes what the hub reads in a customer's words after a reminder (customer_answers.hpp): any
// bytes as the text, the first byte choosing the intent the understanding read. The contract:
// never throws, and a request to stop is always read as one (it wins over every other answer).
#include "conversation/customer_answers.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

const char* const kIntents[] = {"other", "book", "cancel", "reschedule", "question", "complaint"};

leadhub::config::TenantConfig tenant() {
    leadhub::config::TenantConfig t;
    t.id = "salon";
    t.timezone = "Europe/Moscow";
    leadhub::config::StaffConfig olga;
    olga.id = "olga";
    olga.name = "Ольга";
    t.staff = {olga};
    leadhub::config::InstanceConfig bot;
    bot.name = "bot";
    bot.kind = leadhub::config::InstanceKind::notifier;
    t.notifiers = {bot};
    return t;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    static const leadhub::config::TenantConfig salon = tenant();
    const std::string intent = kIntents[data[0] % (sizeof(kIntents) / sizeof(kIntents[0]))];
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    const auto answer = leadhub::conversation::classify_answer(text, intent);
    if (leadhub::conversation::asks_to_stop(text) != (answer == leadhub::conversation::CustomerAnswer::stop)) std::abort();

    leadhub::store::Lead lead;
    lead.id = 1;
    lead.channel = "telegram";
    lead.status = "booked";
    lead.booked_for = "2026-12-08T18:00";
    leadhub::store::StoredMessage said;
    said.kind = "customer";
    said.text = text;
    said.reading = {{"intent", intent}};
    leadhub::store::LeadEvent reminded;
    reminded.kind = "reminder_sent";
    auto firing = leadhub::conversation::plan_answer(salon, lead, {{"assignee", "olga"}}, {said}, {reminded}, 1'796'634'000'000);
    if (answer == leadhub::conversation::CustomerAnswer::stop && !firing.opt_out) std::abort();
    return 0;
}
