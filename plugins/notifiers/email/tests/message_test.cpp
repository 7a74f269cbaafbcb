// The message without a server: addresses, RFC 2047 subjects (checked by decoding them back),
// the base64 body, the whole message's shape; the options refused before an instance runs.
#include "email_message.hpp"
#include "email_notifier.hpp"
#include "smtp_client.hpp"

#include <catch2/catch.hpp>

#include <leadhub/sdk/testing.hpp>

#include <Poco/Base64Decoder.h>

#include <sstream>

using namespace leadhub::email;
using leadhub::sdk::Json;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;

namespace {
std::string unbase64(const std::string& text) {
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in);
    std::string out;
    for (char c; decoder.get(c);) out += c;
    return out;
}
// The text of a folded header of "B" encoded-words, decoded.
std::string decode_words(const std::string& header) {
    std::string out;
    for (std::size_t at = 0; (at = header.find("=?UTF-8?B?", at)) != std::string::npos;) {
        const auto end = header.find("?=", at + 10);
        REQUIRE(end - at + 2 <= 75);
        out += unbase64(header.substr(at + 10, end - at - 10));
        at = end + 2;
    }
    return out;
}
}  // namespace

TEST_CASE("addresses: plain ASCII local@domain only") {
    CHECK(is_plain_address("olga@salon.example"));
    CHECK(is_plain_address("o.lga+leads@salon-1.example"));
    for (const char* bad : {"", "olga", "@salon.ru", "olga@", "a@b@c", "o lga@x.ru", "olga@x.ru\r\nRCPT TO:<x@y>", "<olga@x.ru>",
                            "ольга@салон.рф", "olga@.ru", "olga@x..ru", "a,b@x.ru"})
        CHECK_FALSE(is_plain_address(bad));
}

TEST_CASE("subjects: ASCII as it is, UTF-8 as encoded-words of whole characters, at most 75 each") {
    CHECK(encode_header_text("New lead: Anna") == "New lead: Anna");
    CHECK(encode_header_text("a =?x?= b").starts_with("=?UTF-8?B?"));
    CHECK(encode_header_text("line\r\nBcc: x@y.ru") == "line  Bcc: x@y.ru");
    CHECK(encode_header_text("Anna, Olga", true).starts_with("=?UTF-8?B?"));
    const std::string subject = "Новая заявка: Анна Петрова, +79161234567, Telegram, Стрижка, Окрашивание, Укладка";
    const std::string encoded = encode_header_text(subject);
    CHECK(encoded.find("\r\n ") != std::string::npos);  // long: folded over several lines
    CHECK(decode_words(encoded) == subject);
    for (char c : encoded) CHECK(static_cast<unsigned char>(c) < 128);
    CHECK(encode_header_text("Новая").rfind("=?UTF-8?B?0J3QvtCy0LDRjw==?=", 0) == 0);
}

TEST_CASE("the body: CRLF line ends, base64 in lines of 76") {
    const std::string body = base64_text_body(std::string(100, 'x') + "\nстрока\r\nеще\r");
    std::string joined;
    std::istringstream lines(body);
    for (std::string line; std::getline(lines, line);) {
        REQUIRE(line.back() == '\r');
        CHECK(line.size() <= 77);
        joined += line.substr(0, line.size() - 1);
    }
    CHECK(unbase64(joined) == std::string(100, 'x') + "\r\nстрока\r\nеще\r\n");
}

TEST_CASE("the whole message: headers, a stable Message-ID, the date") {
    MailParts parts{"hub@salon.example", "Заявки", {"olga@salon.example", "boss@salon.example"}, "Тема", "Текст",
                    message_id_for("notice-7/a b", "hub@salon.example"), 1767225600000};
    const std::string m = compose_message(parts);
    CHECK(m.find("From: =?UTF-8?B?") == 0);
    CHECK(m.find(" <hub@salon.example>\r\n") != std::string::npos);
    CHECK(m.find("To: olga@salon.example,\r\n boss@salon.example\r\n") != std::string::npos);
    CHECK(m.find("Date: Thu, 01 Jan 2026 00:00:00 +0000\r\n") != std::string::npos);
    CHECK(m.find("Message-ID: <leadhub.notice-7_a_b@salon.example>\r\n") != std::string::npos);
    CHECK(m.find("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n") != std::string::npos);
    CHECK(m.find("\r\n\r\n" + base64("Текст") + "\r\n") != std::string::npos);
    for (char c : m) CHECK(static_cast<unsigned char>(c) < 128);
}

TEST_CASE("a notice's recipients: the assignee's address, fixed ones, or a reason") {
    EmailSettings settings;
    settings.options = email_options().defaults();
    settings.options.from = "hub@salon.example";
    settings.to_assignee = true;
    auto d = leadhub::sdk::testing::make_delivery({{"id", 1}, {"name", "Анна"}, {"assignee", "olga"}, {"assignee_contacts", {{"phone", "+7"}}}});
    auto c = compose_notice(settings, d, 0);
    CHECK(c.problem.find("olga") != std::string::npos);
    settings.fixed_to = {"boss@salon.example"};
    c = compose_notice(settings, d, 0);
    CHECK(c.problem.empty());
    CHECK(c.parts.to == std::vector<std::string>{"boss@salon.example"});
    CHECK(c.parts.subject == "Новая заявка: Анна");
}

TEST_CASE("options: security none only to this machine, a username needs a password, addresses checked") {
    FakeHost host;
    auto plugin = Harness::linked(host);
    Json m = plugin.manifest();
    CHECK(m.at("kinds") == Json::array({"notifier"}));
    CHECK(m.at("defaults").at("rate_per_second") == 1);
    const Json base = {{"host", "smtp.example.ru"}, {"from", "hub@example.ru"}};
    auto with = [&](const Json& extra) {
        Json o = base;
        o.update(extra);
        return plugin.create("mail", o);
    };
    CHECK(with(Json::object()) == "");
    CHECK(with({{"security", "none"}}).find("allow_insecure") != std::string::npos);
    CHECK(with({{"security", "none"}, {"allow_insecure", true}}) == "");
    CHECK(with({{"security", "none"}, {"host", "127.0.0.1"}}) == "");
    CHECK(with({{"username", "hub"}}).find("password") != std::string::npos);
    CHECK(with({{"from", "hub"}}).find("'from'") != std::string::npos);
    CHECK(with({{"to", {"boss"}}}).find("'boss'") != std::string::npos);
    CHECK(with({{"subject", "{{#name}}"}}).find("subject") != std::string::npos);
    CHECK(with({{"security", "ssl"}}).find("starttls") != std::string::npos);
}

TEST_CASE("SMTP reply codes: 2xx and 3xx go on, 4xx retry, 5xx permanent, anything else retry") {
    using leadhub::sdk::Outcome;
    CHECK(classify_reply(250, "MAIL FROM", "250 OK").kind == Outcome::Kind::ok);
    CHECK(classify_reply(354, "DATA", "354 go").kind == Outcome::Kind::ok);
    CHECK(classify_reply(421, "greeting", "421 4.7.0 busy").kind == Outcome::Kind::retry);
    CHECK(classify_reply(452, "RCPT TO", "452 4.2.2 full").kind == Outcome::Kind::retry);
    auto refused = classify_reply(554, "DATA", "554 5.7.1 spam\r\nmore");
    CHECK(refused.kind == Outcome::Kind::permanent);
    CHECK(refused.reason.find('\n') == std::string::npos);
    CHECK(classify_reply(0, "EHLO", "").kind == Outcome::Kind::retry);
}
