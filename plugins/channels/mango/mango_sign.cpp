#include "mango_sign.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

namespace leadhub::mango {

std::string sign_of(std::string_view api_key, std::string_view json, std::string_view salt) {
    Poco::SHA2Engine sha256(Poco::SHA2Engine::SHA_256);
    sha256.update(api_key.data(), api_key.size());
    sha256.update(json.data(), json.size());
    sha256.update(salt.data(), salt.size());
    return Poco::DigestEngine::digestToHex(sha256.digest());  // lowercase
}

}  // namespace leadhub::mango
