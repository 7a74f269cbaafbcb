// Fuzzes every parser of bytes from amoCRM: the status webhook's form read into changes and then
// into lead_status messages (written as the hub reads them), and the same bytes as each API
// answer (contacts, leads by key, complex, tokens) and as an error answer to classify.
#include "amocrm_api.hpp"
#include "amocrm_webhook.hpp"

#include <leadhub/sdk/types.hpp>

#include <cstdlib>
#include <string>

using namespace leadhub::amocrm;

namespace {

void require(bool ok) {
    if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);

    StatusWebhook hook = parse_status_webhook(bytes);
    require(hook.error.empty() || hook.changes.empty());
    require(hook.error.find('\n') == std::string::npos);
    const std::map<std::string, std::string> map = {{"33929752", "in_work"}, {"142", "visited"}};
    for (auto& m : status_messages(hook, map, "req")) {
        require(m.lead_status && !m.lead_status->external_id.empty());
        auto back = leadhub::sdk::message_from_json(leadhub::sdk::parse_json(leadhub::sdk::dump(leadhub::sdk::to_json(m))));
        require(back.event == leadhub::sdk::MessageEvent::lead_status);
    }

    for (int status : {200, 204, 400, 401, 402, 403, 429, 500}) {
        leadhub::sdk::HttpResponse response{status, {{"Retry-After", bytes.substr(0, 12)}}, bytes, ""};
        auto failure = classify(response, "fuzz");
        if (failure) require(failure->reason.find('\n') == std::string::npos);
        if (failure && failure->retry_after_ms) require(*failure->retry_after_ms >= 0);
    }
    std::optional<Failure> failure;
    leadhub::sdk::Json body = read_json({200, {}, bytes, ""}, "fuzz", failure);
    if (failure) require(failure->kind == Failure::Kind::retry);
    if (auto id = first_contact_id(body)) require(*id > 0);
    if (auto id = find_lead_by_key(body, "salon:42")) require(*id > 0);
    if (auto created = read_complex(body)) require(created->id > 0);
    if (auto tokens = read_tokens(body)) require(!tokens->access_token.empty() && !tokens->refresh_token.empty());
    return 0;
}
