#include "webform_charset.hpp"

#include <cctype>
#include <cerrno>
#include <iconv.h>

namespace leadhub::webform {

namespace {

// One iconv conversion descriptor, closed when it goes out of scope. Opened per call: a form has
// a handful of fields, and a descriptor is not safe to share between the instance's threads.
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
        if (iconv(cd_, &in, &in_left, &at, &out_left) == static_cast<std::size_t>(-1)) return std::nullopt;
        if (iconv(cd_, nullptr, nullptr, &at, &out_left) == static_cast<std::size_t>(-1)) return std::nullopt;
        out.resize(out.size() - out_left);
        return out;
    }

private:
    iconv_t cd_;
};

}  // namespace

bool is_utf8_charset(std::string_view charset) {
    std::string c(charset);
    for (auto& ch : c) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return c == "utf-8" || c == "utf8" || c == "us-ascii";
}

bool charset_known(const std::string& charset) { return Converter("UTF-8", charset).ok(); }

bool is_utf8(std::string_view text) {
    for (unsigned char c : text)
        if (c >= 0x80) return Converter("UTF-8", "UTF-8").convert(text).has_value();
    return true;  // ASCII, the usual case, needs no converter
}

std::optional<std::string> to_utf8(std::string_view text, const std::string& charset) {
    Converter converter("UTF-8", charset);
    if (!converter.ok()) return std::nullopt;
    return converter.convert(text);
}

}  // namespace leadhub::webform
