// Fuzzes the multipart/form-data reader on its own (webform_multipart.cpp), with the boundary
// as given. Input: "<boundary>\n<body>".
#include "fuzz_input.hpp"
#include "webform_body.hpp"

#include <cstdlib>

using namespace leadhub::webform;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto [boundary, body] = fuzz::split_first_line(data, size);
    ParsedBody parsed = parse_multipart(boundary, body);
    if (!parsed.data && parsed.status != 400 && parsed.status != 415) std::abort();
    if (parsed.data)
        for (const auto& file : parsed.data->files)
            if (file.size > body.size()) std::abort();  // a file's size is what the body held
    return 0;
}
