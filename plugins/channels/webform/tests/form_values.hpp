// A field's value in parsed form data, as the body tests compare it.
#pragma once

#include "webform_body.hpp"

#include <string>

namespace leadhub::webform::test {

// The first value of the field `name`, or "<absent>".
inline std::string value_of(const FormData& d, const std::string& name) {
    for (const auto& f : d.fields)
        if (f.name == name) return f.value;
    return "<absent>";
}

}  // namespace leadhub::webform::test
