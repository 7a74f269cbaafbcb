// The identities of a message, by which its contact is found: the phone (E.164), the e-mail
// (lower case), and the platform's user id under the channel's name (a Telegram user id is
// ("telegram", "12345"), a VK one ("vk", "…")). Fields are expected normalised already.
#pragma once

#include "store/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace leadhub::contacts {

std::vector<store::Identity> identities_of(const store::InboundMessage& message);

// The phone identity for a number as an operator types it ("8 913 123-45-67"), in `region`;
// nullopt when it is not a phone number.
std::optional<store::Identity> phone_identity(const std::string& written, const std::string& region = "RU");

}  // namespace leadhub::contacts
