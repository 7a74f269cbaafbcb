#include "zadarma_signature.hpp"

#include <Poco/Base64Encoder.h>
#include <Poco/DigestEngine.h>
#include <Poco/HMACEngine.h>
#include <Poco/SHA1Engine.h>

#include <sstream>

namespace leadhub::zadarma {

std::optional<std::string> signed_string(const Fields& fields) {
    const std::string event = field(fields, "event");
    auto f = [&](const char* name) { return field(fields, name); };
    if (event == "NOTIFY_START" || event == "NOTIFY_INTERNAL" || event == "NOTIFY_END" || event == "NOTIFY_IVR")
        return f("caller_id") + f("called_did") + f("call_start");
    if (event == "NOTIFY_ANSWER") return f("caller_id") + f("destination") + f("call_start");
    if (event == "NOTIFY_OUT_START" || event == "NOTIFY_OUT_END") return f("internal") + f("destination") + f("call_start");
    if (event == "NOTIFY_RECORD") return f("pbx_call_id") + f("call_id_with_rec");
    return std::nullopt;
}

std::string signature_of(std::string_view secret, std::string_view text) {
    Poco::HMACEngine<Poco::SHA1Engine> hmac{std::string(secret)};
    hmac.update(text.data(), text.size());
    const std::string hex = Poco::DigestEngine::digestToHex(hmac.digest());  // lowercase
    std::ostringstream out;
    Poco::Base64Encoder base64(out);
    base64.rdbuf()->setLineLength(0);  // one line, as PHP's base64_encode
    base64 << hex;
    base64.close();
    return out.str();
}

}  // namespace leadhub::zadarma
