// Fuzzes the reader of SMSC's answers (fmt=3 JSON and the text form) with any bytes: a result for
// the number asked about with a one-line reason, never a crash.
#include "smsc_api.hpp"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    leadhub::sdk::HttpResponse response{200, {}, std::string(reinterpret_cast<const char*>(data), size), ""};
    auto result = leadhub::smsc::read_send_answer(response, "79161234567");
    if (result.phone != "79161234567" || result.detail.find('\n') != std::string::npos) std::abort();
    if (result.kind != leadhub::sdk::Outcome::Kind::ok && result.detail.empty()) std::abort();  // a failure always says why
    return 0;
}
