// Contact fields as every part of leadhub expects them: phones in E.164, names trimmed and
// capitalised (Cyrillic too), e-mails trimmed and lower-cased.
#pragma once

#include "config/config.hpp"
#include "store/store.hpp"

#include <leadhub/sdk/types.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace leadhub::pipeline {

// "  анна-мария   ИВАНОВА " -> "Анна-Мария Иванова". A word written all in lower or all in
// upper case is capitalised; a word in mixed case ("McDonald") is the customer's own spelling
// and stays. nullopt when nothing is left.
std::optional<std::string> normalize_name(std::string_view written);

// " Olga.K@Mail.RU " -> "olga.k@mail.ru"; nullopt when empty.
std::optional<std::string> normalize_email(std::string_view written);

// The store's name of a message's kind: customer, business, blocked (store::InboundMessage::kind).
const char* message_kind(sdk::MessageEvent event);

// Did the channel report a call nobody answered (extra.call.missed == true)?
bool is_missed_call(const store::Json& extra);

// The message's fields for the store, normalised for `tenant` (its country is the region of
// phones written without a country code). A phone that is not a phone number is not stored as
// one: it moves to extra.raw_phone, so nothing the customer wrote is lost.
store::InboundMessage normalized_message(const sdk::Message& message, const config::TenantConfig& tenant,
                                         const std::string& source, int64_t received_at_ms);

}  // namespace leadhub::pipeline
