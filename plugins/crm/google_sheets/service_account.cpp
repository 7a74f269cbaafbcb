#include "service_account.hpp"

#include <leadhub/sdk/json.hpp>

#include <Poco/Crypto/RSAKey.h>
#include <Poco/Exception.h>
#include <Poco/JWT/Signer.h>
#include <Poco/JWT/Token.h>
#include <Poco/Timestamp.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace leadhub::google_sheets {

ServiceAccount load_service_account(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::invalid_argument("option 'key_file': cannot read " + path + ": no such file or no access");
    std::ostringstream text;
    text << in.rdbuf();
    return service_account_from_text(text.str(), path);
}

ServiceAccount service_account_from_text(const std::string& text, const std::string& path) {
    const std::string where = "option 'key_file': " + path + ": ";
    sdk::Json json = sdk::parse_json(text);
    if (!json.is_object()) throw std::invalid_argument(where + "not a JSON key (download it again: IAM → Service accounts → Keys → JSON)");
    if (auto type = sdk::opt_string(json, "type"); type && *type != "service_account")
        throw std::invalid_argument(where + "the key's type is '" + *type + "', not 'service_account'");
    ServiceAccount out;
    out.client_email = sdk::string_member_or(json, "client_email");
    out.token_uri = sdk::string_member_or(json, "token_uri");
    const std::string pem = sdk::string_member_or(json, "private_key");
    if (out.client_email.empty()) throw std::invalid_argument(where + "no client_email in the key");
    if (pem.empty()) throw std::invalid_argument(where + "no private_key in the key");
    try {
        std::istringstream stream(pem);
        out.key = std::make_shared<const Poco::Crypto::RSAKey>(nullptr, &stream);
    } catch (const Poco::Exception& e) {
        throw std::invalid_argument(where + "private_key is not an RSA key in PEM: " + e.displayText());
    }
    return out;
}

std::string make_assertion(const ServiceAccount& account, const std::string& audience, int64_t now_s) {
    Poco::JWT::Token token;
    token.setType("JWT");
    token.setIssuer(account.client_email);
    token.setAudience(audience);
    token.payload().set("scope", std::string(kSheetsScope));
    token.setIssuedAt(Poco::Timestamp(now_s * Poco::Timestamp::resolution()));
    token.setExpiration(Poco::Timestamp((now_s + 3600) * Poco::Timestamp::resolution()));
    Poco::JWT::Signer signer(Poco::SharedPtr<Poco::Crypto::RSAKey>(new Poco::Crypto::RSAKey(*account.key)));
    return signer.sign(token, Poco::JWT::Signer::ALGO_RS256);
}

}  // namespace leadhub::google_sheets
