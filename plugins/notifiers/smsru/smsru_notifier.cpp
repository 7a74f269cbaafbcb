#include "smsru_notifier.hpp"

#include "sms_notice.hpp"
#include "smsru_api.hpp"

namespace leadhub::smsru {

SmsRuNotifier::SmsRuNotifier(const sdk::Context& ctx) : Notifier(ctx), settings_(read_smsru_settings(ctx.options)) {}

sdk::Outcome SmsRuNotifier::deliver(const sdk::Delivery& delivery) {
    const sms::NoticeSettings notice{settings_.to, settings_.options.text_template, "SMS.ru"};
    // SMS.ru answers for each number of one request: all numbers go in one call (up to 100; a
    // notice has a handful), and the api_id in the body is never logged.
    return sms::deliver_notice(host(), name(), delivery, notice, [&](const std::vector<std::string>& phones, const std::string& text) {
        return read_send_answer(host().http(build_send(settings_.options, phones, text)), phones, delivery.attempt);
    });
}

}  // namespace leadhub::smsru
