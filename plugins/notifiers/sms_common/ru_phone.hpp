// Russian mobile numbers as both SMS gateways want them: eleven digits, 7XXXXXXXXXX, no "+".
// The hub's leads carry E.164 ("+79161234567"); an owner's config may write "8 916 123-45-67".
#pragma once

#include <string>
#include <string_view>

namespace leadhub::sms {

// "79161234567", or "" with `problem` saying (in Russian, for an owner) why the text is not a
// Russian mobile number: another country's code (Kazakhstan shares +7: +76…, +77…), a wrong
// length, letters. Accepts "+7…", "7…", "8…" (the trunk prefix) and ten digits "9…", with spaces,
// dashes, dots and brackets between the digits.
std::string normalize_ru_mobile(std::string_view text, std::string& problem);

}  // namespace leadhub::sms
