// Fuzzes the SDK's readers of JSON that crosses the plugin boundary (types.hpp): a Message (a
// webhook answer's, an inbox row's), a Delivery (what a sink plugin is handed), an Outcome (what
// the hub reads back from a sink), a WebhookResult and the headers, all from one text read as the
// plugin and the hub read it (parse_json within kMaxWrappedJsonDepth).
//
// Contracts held: Message, Delivery and WebhookResult readers throw std::exception for a wrong
// type or depth and nothing else; the Outcome reader never throws (a bad outcome is a retry);
// whatever was read is written back (sdk::dump) without throwing. The same text as an alert
// notice's payload (alert.hpp): read_alert never throws, and gives either an alert with a
// trimmed, non-empty text and at most kMaxAlertRecipients recipients, or a one-line reason.
#include <leadhub/sdk/alert.hpp>
#include <leadhub/sdk/json.hpp>
#include <leadhub/sdk/types.hpp>

#include <cstdint>
#include <cstdlib>
#include <exception>
#include <string>

using namespace leadhub::sdk;

namespace {

template <typename Read>
void read_or_refuse(Read read) {
    try {
        (void)dump(to_json(read()));
    } catch (const std::exception&) {
        // refused, as the contract allows
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    JsonError error;
    Json j = parse_json(text, &error, {kMaxWrappedJsonDepth});
    if (j.is_discarded()) {
        if (!error) std::abort();  // refused without saying why
        return 0;
    }
    read_or_refuse([&] { return message_from_json(j); });
    read_or_refuse([&] { return delivery_from_json(j); });
    read_or_refuse([&] { return webhook_result_from_json(j); });
    try {
        (void)dump(to_json(outcome_from_json(j)));
    } catch (...) {
        std::abort();  // the hub calls it outside any try: it must classify, never throw
    }
    try {
        const AlertRead read = read_alert(j);
        if (read.alert) {
            const std::string& t = read.alert->text;
            if (t.empty() || t.front() == ' ' || t.back() == ' ' || t.back() == '\n') std::abort();
            if (read.alert->to.size() > kMaxAlertRecipients) std::abort();
            for (std::size_t i = 0; i < read.alert->to.size(); ++i) {
                const auto& r = read.alert->to[i];
                (void)r.contact("telegram");
                (void)r.contact("phone");
                if (r.key(i).empty() || r.who().find('\n') != std::string::npos) std::abort();
            }
        } else if (read.problem.empty() || read.problem.find('\n') != std::string::npos) {
            std::abort();
        }
    } catch (...) {
        std::abort();  // a plugin reads it inside deliver(): it must refuse with a reason, never throw
    }
    try {
        (void)headers_from_json_text(text.c_str());
    } catch (const std::exception&) {
    }
    return 0;
}
