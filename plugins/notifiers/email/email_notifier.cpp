#include "email_notifier.hpp"

#include "smtp_client.hpp"

#include <leadhub/sdk/alert.hpp>
#include <leadhub/sdk/safe_text.hpp>
#include <leadhub/sdk/text_template.hpp>

#include <Poco/Net/SSLManager.h>

#include <algorithm>

namespace leadhub::email {

Composed compose_notice(const EmailSettings& settings, const sdk::Delivery& delivery, int64_t now_ms) {
    const EmailOptions& o = settings.options;
    const sdk::Json& lead = delivery.lead.fields;
    Composed out;
    out.parts.to = settings.fixed_to;
    if (settings.to_assignee) {
        const std::string assignee = lead.is_object() ? sdk::string_member_or(lead, "assignee") : "";
        std::string address;
        if (lead.is_object())
            if (auto it = lead.find("assignee_contacts"); it != lead.end() && it->is_object()) address = sdk::string_member_or(*it, "email");
        std::string why;
        if (address.empty()) why = assignee.empty() ? "у заявки нет ответственного" : "у ответственного «" + assignee + "» нет e-mail в контактах";
        else if (!is_plain_address(address)) why = "e-mail ответственного «" + assignee + "» не похож на адрес: " + sdk::escape_control(address);
        if (why.empty()) {
            if (std::find(out.parts.to.begin(), out.parts.to.end(), address) == out.parts.to.end()) out.parts.to.push_back(address);
        } else if (out.parts.to.empty()) {
            out.problem = "письмо некому отправить: " + why;
            return out;
        }
    }
    out.parts.from = o.from;
    out.parts.from_name = o.from_name;
    out.parts.subject = sdk::render_template(o.subject, lead);
    out.parts.body = sdk::render_template(o.body, lead);
    out.parts.message_id = message_id_for(delivery.idempotency_key, o.from);
    out.parts.date_ms = now_ms;
    return out;
}

EmailNotifier::EmailNotifier(const sdk::Context& ctx) : Notifier(ctx), settings_(read_email_settings(ctx.options)) {
    Poco::Net::initializeSSL();  // counted: the matching uninitializeSSL() is in the destructor
}

EmailNotifier::~EmailNotifier() { Poco::Net::uninitializeSSL(); }

sdk::Outcome EmailNotifier::deliver(const sdk::Delivery& delivery) {
    const std::string job = "email " + name() + ": job " + std::to_string(delivery.job_id) + " attempt " + std::to_string(delivery.attempt) + ": ";
    if (delivery.kind != "notice" && delivery.kind != "lead")
        return sdk::Outcome::permanent("email только уведомляет сотрудников о заявках: доставка вида «" + sdk::escape_control(delivery.kind) +
                                       "» ему не по адресу");
    if (sdk::is_alert(delivery.payload)) return deliver_alert(delivery, job);  // a text for named staff
    if (const std::string event = sdk::string_member_or(delivery.payload, "event"); !event.empty()) {
        host().debug(job + "nothing to mail for event " + sdk::escape_control(event));  // no card to update by e-mail
        return sdk::Outcome::ok();
    }
    Composed composed = compose_notice(settings_, delivery, host().now_ms());
    if (!composed.problem.empty()) {
        host().error(job + composed.problem);
        return sdk::Outcome::permanent(composed.problem);
    }
    sdk::Outcome outcome = submit(settings_.options, {settings_.options.from, composed.parts.to, compose_message(composed.parts)});
    // Logged without the password: no reason quotes it (AUTH lines are never echoed).
    switch (outcome.kind) {
        case sdk::Outcome::Kind::ok: host().metric("email_sent"); break;
        case sdk::Outcome::Kind::retry: host().warn(job + "will retry: " + outcome.reason); break;
        case sdk::Outcome::Kind::permanent: host().error(job + "failed: " + outcome.reason); break;
    }
    if (outcome.kind == sdk::Outcome::Kind::ok) outcome.external_id = composed.parts.message_id;
    return outcome;
}

}  // namespace leadhub::email
