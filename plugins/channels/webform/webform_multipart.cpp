// multipart/form-data (RFC 7578 over RFC 2046), the part of webform_body.hpp that needs the most care.
//
// One pass, every position moving forward only: the body is cut at its delimiters, each found once,
// and a part's headers are looked for inside that part only. An earlier version searched the rest
// of the body for each part's blank line, and a 1 MB body of 24,000 tiny parts cost 5 s of CPU.
// A delimiter is "--boundary" at the start of a line, so the search is for "\n--boundary" with
// glibc's memmem, which is linear in the worst case (it falls back to the Two-Way algorithm). A
// plain Boyer-Moore-Horspool search is not: the client chooses the boundary, and on a body built
// from the boundary's own bytes BMH costs the body's length times the boundary's.
// bench/webform_multipart times it on bodies of several shapes.
#include "webform_body.hpp"
#include "webform_text.hpp"

#include <cstring>
#include <optional>

namespace leadhub::webform {

namespace {

ParsedBody refuse(std::string reason) {
    ParsedBody out;
    out.status = 400;
    out.error = std::move(reason);
    return out;
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Where a delimiter line starts, and what follows it.
struct Delimiter {
    std::size_t start = 0;  // the first '-' of "--boundary", at a line start
    std::size_t after = 0;  // the first byte after its line end (for a delimiter that opens a part)
    bool closing = false;   // "--boundary--": the last one
    bool cut_off = false;   // the body ends inside the delimiter line
};

// Finds delimiter lines in order. RFC 2046: "--" boundary at a line start, then "--" for the
// closing one, or optional spaces and tabs and the line end (CRLF, or a bare LF as some clients
// send). A line that starts with the boundary and goes on otherwise is content.
class DelimiterScanner {
public:
    DelimiterScanner(std::string_view body, std::string_view boundary)
        : body_(body), needle_("\n--" + std::string(boundary)), dash_boundary_(std::string_view(needle_).substr(1)) {}
    DelimiterScanner(const DelimiterScanner&) = delete;  // dash_boundary_ points into needle_
    DelimiterScanner& operator=(const DelimiterScanner&) = delete;

    // The first delimiter whose line starts at or after `from`.
    std::optional<Delimiter> next(std::size_t from) const {
        if (from == 0 || (from <= body_.size() && body_[from - 1] == '\n'))
            if (auto found = delimiter_at(from)) return found;
        std::size_t at = from;
        while (at < body_.size()) {
            const void* hit = ::memmem(body_.data() + at, body_.size() - at, needle_.data(), needle_.size());
            if (!hit) return std::nullopt;
            const std::size_t line = static_cast<std::size_t>(static_cast<const char*>(hit) - body_.data()) + 1;
            if (auto found = delimiter_at(line)) return found;
            at = line;  // a line that only begins like a delimiter: search on after its '\n'
        }
        return std::nullopt;
    }

private:
    std::optional<Delimiter> delimiter_at(std::size_t line) const {
        if (body_.substr(line, dash_boundary_.size()) != dash_boundary_) return std::nullopt;
        Delimiter d;
        d.start = line;
        std::size_t i = line + dash_boundary_.size();
        if (body_.substr(i, 2) == "--") {
            d.closing = true;
            return d;
        }
        while (i < body_.size() && is_blank(body_[i])) ++i;
        if (i == body_.size() || (body_[i] == '\r' && i + 1 == body_.size())) {
            d.cut_off = true;
        } else if (body_[i] == '\n') {
            d.after = i + 1;
        } else if (body_[i] == '\r' && body_[i + 1] == '\n') {
            d.after = i + 2;
        } else {
            return std::nullopt;
        }
        return d;
    }

    std::string_view body_;
    std::string needle_;               // "\n--boundary": a delimiter after a line end
    std::string_view dash_boundary_;  // "--boundary"
};

// The blank line that ends a part's headers, looked for in [from, to) only. Returns where the
// headers end and the content starts, or nullopt when no line in the range is blank.
struct HeaderEnd {
    std::size_t headers_end;
    std::size_t content_start;
};

std::optional<HeaderEnd> find_header_end(std::string_view body, std::size_t from, std::size_t to) {
    std::size_t line = from;
    while (line < to) {
        const void* newline = std::memchr(body.data() + line, '\n', to - line);
        if (!newline) return std::nullopt;
        const std::size_t end = static_cast<std::size_t>(static_cast<const char*>(newline) - body.data());
        if (end == line || (end == line + 1 && body[line] == '\r')) return HeaderEnd{line, end + 1};
        line = end + 1;
    }
    return std::nullopt;
}

// A parameter of Content-Disposition: name="..." or filename="...", in one pass over the header.
// Quoted values may hold '\"' escapes (and ';'); browsers percent-encode quotes in names instead,
// which is kept as sent. A parameter without '=' is skipped.
std::string disposition_parameter(std::string_view header, std::string_view name) {
    std::size_t pos = header.find(';');
    while (pos < header.size()) {
        ++pos;  // past the ';'
        while (pos < header.size() && is_blank(header[pos])) ++pos;
        std::size_t key_end = pos;
        while (key_end < header.size() && header[key_end] != '=' && header[key_end] != ';') ++key_end;
        if (key_end == header.size() || header[key_end] == ';') {
            pos = key_end;
            continue;
        }
        std::string_view key = header.substr(pos, key_end - pos);
        while (!key.empty() && is_blank(key.back())) key.remove_suffix(1);
        const bool wanted = ascii_lower(key) == name;
        std::string value;
        std::size_t i = key_end + 1;
        while (i < header.size() && is_blank(header[i])) ++i;
        if (i < header.size() && header[i] == '"') {
            for (++i; i < header.size() && header[i] != '"'; ++i) {
                if (header[i] == '\\' && i + 1 < header.size()) ++i;
                if (wanted) value += header[i];
            }
            while (i < header.size() && header[i] != ';') ++i;
        } else {
            const std::size_t start = i;
            while (i < header.size() && header[i] != ';') ++i;
            std::string_view token = header.substr(start, i - start);
            while (!token.empty() && is_blank(token.back())) token.remove_suffix(1);
            if (wanted) value = std::string(token);
        }
        if (wanted) return value;
        pos = i;  // at the next ';' or the end
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
    const DelimiterScanner scanner(body, boundary);
    std::optional<Delimiter> delimiter = scanner.next(0);  // anything before it is a preamble
    if (!delimiter) return refuse("multipart body does not contain its boundary");
    FormData data;
    data.kind = BodyKind::multipart;
    while (!delimiter->closing) {  // what follows the closing delimiter is an epilogue
        if (delimiter->cut_off) return refuse("multipart body ends inside a boundary line");
        const std::size_t part_start = delimiter->after;
        const std::optional<Delimiter> next = scanner.next(part_start);
        // The part runs to the next delimiter's line; its headers end at a blank line within it.
        const std::optional<HeaderEnd> header_end = find_header_end(body, part_start, next ? next->start : body.size());
        if (!header_end) {
            if (!next && part_start == body.size()) return refuse("multipart body is truncated: no closing boundary");
            return refuse("multipart part has no end of headers");
        }
        if (!next) return refuse("multipart body is truncated: no closing boundary");
        PartHeaders headers = read_part_headers(body.substr(part_start, header_end->headers_end - part_start));
        // The line end before a delimiter belongs to the delimiter, not to the content.
        const std::size_t content_start = header_end->content_start;
        std::size_t content_end = next->start;
        if (content_end > content_start && body[content_end - 1] == '\n') --content_end;
        if (content_end > content_start && body[content_end - 1] == '\r') --content_end;
        std::string_view content = body.substr(content_start, content_end - content_start);

        if (!ascii_lower(headers.disposition).starts_with("form-data"))
            return refuse("multipart part without Content-Disposition: form-data");
        std::string name = disposition_parameter(headers.disposition, "name");
        if (headers.disposition.find("filename") != std::string::npos) {
            std::string filename = disposition_parameter(headers.disposition, "filename");
            if (!content.empty() || !filename.empty())
                data.files.push_back({name, std::move(filename), headers.content_type, content.size()});
        } else {
            data.fields.push_back({name, std::string(content)});
        }
        delimiter = next;
    }
    ParsedBody out;
    out.data = std::move(data);
    return out;
}

}  // namespace leadhub::webform
