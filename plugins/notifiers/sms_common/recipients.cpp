#include "recipients.hpp"

#include "ru_phone.hpp"

#include <algorithm>
#include <stdexcept>

namespace leadhub::sms {

PhoneRecipients read_phone_recipients(const std::vector<std::string>& entries, const std::string& option) {
    PhoneRecipients out;
    for (const auto& entry : entries) {
        if (entry == kAssignee) {
            out.assignee = true;
            continue;
        }
        std::string problem;
        std::string phone = normalize_ru_mobile(entry, problem);
        if (phone.empty())
            throw std::invalid_argument("option '" + option + "': '" + entry + "' is neither \"assignee\" nor a Russian mobile number (" +
                                        problem + ")");
        if (std::find(out.fixed.begin(), out.fixed.end(), phone) == out.fixed.end()) out.fixed.push_back(phone);
    }
    if (!out.assignee && out.fixed.empty())
        throw std::invalid_argument("option '" + option + "' names nobody: give \"assignee\" and/or phone numbers");
    return out;
}

ResolvedPhones resolve_phones(const PhoneRecipients& to, const sdk::Json& lead) {
    ResolvedPhones out;
    out.phones = to.fixed;
    if (!to.assignee) return out;
    const sdk::Json* contacts = nullptr;
    if (lead.is_object())
        if (auto it = lead.find("assignee_contacts"); it != lead.end() && it->is_object()) contacts = &*it;
    const std::string assignee = lead.is_object() ? sdk::string_member_or(lead, "assignee") : std::string();
    const std::string phone_text = contacts ? sdk::string_member_or(*contacts, "phone") : std::string();
    if (phone_text.empty()) {
        out.problem = assignee.empty() ? "у заявки нет ответственного" : "у ответственного «" + assignee + "» нет телефона в контактах";
        return out;
    }
    std::string problem;
    std::string phone = normalize_ru_mobile(phone_text, problem);
    if (phone.empty()) {
        out.problem = "телефон ответственного «" + assignee + "» не подходит для SMS: " + problem;
        return out;
    }
    if (std::find(out.phones.begin(), out.phones.end(), phone) == out.phones.end()) out.phones.push_back(phone);
    return out;
}

}  // namespace leadhub::sms
