// multipart/form-data (RFC 7578), the part of webform_body.hpp that needs the most care.
#include "webform_body.hpp"
#include "webform_text.hpp"


namespace leadhub::webform {

namespace {

ParsedBody refuse(std::string reason) {
    ParsedBody out;
    out.status = 400;
    out.error = std::move(reason);
    return out;
}

// A parameter of Content-Disposition: name="..." or filename="...". Quoted values may hold '\"'
// escapes; browsers percent-encode quotes in names instead, which is kept as sent.
std::string disposition_parameter(std::string_view header, std::string_view name) {
    std::size_t pos = 0;
    while ((pos = header.find(';', pos)) != std::string_view::npos) {
        ++pos;
        while (pos < header.size() && header[pos] == ' ') ++pos;
        std::size_t eq = header.find('=', pos);
        if (eq == std::string_view::npos) return {};
        if (ascii_lower(header.substr(pos, eq - pos)) != name) continue;
        std::string value;
        std::size_t i = eq + 1;
        if (i < header.size() && header[i] == '"') {
            for (++i; i < header.size() && header[i] != '"'; ++i) {
                if (header[i] == '\\' && i + 1 < header.size()) ++i;
                value += header[i];
            }
        } else {
            while (i < header.size() && header[i] != ';') value += header[i++];
        }
        return value;
    }
    return {};
}

struct PartHeaders {
    std::string disposition;
    std::string content_type;
};

PartHeaders read_part_headers(std::string_view block) {
    PartHeaders out;
    std::size_t start = 0;
    while (start < block.size()) {
        std::size_t end = block.find('\n', start);
        if (end == std::string_view::npos) end = block.size();
        std::string_view line = block.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        std::size_t colon = line.find(':');
        if (colon != std::string_view::npos) {
            std::string key = ascii_lower(line.substr(0, colon));
            std::string_view value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
            if (key == "content-disposition") out.disposition = std::string(value);
            else if (key == "content-type") out.content_type = std::string(value);
        }
        start = end + 1;
    }
    return out;
}

}  // namespace

ParsedBody parse_multipart(std::string_view boundary, std::string_view body) {
    const std::string delimiter = "--" + std::string(boundary);
    std::size_t pos = body.find(delimiter);
    if (pos == std::string_view::npos) return refuse("multipart body does not contain its boundary");
    FormData data;
    data.kind = BodyKind::multipart;
    pos += delimiter.size();
    for (;;) {
        if (body.substr(pos, 2) == "--") break;  // the closing delimiter
        // The rest of the delimiter line (optional whitespace, then CRLF or LF).
        std::size_t line_end = body.find('\n', pos);
        if (line_end == std::string_view::npos) return refuse("multipart body ends inside a boundary line");
        std::size_t headers_start = line_end + 1;
        std::size_t blank = body.find("\r\n\r\n", headers_start);
        std::size_t gap = 4;
        std::size_t bare = body.find("\n\n", headers_start);
        if (bare != std::string_view::npos && (blank == std::string_view::npos || bare < blank)) blank = bare, gap = 2;
        if (blank == std::string_view::npos) return refuse("multipart part has no end of headers");
        PartHeaders headers = read_part_headers(body.substr(headers_start, blank - headers_start));
        std::size_t content_start = blank + gap;
        std::size_t next = body.find(delimiter, content_start);
        if (next == std::string_view::npos) return refuse("multipart body is truncated: no closing boundary");
        std::size_t content_end = next;
        if (content_end > content_start && body[content_end - 1] == '\n') --content_end;
        if (content_end > content_start && body[content_end - 1] == '\r') --content_end;
        std::string_view content = body.substr(content_start, content_end - content_start);

        if (ascii_lower(headers.disposition).rfind("form-data", 0) != 0)
            return refuse("multipart part without Content-Disposition: form-data");
        std::string name = disposition_parameter(headers.disposition, "name");
        if (headers.disposition.find("filename") != std::string::npos) {
            if (!content.empty() || !disposition_parameter(headers.disposition, "filename").empty())
                data.files.push_back({name, disposition_parameter(headers.disposition, "filename"), headers.content_type,
                                      content.size()});
        } else {
            data.fields.push_back({name, std::string(content)});
        }
        pos = next + delimiter.size();
    }
    ParsedBody out;
    out.data = std::move(data);
    return out;
}

}  // namespace leadhub::webform
