// Fuzzes every reader of bytes from Bitrix24: the same input as an event's form body
// (read_event), as a REST answer (read_answer, then the batch, duplicate search and list readers
// over its result), as the OAuth server's answer (read_token_answer), as a lead or deal read back
// (status_update -> the message that crosses the plugin boundary, read back as the hub reads it),
// and as an external id.
#include "bitrix24_api.hpp"
#include "bitrix24_event.hpp"

#include <leadhub/sdk/types.hpp>

#include <cstdlib>

using namespace leadhub::bitrix24;
using leadhub::sdk::Json;

namespace {

void require(bool ok) {
    if (!ok) std::abort();
}

const Bitrix24Options& fuzz_options() {
    static const Bitrix24Options options = [] {
        Bitrix24Options o = bitrix24_options().defaults();
        o.booked_for_field = "UF_CRM_VISIT";
        return o;
    }();
    return options;
}

void check_record(const Json& record, const Event& event) {
    for (Entity entity : {Entity::lead, Entity::deal}) {
        auto update = status_update(entity, record, fuzz_options());
        if (!update) continue;
        require(!update->status.empty());
        require(update->booked_for.empty() || update->booked_for.size() == 16);
        auto message = status_message(event, entity, *update);
        auto back = leadhub::sdk::parse_json(leadhub::sdk::dump(leadhub::sdk::to_json(message)));
        require(!back.is_discarded());
        (void)leadhub::sdk::message_from_json(back);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    Event event = read_event(bytes);
    (void)entity_of(event.event);

    leadhub::sdk::HttpResponse response;
    response.status = size > 0 && data[0] == '{' ? 200 : 400;
    response.body = std::string(bytes);
    Answer answer = read_answer("crm.lead.get", response, 1767225600000, 1767226200);
    require(answer.kind == Answer::Kind::ok || !answer.reason.empty());
    require(answer.reason.find('\n') == std::string::npos);  // one line, safe for a log and a dead letter
    if (answer.kind == Answer::Kind::ok) {
        BatchAnswer batch = read_batch(answer.result);
        (void)pick_existing(batch, {"contact", "lead"});
        for (const auto& [key, error] : batch.errors)
            require(classify_error("m", 0, error.first, error.second, 0, {}).reason.find('\n') == std::string::npos);
        (void)first_listed_id(answer.result);
        (void)id_value(answer.result);
        check_record(answer.result, event);
    }
    TokenAnswer token = read_token_answer(response);
    require(token.kind != TokenAnswer::Kind::ok || !token.tokens.refresh_token.empty());
    if (auto record = record_from_external_id(bytes)) require(record->id > 0);
    return 0;
}
