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

bool constant_time_equals(std::string_view a, std::string_view b) {
    // Walk the longer string in full whatever the contents; a length mismatch still fails.
    std::size_t n = a.size() > b.size() ? a.size() : b.size();
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (std::size_t i = 0; i < n; ++i) {
        unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        diff = static_cast<unsigned char>(diff | (x ^ y));
    }
    return diff == 0;
}

}  // namespace leadhub::mango
