#include "bitrix24_sink.hpp"

#include "bitrix24_api.hpp"

#include <leadhub/sdk/safe_text.hpp>
#include <leadhub/sdk/text_template.hpp>

namespace leadhub::bitrix24 {

using sdk::Json;
using sdk::Outcome;

Bitrix24::Bitrix24(const sdk::Context& ctx)
    : Sink(ctx), options_(read_bitrix24_options(ctx.options)), client_(ctx.host, options_) {}

void Bitrix24::start() {
    client_.load_tokens();
    host().register_route("POST", "/");
}

Outcome Bitrix24::deliver(const sdk::Delivery& delivery) {
    if (delivery.kind != "lead") return logged(delivery, Outcome::permanent("bitrix24 takes deliveries of kind lead, not " + delivery.kind));
    const std::string event = sdk::string_member_or(delivery.payload, "event");
    if (event == "message_added") return logged(delivery, add_message(delivery));
    if (!event.empty()) return logged(delivery, Outcome::permanent("bitrix24 does not handle the lead event '" + sdk::escape_control(event) + "'"));
    return logged(delivery, new_lead(delivery));
}

Outcome Bitrix24::new_lead(const sdk::Delivery& delivery) {
    const Json& lead = delivery.lead.fields;
    Json data = template_data(lead);
    std::string key = sdk::string_member_or(lead, "key");
    if (key.empty()) key = delivery.lead.tenant + ":" + std::to_string(delivery.lead.id);
    data["key"] = key;

    // A retry may follow an attempt whose answer was lost after Bitrix24 made the lead: find it
    // by the key written into ORIGIN_ID before making another.
    if (delivery.attempt > 1) {
        Answer listed = client_.call("crm.lead.list", lead_list_params(key), options_.timeout_ms);
        if (listed.kind != Answer::Kind::ok) return to_outcome(listed);
        if (auto id = first_listed_id(listed.result)) {
            host().info("bitrix24 " + name() + ": lead " + key + " was already made by an earlier attempt: " + std::to_string(*id));
            return Outcome::ok(std::to_string(*id));
        }
    }

    Json add = lead_add_params(options_, data);
    // A customer the CRM already knows (by phone or e-mail) gets the enquiry on their record.
    const Json batch = options_.match_existing.empty() ? Json() : findbycomm_batch(lead);
    if (!batch.is_null()) {
        Answer searched = client_.call("batch", batch, options_.timeout_ms);
        if (searched.kind != Answer::Kind::ok) return to_outcome(searched);
        BatchAnswer found = read_batch(searched.result);
        if (!found.errors.empty()) {
            const auto& [code, description] = found.errors.begin()->second;
            return to_outcome(classify_error("crm.duplicate.findbycomm", 0, code, description, host().now_ms(), {}));
        }
        if (auto existing = pick_existing(found, options_.match_existing)) {
            data["title"] = add["fields"].value("TITLE", "");
            data["comments"] = add["fields"].value("COMMENTS", "");
            const std::string text = sdk::render_template(options_.comment_template, data);
            Answer commented = client_.call("crm.timeline.comment.add", comment_params(*existing, text), options_.timeout_ms);
            if (commented.kind != Answer::Kind::ok) return to_outcome(commented);
            return Outcome::ok(external_id_of(*existing));
        }
    }

    Answer added = client_.call("crm.lead.add", add, options_.timeout_ms);
    if (added.kind != Answer::Kind::ok) return to_outcome(added);
    auto id = id_value(added.result);
    // Without an id the lead may still exist: the retry looks for it by its key.
    if (!id) return Outcome::retry("Bitrix24 (crm.lead.add): в ответе нет id лида: " + excerpt(sdk::dump(added.result), 80));
    return Outcome::ok(std::to_string(*id));
}

Outcome Bitrix24::add_message(const sdk::Delivery& delivery) {
    const Json& lead = delivery.lead.fields;
    std::string external_id;
    if (auto ids = lead.find("external_ids"); ids != lead.end() && ids->is_object())
        if (auto it = ids->find(delivery.sink); it != ids->end())
            external_id = it->is_string() ? it->get<std::string>() : it->is_number() ? it->dump() : "";
    if (external_id.empty())
        return Outcome::retry("the lead is not in Bitrix24 yet (its first delivery to " + delivery.sink + " has not succeeded)");
    auto record = record_from_external_id(external_id);
    if (!record) return Outcome::permanent("'" + sdk::escape_control(external_id) + "' is not a Bitrix24 lead or contact id");
    Json data = template_data(lead);
    data["message"] = delivery.payload.contains("message") ? delivery.payload.at("message") : Json::object();
    if (sdk::string_member_or(data["message"], "text").empty()) return Outcome::ok(external_id);  // nothing to add
    const std::string text = sdk::render_template(options_.message_template, data);
    Answer commented = client_.call("crm.timeline.comment.add", comment_params(*record, text), options_.timeout_ms);
    if (commented.kind != Answer::Kind::ok) return to_outcome(commented);
    return Outcome::ok(external_id);
}

Outcome Bitrix24::logged(const sdk::Delivery& delivery, Outcome outcome) const {
    const std::string job = "bitrix24 " + name() + ": job " + std::to_string(delivery.job_id) + " attempt " +
                            std::to_string(delivery.attempt) + " -> ";
    switch (outcome.kind) {
        case Outcome::Kind::ok:
            host().debug(job + "ok " + outcome.external_id);
            host().metric("bitrix24_ok");
            break;
        case Outcome::Kind::retry:
            host().warn(job + "will retry: " + outcome.reason);
            host().metric("bitrix24_retry");
            break;
        case Outcome::Kind::permanent:
            host().error(job + "failed: " + outcome.reason);
            host().metric("bitrix24_permanent");
            break;
    }
    return outcome;
}

Json Bitrix24::control(const Json& request) {
    const std::string action = sdk::string_member_or(request, "action");
    if (action == "status") return client_.status();
    if (action == "connect") return client_.connect(sdk::string_member_or(request, "code"));
    throw std::invalid_argument("action '" + sdk::escape_control(action) + "' is not supported by bitrix24 (status, connect)");
}

}  // namespace leadhub::bitrix24
