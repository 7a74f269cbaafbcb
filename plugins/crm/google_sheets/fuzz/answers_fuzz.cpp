// Fuzzes every reader of Google's bytes in the google_sheets sink: the token answer, the append
// answer, the key column's values answer and the error envelope, then the outcome each failure
// class makes of the same body. Reasons must stay one line (they go to logs and dead letters).
#include "sheets_api.hpp"

#include <cstdlib>

using namespace leadhub::google_sheets;

namespace {

void require(bool ok) {
    if (!ok) std::abort();
}

void one_line(const leadhub::sdk::Outcome& outcome) {
    require(outcome.reason.find_first_of("\r\n") == std::string::npos);
    require(outcome.kind != leadhub::sdk::Outcome::Kind::ok);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string body(reinterpret_cast<const char*>(data), size);
    if (auto token = parse_token_answer(body)) require(!token->access_token.empty() && token->expires_in_s > 0);
    (void)parse_updated_range(body);
    if (auto found = find_key(body, "salon:77")) require(found->row >= 0);
    if (auto error = parse_error(body)) {
        require(error->message.find('\n') == std::string::npos && error->status.find('\n') == std::string::npos);
        require(error->message.size() <= 300 * 4);
    }
    for (int status : {0, 400, 401, 403, 404, 429, 500, 503}) {
        leadhub::sdk::HttpResponse response{status, {}, body, status == 0 ? body : ""};
        one_line(classify_sheets_failure(response, "a@b.iam.gserviceaccount.com"));
        one_line(classify_token_failure(response));
    }
    return 0;
}
