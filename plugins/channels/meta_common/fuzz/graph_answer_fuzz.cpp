// Fuzzes the reading of a Graph API answer: the error envelope, its description and its
// classification. Input: one byte for the HTTP status (0 = no response, else 100 + byte * 2),
// then the body. Every answer must be classified, with a reason on one line.
#include "graph_api.hpp"

#include <cstdlib>

namespace {
void require(bool ok) {
    if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    leadhub::sdk::HttpResponse response;
    response.status = data[0] == 0 ? 0 : 100 + data[0] * 2;
    response.body.assign(reinterpret_cast<const char*>(data + 1), size - 1);
    if (response.status == 0) response.error = response.body;
    const auto error = leadhub::meta::read_graph_error(response.body);
    const std::string said = leadhub::meta::describe(error);
    require(said.find('\n') == std::string::npos);
    const auto outcome = leadhub::meta::classify_graph_failure(response, error, "WhatsApp");
    require(outcome.kind != leadhub::sdk::Outcome::Kind::ok);
    require(!outcome.reason.empty());
    require(outcome.reason.find('\n') == std::string::npos);
    return 0;
}
