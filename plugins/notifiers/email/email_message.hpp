// The e-mail a notice becomes, without I/O: addresses checked, UTF-8 headers as RFC 2047
// encoded-words, the body as text/plain; charset=UTF-8 in base64 (RFC 2045), CRLF line ends.
// Written here rather than with Poco::Net::MailMessage so that every byte that goes out is
// fixed by this code and its tests (and fuzzed), whatever Poco version the machine has.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace leadhub::email {

// An address as SMTP's MAIL FROM/RCPT TO takes it without quoting: local@domain, printable
// ASCII, no spaces, quotes, brackets, commas or line breaks (no SMTPUTF8).
bool is_plain_address(std::string_view address);

std::string base64(std::string_view bytes);

// Header text: as it is when it is printable ASCII (and holds no "=?"); else RFC 2047 "B"
// encoded-words of whole UTF-8 characters, each at most 75 characters, folded onto lines of
// their own ("\r\n "). Line breaks in the text become spaces. `phrase` (a display name) also
// encodes ASCII that would need quoting (",", "\"", "<", …).
std::string encode_header_text(std::string_view utf8, bool phrase = false);

// Base64 of the text with its line ends made CRLF (text/plain's canonical form), 76 characters
// a line, each line ending in CRLF.
std::string base64_text_body(std::string_view utf8);

// "Thu, 01 Jan 2026 00:00:00 +0000" for a Unix time in milliseconds.
std::string rfc5322_date(int64_t unix_ms);

// A Message-ID stable across the retries of one job: "<leadhub.<key>@<from's domain>>", the
// key (its first 200 characters) outside [A-Za-z0-9.-] written as "_". A mail client that sees the same
// message twice (a retry after a lost answer) may show it once.
std::string message_id_for(std::string_view idempotency_key, std::string_view from);

struct MailParts {
    std::string from;
    std::string from_name;
    std::vector<std::string> to;
    std::string subject;
    std::string body;
    std::string message_id;
    int64_t date_ms = 0;
};

// The whole message (headers, blank line, body), CRLF line ends, every line ASCII.
std::string compose_message(const MailParts& parts);

}  // namespace leadhub::email
