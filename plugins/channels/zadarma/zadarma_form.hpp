// Zadarma's POST body as named fields: application/x-www-form-urlencoded (what Zadarma sends),
// or multipart/form-data (what a third-party handler reports seeing). No I/O.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace leadhub::zadarma {

// Field name -> value. Zadarma sends each field once; a field sent twice keeps its first value,
// and since the signature is checked over the values kept, a repeat cannot slip in unsigned data.
using Fields = std::map<std::string, std::string>;

struct ReadFields {
    std::optional<Fields> fields;  // set on success
    int status = 400;              // why not: 415 for another Content-Type, 400 for a broken body
    std::string error;             // one line, safe to answer
};

// A Content-Type that is neither form kind (and not empty, which is read as urlencoded) is refused;
// a multipart body without its boundary or cut short is refused.
ReadFields read_fields(std::string_view content_type, std::string_view body);

// The value of `name`, or "" when absent.
std::string field(const Fields& fields, const std::string& name);

}  // namespace leadhub::zadarma
