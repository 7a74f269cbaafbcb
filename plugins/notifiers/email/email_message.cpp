#include "email_message.hpp"

#include <cstdio>
#include <ctime>

namespace leadhub::email {

bool is_plain_address(std::string_view a) {
    const auto at = a.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 >= a.size() || a.find('@', at + 1) != std::string_view::npos) return false;
    if (a.size() > 254) return false;
    for (char c : a) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 32 || u >= 127) return false;
        if (std::string_view("\"(),:;<>[\\]").find(c) != std::string_view::npos) return false;
    }
    const auto domain = a.substr(at + 1);
    return domain.front() != '.' && domain.back() != '.' && domain.find("..") == std::string_view::npos;
}

std::string base64(std::string_view in) {
    static const char* table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const unsigned n = static_cast<unsigned char>(in[i]) << 16 | static_cast<unsigned char>(in[i + 1]) << 8 | static_cast<unsigned char>(in[i + 2]);
        out += {table[n >> 18], table[n >> 12 & 63], table[n >> 6 & 63], table[n & 63]};
    }
    if (i + 1 == in.size()) {
        const unsigned n = static_cast<unsigned char>(in[i]) << 16;
        out += {table[n >> 18], table[n >> 12 & 63], '=', '='};
    } else if (i + 2 == in.size()) {
        const unsigned n = static_cast<unsigned char>(in[i]) << 16 | static_cast<unsigned char>(in[i + 1]) << 8;
        out += {table[n >> 18], table[n >> 12 & 63], table[n >> 6 & 63], '='};
    }
    return out;
}

namespace {

bool plain_enough(std::string_view text, bool phrase) {
    // Long text goes as encoded-words, which fold onto lines of their own: a header line stays
    // within SMTP's 998 characters.
    if (text.size() > 700 || text.find("=?") != std::string_view::npos) return false;
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 32 || u >= 127) return false;
        if (phrase && std::string_view("\"(),.:;<>@[\\]").find(c) != std::string_view::npos) return false;
    }
    return true;
}

// The length of the longest prefix of `text` of whole UTF-8 characters within `limit` bytes.
std::size_t whole_characters(std::string_view text, std::size_t limit) {
    if (text.size() <= limit) return text.size();
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return cut == 0 ? limit : cut;  // no character start within the limit (not UTF-8): cut the bytes
}

}  // namespace

std::string encode_header_text(std::string_view utf8, bool phrase) {
    std::string text(utf8);
    for (auto& c : text)
        if (c == '\r' || c == '\n' || c == '\t') c = ' ';
    if (plain_enough(text, phrase)) return text;
    // "=?UTF-8?B?" + 60 base64 characters + "?=" = 72 <= 75: 45 bytes of text per word.
    std::string out;
    std::string_view rest = text;
    while (!rest.empty()) {
        const std::size_t take = whole_characters(rest, 45);
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + base64(rest.substr(0, take)) + "?=";
        rest.remove_prefix(take);
    }
    return out;
}

std::string base64_text_body(std::string_view utf8) {
    std::string canonical;
    canonical.reserve(utf8.size() + utf8.size() / 16);
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        if (utf8[i] == '\r' && i + 1 < utf8.size() && utf8[i + 1] == '\n') continue;  // the CRLF's LF adds the pair
        if (utf8[i] == '\n' || utf8[i] == '\r') canonical += "\r\n";
        else canonical += utf8[i];
    }
    const std::string encoded = base64(canonical);
    std::string out;
    for (std::size_t at = 0; at < encoded.size(); at += 76) out += encoded.substr(at, 76) + "\r\n";
    return out;
}

std::string rfc5322_date(int64_t unix_ms) {
    const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday % 7], tm.tm_mday,
                  months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buffer;
}

std::string message_id_for(std::string_view key, std::string_view from) {
    std::string id = "<leadhub.";
    for (char c : key.substr(0, 200)) id += (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ? c : '_';
    const auto at = from.find('@');
    id += "@" + std::string(at == std::string_view::npos ? std::string_view("leadhub.local") : from.substr(at + 1)) + ">";
    return id;
}

std::string compose_message(const MailParts& parts) {
    std::string to;
    for (const auto& address : parts.to) to += (to.empty() ? "" : ",\r\n ") + address;
    std::string from = "<" + parts.from + ">";
    if (!parts.from_name.empty()) from = encode_header_text(parts.from_name, true) + " " + from;
    std::string out;
    out += "From: " + from + "\r\n";
    out += "To: " + to + "\r\n";
    out += "Subject: " + encode_header_text(parts.subject) + "\r\n";
    out += "Date: " + rfc5322_date(parts.date_ms) + "\r\n";
    out += "Message-ID: " + parts.message_id + "\r\n";
    out += "MIME-Version: 1.0\r\n";
    out += "Content-Type: text/plain; charset=UTF-8\r\n";
    out += "Content-Transfer-Encoding: base64\r\n";
    out += "Auto-Submitted: auto-generated\r\n";  // RFC 3834: vacation responders stay quiet
    out += "\r\n";
    out += base64_text_body(parts.body);
    return out;
}

}  // namespace leadhub::email
