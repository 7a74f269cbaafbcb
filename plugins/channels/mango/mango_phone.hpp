// A caller's number as the PBX reports it, read into E.164 (the hub's conventions for calls).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace leadhub::mango {

struct CallerNumber {
    std::optional<std::string> e164;  // set when the number could be read
    bool hidden = false;              // the caller withheld it: empty, "anonymous", all zeros
};

// 8XXXXXXXXXX and 7XXXXXXXXXX -> +7XXXXXXXXXX; 10 digits starting with 9 -> +7...; +... kept
// (digits only, 8 to 15 of them); any other 11 to 15 digits -> "+" in front, since PBXs write
// international numbers without the plus. Spaces, dashes, dots and brackets are
// ignored. Shorter numbers (an extension) and text with other characters (a SIP URI) are neither
// read nor hidden: e164 stays empty and the raw value is kept by the caller.
CallerNumber read_caller_number(std::string_view raw);

}  // namespace leadhub::mango
