// Who gets a notice: the option `to`, a list whose entries are either the word "assignee" (the
// lead's assignee, at the phone in lead.assignee_contacts.phone) or a fixed phone number. The
// default ["assignee"] texts whoever has the lead; ["assignee", "+79161234567"] also the owner.
#pragma once

#include <leadhub/sdk/json.hpp>

#include <string>
#include <vector>

namespace leadhub::sms {

inline constexpr const char* kAssignee = "assignee";

struct PhoneRecipients {
    bool assignee = false;
    std::vector<std::string> fixed;  // normalised, 7XXXXXXXXXX, no repeats
};

// Reads the option's entries. Throws std::invalid_argument naming the option and the entry when
// one is neither "assignee" nor a Russian mobile number, or when the list is empty: a config
// error, found before the instance runs.
PhoneRecipients read_phone_recipients(const std::vector<std::string>& entries, const std::string& option = "to");

struct ResolvedPhones {
    std::vector<std::string> phones;  // normalised, no repeats, fixed ones first
    std::string problem;              // why the assignee gets nothing (no assignee, no phone, a bad phone); "" when fine
};

// The numbers of one lead (the delivery's lead object).
ResolvedPhones resolve_phones(const PhoneRecipients& to, const sdk::Json& lead);

}  // namespace leadhub::sms
