// Zadarma's Signature header: Base64 of the lowercase hex text of HMAC-SHA1(api_secret, S), with S
// built from field values by the event's own formula (the official SDK's getSignatureString()).
// The body bytes themselves are not signed, so the fields are read first and S rebuilt from them.
#pragma once

#include "zadarma_form.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <leadhub/sdk/secret_compare.hpp>

namespace leadhub::zadarma {

using sdk::constant_time_equals;  // secret_compare.hpp: shared by every source

// S for the notification's `event`:
//   NOTIFY_START, NOTIFY_INTERNAL, NOTIFY_END, NOTIFY_IVR  caller_id + called_did + call_start
//   NOTIFY_ANSWER                                          caller_id + destination + call_start
//   NOTIFY_OUT_START, NOTIFY_OUT_END                       internal + destination + call_start
//   NOTIFY_RECORD                                          pbx_call_id + call_id_with_rec
// nullopt for any other event: its formula is not known, so it cannot be verified.
std::optional<std::string> signed_string(const Fields& fields);

// base64(hex(HMAC-SHA1(secret, text))), as PHP's base64_encode(hash_hmac('sha1', text, secret)).
std::string signature_of(std::string_view secret, std::string_view text);

}  // namespace leadhub::zadarma
