// Phone numbers as customers type them into forms ("8 (903) 111-22-33", "+7 916 123-45-67",
// "9031112233") turned into E.164 by the hub's conventions. Only the unambiguous cases are
// decided here; anything else is left for the core, which runs libphonenumber.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace leadhub::webform {

// E.164 ("+79031112233") or nullopt when the text is not a number this rule set can vouch for:
//   +<8..15 digits>                    kept, separators dropped
//   8XXXXXXXXXX / 7XXXXXXXXXX          +7XXXXXXXXXX   (country RU or KZ: the +7 zone)
//   9XXXXXXXXX (10 digits)             +79XXXXXXXXX   (country RU or KZ)
// Separators allowed: spaces, '(', ')', '-', '.'; any other character (letters, "доб.") means
// the text is not just a number.
std::optional<std::string> normalise_phone(std::string_view raw, std::string_view country);

}  // namespace leadhub::webform
