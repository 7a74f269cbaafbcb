#include "contacts/identities.hpp"

#include "base/phone.hpp"

namespace leadhub::contacts {

std::vector<store::Identity> identities_of(const store::InboundMessage& message) {
    std::vector<store::Identity> out;
    // A channel without a name cannot scope a user id: ids of two platforms must never meet.
    if (message.external_user_id && !message.external_user_id->empty() && !message.channel.empty())
        out.push_back({message.channel, *message.external_user_id});
    if (message.phone && !message.phone->empty()) out.push_back({"phone", *message.phone});
    if (message.email && !message.email->empty()) out.push_back({"email", *message.email});
    return out;
}

std::optional<store::Identity> phone_identity(const std::string& written, const std::string& region) {
    auto e164 = base::normalize_phone(written, region);
    if (!e164) return std::nullopt;
    return store::Identity{"phone", *e164};
}

}  // namespace leadhub::contacts
