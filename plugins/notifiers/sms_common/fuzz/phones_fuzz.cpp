// Fuzzes what sms_common reads of outside bytes: a phone as a customer, an owner's config or a
// lead's assignee contacts wrote it, and a gateway's HTTP answer. Input: one selector byte, then
// the text. A normalised number is always eleven digits starting 7 9; every refusal says why;
// every HTTP classification that is not "read the body" has a reason on one line. Selector 3: the
// text as an alert notice's delivery (sms_alert.cpp), through a gateway that takes every number:
// only normalised numbers are texted, a text within kMaxSmsChars, and an outcome that is not `ok`
// has a reason.
#include "gateway_http.hpp"
#include "recipients.hpp"
#include "ru_phone.hpp"
#include "sms_notice.hpp"

#include <cstdlib>

namespace {
void require(bool ok) {
    if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    switch (data[0] % 4) {
        case 0: {
            std::string problem;
            const std::string phone = leadhub::sms::normalize_ru_mobile(text, problem);
            if (phone.empty()) {
                require(!problem.empty());
            } else {
                require(phone.size() == 11 && phone[0] == '7' && phone[1] == '9');
                for (char c : phone) require(c >= '0' && c <= '9');
            }
            break;
        }
        case 1: {
            leadhub::sms::PhoneRecipients to;
            to.assignee = true;
            const leadhub::sdk::Json lead = {{"assignee", "olga"}, {"assignee_contacts", {{"phone", text}}}};
            const auto resolved = leadhub::sms::resolve_phones(to, lead);
            require(resolved.phones.empty() != resolved.problem.empty());
            break;
        }
        case 3: {
            leadhub::sdk::Delivery delivery;
            delivery.kind = "notice";
            delivery.idempotency_key = "fuzz";
            delivery.payload = leadhub::sdk::parse_json(text);  // discarded when not JSON: refused as a payload
            if (delivery.payload.is_object()) delivery.payload["event"] = "alert";
            leadhub::sms::NoticeSettings settings{leadhub::sms::read_phone_recipients({"assignee", "+79161234567"}), "{{name}}", "SMS.ru"};
            auto send = [](const std::vector<std::string>& phones, const std::string& sms) {
                require(!phones.empty() && !sms.empty());
                for (const auto& phone : phones) require(phone.size() == 11 && phone[0] == '7');
                return leadhub::sms::same_for_all(phones, leadhub::sdk::Outcome::Kind::ok, "id");
            };
            const leadhub::sdk::Host host;  // no state: every attempt is a first one
            const auto outcome = leadhub::sms::deliver_alert(host, "sms", delivery, settings, send);
            require(outcome.kind == leadhub::sdk::Outcome::Kind::ok || !outcome.reason.empty());
            break;
        }
        default: {
            leadhub::sdk::HttpResponse response;
            response.status = text.empty() ? 0 : 100 + static_cast<unsigned char>(text[0]) * 2;
            response.body = text;
            if (auto outcome = leadhub::sms::classify_http_status(response, "SMS.ru", "base_url")) {
                require(!outcome->reason.empty());
                require(outcome->reason.find('\n') == std::string::npos);
            }
            break;
        }
    }
    return 0;
}
