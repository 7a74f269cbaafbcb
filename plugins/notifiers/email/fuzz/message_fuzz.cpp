// The email plugin reads no outside bytes of its own (Poco reads the SMTP replies; the plugin
// only looks at their codes), so its fuzz target covers what turns outside text into the
// message: any bytes as a subject, a display name and a body, and as a template over a lead
// whose fields are the same bytes. Checked: every line of the message is ASCII, at most 998
// characters, with CRLF ends only, and each encoded-word at most 75 characters.
#include "email_message.hpp"

#include <leadhub/sdk/text_template.hpp>

#include <cstdlib>

namespace {
void require(bool ok) {
    if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const leadhub::sdk::Json lead = {{"name", text}, {"phone", "+79161234567"}, {"service_names", {text, "x"}}};
    leadhub::email::MailParts parts{"hub@example.ru", text, {"olga@example.ru"}, leadhub::sdk::render_template(text, lead),
                                    leadhub::sdk::render_template("{{name}}\n" + text, lead), leadhub::email::message_id_for(text, "hub@example.ru"),
                                    static_cast<int64_t>(size) * 86400000};
    const std::string message = leadhub::email::compose_message(parts);
    std::size_t line = 0;
    for (std::size_t i = 0; i < message.size(); ++i) {
        const auto c = static_cast<unsigned char>(message[i]);
        require(c < 128 && c != 0);
        if (c == '\n') {
            require(i > 0 && message[i - 1] == '\r');
            line = 0;
            continue;
        }
        if (c == '\r') require(i + 1 < message.size() && message[i + 1] == '\n');
        require(++line <= 998);
    }
    for (std::size_t at = 0; (at = message.find("=?UTF-8?B?", at)) != std::string::npos; at += 10)
        require(message.find("?=", at + 10) - at + 2 <= 75);
    return 0;
}
