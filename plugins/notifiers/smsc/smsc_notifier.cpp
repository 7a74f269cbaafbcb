#include "smsc_notifier.hpp"

#include "sms_notice.hpp"
#include "smsc_api.hpp"

namespace leadhub::smsc {

SmscNotifier::SmscNotifier(const sdk::Context& ctx) : Notifier(ctx), settings_(read_smsc_settings(ctx.options)) {}

sdk::Outcome SmscNotifier::deliver(const sdk::Delivery& delivery) {
    const SmscOptions& o = settings_.options;
    // Every second attempt goes to the backup host: a retry follows a failure, and a whole
    // attempt on one host never sends a number twice (a fallback within one attempt could,
    // after a timeout on the main host that had in fact sent).
    const bool backup = !o.backup_url.empty() && delivery.attempt % 2 == 0;
    const std::string& base = backup ? o.backup_url : o.base_url;
    const sms::NoticeSettings notice{settings_.to, o.text_template, "SMSC"};
    return sms::deliver_notice(host(), name(), delivery, notice, [&](const std::vector<std::string>& phones, const std::string& text) {
        std::vector<sms::NumberResult> results;
        for (const auto& phone : phones) {
            results.push_back(read_send_answer(host().http(build_send(o, base, phone, text)), phone));
            // A failure of the account or of the connection is the same for the next number:
            // the rest get it without a call (and a retry sends them then).
            const sms::NumberResult last = results.back();  // a copy: the pushes below move the vector
            if (last.kind == sdk::Outcome::Kind::retry || last.account_wide) {
                for (std::size_t i = results.size(); i < phones.size(); ++i) results.push_back({phones[i], last.kind, last.detail, last.retry_after_ms, last.account_wide});
                break;
            }
        }
        return results;
    });
}

}  // namespace leadhub::smsc
