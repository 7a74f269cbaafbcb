// The part of a Meta webhook that WhatsApp and Instagram share, checked before any byte of the
// body is parsed:
//   GET  ?hub.mode=subscribe&hub.verify_token=<token>&hub.challenge=<n>  the subscription
//        handshake: 200 with the challenge as the whole body, 403 on a wrong token or mode
//   POST X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>  required; 403
//        when missing, malformed or wrong (compared in constant time)
//   anything else: 405
// Meta signs the bytes it sends (non-ASCII written as \uXXXX escapes), so the HMAC is taken over
// the raw body exactly as received, never over re-serialised JSON.
#pragma once

#include <leadhub/sdk/types.hpp>

#include <string>
#include <string_view>
#include <leadhub/sdk/secret_compare.hpp>

namespace leadhub::meta {

using sdk::constant_time_equals;  // secret_compare.hpp: shared by every source

// Lowercase hex of HMAC-SHA256(key, data).
std::string hmac_sha256_hex(std::string_view key, std::string_view data);

enum class SignatureCheck { valid, missing, malformed, mismatch };
const char* to_string(SignatureCheck check);

// `header` is the X-Hub-Signature-256 value ("sha256=<64 hex>", hex in either case).
SignatureCheck check_signature(std::string_view header, std::string_view app_secret, std::string_view body);

struct MetaSecrets {
    std::string app_secret;
    std::string verify_token;
};

// What the shared checks decided about one request.
struct Screening {
    enum class Verdict {
        authentic,   // a signed POST: parse the body
        handshake,   // the GET handshake, answered (`answer` is the 200 with the challenge)
        refused,     // `answer` is the 403 or 405
    };
    Verdict verdict = Verdict::refused;
    sdk::WebhookResult answer;
    bool bad_signature = false;  // refused for the signature (counted by the sources' status)
};

Screening screen_request(const sdk::HttpRequest& request, const MetaSecrets& secrets);

}  // namespace leadhub::meta
