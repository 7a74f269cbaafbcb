#include "webform_charset.hpp"

#include "webform_text.hpp"

#include <cerrno>
#include <iconv.h>

namespace leadhub::webform {

namespace {

// One iconv conversion descriptor, closed when it goes out of scope. A descriptor is not safe to
// share between threads: the instance's calls come from several.
class Converter {
public:
    Converter(const std::string& to, const std::string& from) : cd_(iconv_open(to.c_str(), from.c_str())) {}
    ~Converter() {
        if (ok()) iconv_close(cd_);
    }
    Converter(const Converter&) = delete;
    Converter& operator=(const Converter&) = delete;
    bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }

    std::optional<std::string> convert(std::string_view text) {
        std::string out;
        out.resize(text.size() * 4 + 16);  // no charset needs more than 4 UTF-8 bytes a byte
        char* in = const_cast<char*>(text.data());
        std::size_t in_left = text.size();
        char* at = out.data();
        std::size_t out_left = out.size();
        const bool converted = iconv(cd_, &in, &in_left, &at, &out_left) != static_cast<std::size_t>(-1) &&
                               iconv(cd_, nullptr, nullptr, &at, &out_left) != static_cast<std::size_t>(-1);
        iconv(cd_, nullptr, nullptr, nullptr, nullptr);  // back to the initial state for the next text
        if (!converted) return std::nullopt;
        out.resize(out.size() - out_left);
        return out;
    }

private:
    iconv_t cd_;
};

}  // namespace

bool is_utf8_charset(std::string_view charset) {
    const std::string c = ascii_lower(charset);
    return c == "utf-8" || c == "utf8" || c == "us-ascii";
}

bool charset_known(const std::string& charset) { return Converter("UTF-8", charset).ok(); }

// Checked by hand rather than with iconv: every Cyrillic field of every post is checked, and
// iconv (a descriptor, an output buffer) cost ~0.5-1 us a Cyrillic message against ~0.25 us here. The rules
// are RFC 3629's: no overlong forms, no surrogates, nothing above U+10FFFF; a test holds them to
// iconv's verdict on random bytes.
bool is_utf8(std::string_view text) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = p + text.size();
    while (p < end) {
        const unsigned char c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        std::size_t continuation = 0;
        unsigned char low = 0x80, high = 0xBF;  // the allowed range of the first continuation byte
        if (c >= 0xC2 && c <= 0xDF) {
            continuation = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            continuation = 2;
            if (c == 0xE0) low = 0xA0;   // overlong
            if (c == 0xED) high = 0x9F;  // surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            continuation = 3;
            if (c == 0xF0) low = 0x90;   // overlong
            if (c == 0xF4) high = 0x8F;  // above U+10FFFF
        } else {
            return false;
        }
        if (static_cast<std::size_t>(end - p) <= continuation || p[1] < low || p[1] > high) return false;
        for (std::size_t i = 2; i <= continuation; ++i)
            if ((p[i] & 0xC0) != 0x80) return false;
        p += continuation + 1;
    }
    return true;
}

std::optional<std::string> to_utf8(std::string_view text, const std::string& charset) {
    Converter converter("UTF-8", charset);
    if (!converter.ok()) return std::nullopt;
    auto converted = converter.convert(text);
    // glibc's UTF-8 reader (behind "UTF-8" and its aliases, such as "ISO-10646/UTF8/") lets code
    // points above U+10FFFF through, as bytes that are not UTF-8: such text is not valid in it.
    if (converted && !is_utf8(*converted)) return std::nullopt;
    return converted;
}

}  // namespace leadhub::webform
