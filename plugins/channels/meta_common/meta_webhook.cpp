#include "meta_webhook.hpp"

#include <leadhub/sdk/ascii_text.hpp>
#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/safe_text.hpp>

#include <Poco/DigestEngine.h>
#include <Poco/HMACEngine.h>
#include <Poco/SHA2Engine.h>

namespace leadhub::meta {

namespace {

constexpr std::string_view kSignaturePrefix = "sha256=";
// A challenge is a number Meta picks; anything long or unprintable is not Meta's and is not
// echoed back.
constexpr std::size_t kMaxChallengeSize = 256;

// Poco's HMACEngine is templated on an engine with a default constructor and a fixed block size.
class Sha256Engine : public Poco::SHA2Engine {
public:
    enum { BLOCK_SIZE = 64, DIGEST_SIZE = 32 };
    Sha256Engine() : Poco::SHA2Engine(Poco::SHA2Engine::SHA_256) {}
};

bool is_hex_digits(std::string_view s) {
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
    return true;
}

sdk::WebhookResult answer_handshake(const sdk::HttpRequest& request, const std::string& verify_token) {
    const auto query = sdk::parse_form(request.query);
    const std::string mode = sdk::form_value(query, "hub.mode");
    const std::string token = sdk::form_value(query, "hub.verify_token");
    const std::string challenge = sdk::form_value(query, "hub.challenge");
    if (mode != "subscribe") return sdk::WebhookResult::reject(403, "forbidden: hub.mode is not subscribe");
    if (!constant_time_equals(token, verify_token))
        return sdk::WebhookResult::reject(403, "forbidden: wrong hub.verify_token");
    if (challenge.empty() || challenge.size() > kMaxChallengeSize || !sdk::is_safe_text(challenge))
        return sdk::WebhookResult::reject(400, "bad request: hub.challenge missing or not printable");
    sdk::WebhookResult ok;
    ok.body = challenge;  // the whole body, as Meta requires
    return ok;
}

}  // namespace

std::string hmac_sha256_hex(std::string_view key, std::string_view data) {
    Poco::HMACEngine<Sha256Engine> hmac{std::string(key)};
    hmac.update(data.data(), static_cast<unsigned>(data.size()));
    return Poco::DigestEngine::digestToHex(hmac.digest());
}

const char* to_string(SignatureCheck check) {
    switch (check) {
        case SignatureCheck::valid: return "valid";
        case SignatureCheck::missing: return "missing X-Hub-Signature-256";
        case SignatureCheck::malformed: return "malformed X-Hub-Signature-256";
        case SignatureCheck::mismatch: return "X-Hub-Signature-256 does not match the body";
    }
    return "invalid";
}

SignatureCheck check_signature(std::string_view header, std::string_view app_secret, std::string_view body) {
    header = sdk::trim(header);
    if (header.empty()) return SignatureCheck::missing;
    if (!header.starts_with(kSignaturePrefix)) return SignatureCheck::malformed;
    std::string_view hex = header.substr(kSignaturePrefix.size());
    if (hex.size() != 64 || !is_hex_digits(hex)) return SignatureCheck::malformed;
    const std::string expected = hmac_sha256_hex(app_secret, body);
    return constant_time_equals(sdk::ascii_lower(hex), expected) ? SignatureCheck::valid : SignatureCheck::mismatch;
}

Screening screen_request(const sdk::HttpRequest& request, const MetaSecrets& secrets) {
    Screening out;
    if (request.method == "GET") {
        out.answer = answer_handshake(request, secrets.verify_token);
        out.verdict = out.answer.status == 200 ? Screening::Verdict::handshake : Screening::Verdict::refused;
        return out;
    }
    if (request.method != "POST") {
        out.answer = sdk::WebhookResult::reject(405, "method not allowed: Meta webhooks are GET (verification) or POST");
        out.answer.headers["Allow"] = "GET, POST";
        return out;
    }
    const SignatureCheck check = check_signature(request.header("X-Hub-Signature-256"), secrets.app_secret, request.body);
    if (check != SignatureCheck::valid) {
        out.answer = sdk::WebhookResult::reject(403, std::string("forbidden: ") + to_string(check));
        out.bad_signature = true;
        return out;
    }
    out.verdict = Screening::Verdict::authentic;
    return out;
}

}  // namespace leadhub::meta
