// libphonenumber behind a C function, built as the module `leadhub-phone.so` and opened by
// phone.cpp the first time a number gets that far. libphonenumber brings libprotobuf, ICU and
// abseil: 14 shared objects, ~3.8 MiB of mapped pages and ~9k symbol relocations that every start
// paid before the first phone number arrived (docs/benchmarks.md, "Start-up").
#include <phonenumbers/phonenumberutil.h>

#include <cstring>
#include <string>

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

// Writes the E.164 form of `text` (digits with an optional leading '+') read in `region` into
// `out` and returns 1 when it is a possible number for its country (right length: people give new
// ranges and test numbers, so "valid" would be too strict); 0 when not, or when `out` is too small.
extern "C" __attribute__((visibility("default"))) int leadhub_phone_e164(const char* text, const char* region,
                                                                          char* out, unsigned long out_size) {
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    if (util.Parse(text, region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) return 0;
    if (!util.IsPossibleNumber(number)) return 0;
    std::string e164;
    util.Format(number, PhoneNumberUtil::E164, &e164);
    if (e164.size() + 1 > out_size) return 0;
    std::memcpy(out, e164.c_str(), e164.size() + 1);
    return 1;
}
