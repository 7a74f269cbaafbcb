// Turns a form POST's raw body into an ordered list of fields, whatever the encoding the site
// used: application/x-www-form-urlencoded (Tilda, plain HTML forms), multipart/form-data (forms
// with file inputs, some builders) or a JSON object (fetch()-based forms, integrators).
// Pure: no I/O, no knowledge of leads.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace leadhub::webform {

enum class BodyKind { urlencoded, multipart, json };

struct FormField {
    std::string name;
    std::string value;
};

// A file input is recorded (so staff know one was attached) but its bytes are not kept: leads
// travel as JSON text and a photo does not belong in them.
struct UploadedFile {
    std::string field;
    std::string filename;
    std::string content_type;
    std::size_t size = 0;
};

struct FormData {
    BodyKind kind = BodyKind::urlencoded;
    std::vector<FormField> fields;  // in body order; a repeated name appears several times
    std::vector<UploadedFile> files;
    // The charset the text was converted from into UTF-8 ("windows-1251", "koi8-r"), or "" when
    // it came as UTF-8 (webform_charset.hpp).
    std::string converted_from;
};

// Either data, or the HTTP status and reason to refuse the body with (415 or 400). What the reason
// quotes of the request (a field name, a charset) has its control characters escaped
// (sdk::escape_control), so it is one line, safe for an answer and a log.
struct ParsedBody {
    std::optional<FormData> data;
    int status = 0;
    std::string error;
};

// The media type of a Content-Type header, lower-cased, without parameters.
std::string media_type(std::string_view content_type);
// A parameter of a Content-Type header (e.g. "boundary"), unquoted; "" when absent.
std::string content_type_parameter(std::string_view content_type, std::string_view name);

ParsedBody parse_body(std::string_view content_type, std::string_view body);

// The individual decoders, exposed for tests.
ParsedBody parse_multipart(std::string_view boundary, std::string_view body);
ParsedBody parse_json_object(std::string_view body);

}  // namespace leadhub::webform
