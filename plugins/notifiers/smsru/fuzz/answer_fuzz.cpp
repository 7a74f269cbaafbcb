// Fuzzes the reader of SMS.ru's answers (JSON and plain text) with any bytes: one result per
// number asked about, each a one-line reason, never a crash.
#include "smsru_api.hpp"

#include <cstdlib>

namespace {
void require(bool ok) {
    if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::vector<std::string> phones = {"79255070602", "74993221627", "79161234567"};
    leadhub::sdk::HttpResponse response{200, {}, std::string(reinterpret_cast<const char*>(data), size), ""};
    for (int attempt : {1, 2}) {
        auto results = leadhub::smsru::read_send_answer(response, phones, attempt);
        require(results.size() == phones.size());
        for (std::size_t i = 0; i < results.size(); ++i) {
            require(results[i].phone == phones[i]);
            require(results[i].detail.find('\n') == std::string::npos);
        }
    }
    return 0;
}
