#include "zadarma_form.hpp"

#include <leadhub/sdk/ascii_text.hpp>
#include <leadhub/sdk/form.hpp>

namespace leadhub::zadarma {

namespace {

// The value of parameter `name` in a header such as `multipart/form-data; boundary="x"`.
std::string zadarma_header_param(std::string_view header, std::string_view name) {
    const std::string lower = sdk::ascii_lower(header);
    std::size_t at = 0;
    while ((at = lower.find(name, at)) != std::string::npos) {
        const bool starts = at == 0 || lower[at - 1] == ';' || lower[at - 1] == ' ' || lower[at - 1] == '\t';
        std::size_t eq = at + name.size();
        while (eq < lower.size() && lower[eq] == ' ') ++eq;
        if (!starts || eq >= lower.size() || lower[eq] != '=') {
            at += name.size();
            continue;
        }
        std::string_view rest = header.substr(eq + 1);
        rest = sdk::trim(rest);
        if (!rest.empty() && rest.front() == '"') {
            std::size_t close = rest.find('"', 1);
            return std::string(rest.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
        }
        return std::string(sdk::trim(rest.substr(0, rest.find(';'))));
    }
    return {};
}

ReadFields zadarma_refuse(std::string reason, int status = 400) {
    ReadFields out;
    out.status = status;
    out.error = std::move(reason);
    return out;
}

// RFC 7578 in the small: parts split by "--boundary", each with headers, a blank line and the
// value; files are not expected from a PBX and are kept as their text like any other part.
ReadFields read_multipart(std::string_view boundary_param, std::string_view body) {
    if (boundary_param.empty() || boundary_param.size() > 200) return zadarma_refuse("multipart body without a usable boundary");
    const std::string delimiter = "--" + std::string(boundary_param);
    std::size_t at = body.find(delimiter);
    if (at == std::string_view::npos) return zadarma_refuse("multipart body without its opening boundary");
    Fields fields;
    while (true) {
        at += delimiter.size();
        if (body.substr(at, 2) == "--") break;  // the closing delimiter
        std::size_t headers_end = body.find("\r\n\r\n", at);
        std::size_t value_start = headers_end == std::string_view::npos ? std::string_view::npos : headers_end + 4;
        if (headers_end == std::string_view::npos) {
            headers_end = body.find("\n\n", at);  // some clients write bare line feeds
            if (headers_end != std::string_view::npos) value_start = headers_end + 2;
        }
        if (headers_end == std::string_view::npos) return zadarma_refuse("multipart part without the end of its headers");
        std::size_t next = body.find(delimiter, value_start);
        if (next == std::string_view::npos) return zadarma_refuse("multipart body cut short: no closing boundary");
        std::string_view value = body.substr(value_start, next - value_start);
        if (value.ends_with("\r\n")) value.remove_suffix(2);
        else if (value.ends_with("\n")) value.remove_suffix(1);
        std::string_view headers = body.substr(at, headers_end - at);
        std::string name = zadarma_header_param(headers, "name");
        if (!name.empty()) fields.emplace(std::move(name), std::string(value));
        at = next;
    }
    ReadFields out;
    out.fields = std::move(fields);
    return out;
}

}  // namespace

ReadFields read_fields(std::string_view content_type, std::string_view body) {
    const std::string media = sdk::ascii_lower(sdk::trim(content_type.substr(0, content_type.find(';'))));
    if (media == "multipart/form-data") return read_multipart(zadarma_header_param(content_type, "boundary"), body);
    if (!media.empty() && media != "application/x-www-form-urlencoded")
        return zadarma_refuse("unsupported Content-Type: Zadarma posts form fields", 415);
    Fields fields;
    for (auto& [name, value] : sdk::parse_form(body)) fields.emplace(std::move(name), std::move(value));
    ReadFields out;
    out.fields = std::move(fields);
    return out;
}

std::string field(const Fields& fields, const std::string& name) {
    auto it = fields.find(name);
    return it == fields.end() ? std::string() : it->second;
}

}  // namespace leadhub::zadarma
