#include "config/references.hpp"

#include <fstream>
#include <string>

namespace leadhub::config {

namespace {

bool is_variable_name(std::string_view name) {
    if (name.empty() || (name[0] >= '0' && name[0] <= '9')) return false;
    for (char c : name) {
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        if (!ok) return false;
    }
    return true;
}

// Resolves one reference body (what is between `${` and `}`) into `out`.
void resolve_one(std::string_view body, const Environment& env, const std::filesystem::path& base_dir,
                 ResolvedText& out) {
    constexpr std::string_view file_prefix = "file:";
    if (body.starts_with(file_prefix)) {
        std::filesystem::path path(std::string(body.substr(file_prefix.size())));
        if (path.empty()) {
            out.errors.push_back("'${file:}' names no file: use ${file:path/to/secret}");
            return;
        }
        std::filesystem::path full = path.is_absolute() ? path : base_dir / path;
        // Only a regular file (or a link to one, as container secret mounts are) of a secret's
        // size: a FIFO or a device (/dev/zero, /dev/stdin) would block or fill memory before the
        // config is even validated.
        std::error_code ec;
        const auto status = std::filesystem::status(full, ec);
        if (!ec && status.type() != std::filesystem::file_type::regular &&
            status.type() != std::filesystem::file_type::directory) {
            out.errors.push_back("secret file '" + path.string() + "' is not a regular file (looked at " + full.string() + ")");
            return;
        }
        const auto size = std::filesystem::file_size(full, ec);
        if (!ec && size > kMaxSecretFileBytes) {
            out.errors.push_back("secret file '" + path.string() + "' has " + std::to_string(size) + " bytes, more than " +
                                 std::to_string(kMaxSecretFileBytes) + " a secret may have");
            return;
        }
        std::ifstream in(full, std::ios::binary);
        if (!in || std::filesystem::is_directory(full, ec)) {
            out.errors.push_back("cannot read secret file '" + path.string() + "' (looked at " + full.string() + ")");
            return;
        }
        std::string value(kMaxSecretFileBytes + 1, '\0');
        in.read(value.data(), static_cast<std::streamsize>(value.size()));
        value.resize(static_cast<std::size_t>(in.gcount()));
        if (value.size() > kMaxSecretFileBytes) {  // grew between the size check and the read
            out.errors.push_back("secret file '" + path.string() + "' has more than " + std::to_string(kMaxSecretFileBytes) +
                                 " bytes, more than a secret may have");
            return;
        }
        while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
        out.value += value;
        out.secrets.push_back(value);
        return;
    }
    if (!is_variable_name(body)) {
        out.errors.push_back("'${" + std::string(body) +
                             "}' is not a valid reference: use ${NAME} (letters, digits, _) or ${file:path}");
        return;
    }
    std::optional<std::string> value = env ? env(std::string(body)) : std::nullopt;
    if (!value) {
        out.errors.push_back("environment variable " + std::string(body) + " is not set");
        return;
    }
    out.value += *value;
    out.secrets.push_back(*value);
}

}  // namespace

ResolvedText resolve_references(std::string_view text, const Environment& env, const std::filesystem::path& base_dir) {
    ResolvedText out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text.compare(i, 3, "$${") == 0) {
            out.value += "${";
            i += 3;
        } else if (text.compare(i, 2, "${") == 0) {
            std::size_t close = text.find('}', i + 2);
            if (close == std::string_view::npos) {
                out.errors.push_back("unterminated reference '" + std::string(text.substr(i)) +
                                     "': close it with '}' (write $${ for a literal ${)");
                return out;
            }
            resolve_one(text.substr(i + 2, close - i - 2), env, base_dir, out);
            i = close + 1;
        } else {
            out.value += text[i++];
        }
    }
    return out;
}

}  // namespace leadhub::config
