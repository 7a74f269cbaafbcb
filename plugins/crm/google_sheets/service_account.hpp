// A Google service account's JSON key, read once at create(), and the RS256 assertion it signs to
// get an access token (https://developers.google.com/identity/protocols/oauth2/service-account).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace Poco::Crypto {
class RSAKey;
}

namespace leadhub::google_sheets {

inline constexpr const char* kSheetsScope = "https://www.googleapis.com/auth/spreadsheets";

struct ServiceAccount {
    std::string client_email;
    std::string token_uri;  // as the key file says; informative, the option token_url is used
    std::shared_ptr<const Poco::Crypto::RSAKey> key;
};

// Reads the key file. Throws std::invalid_argument naming the file and what is wrong with it
// (missing, not JSON, no client_email, a private_key that does not load).
ServiceAccount load_service_account(const std::string& path);

// The same from the file's text; `path` only names it in errors.
ServiceAccount service_account_from_text(const std::string& text, const std::string& path);

// header.claims.signature, base64url: iss = client_email, scope, aud = audience, iat = now,
// exp = now + 3600 (Google refuses more than an hour).
std::string make_assertion(const ServiceAccount& account, const std::string& audience, int64_t now_s);

}  // namespace leadhub::google_sheets
