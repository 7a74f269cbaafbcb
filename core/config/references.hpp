// Secret references inside YAML scalars: ${NAME}, ${file:path}, and the $${ escape.
#pragma once

#include "config/config.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace leadhub::config {

struct ResolvedText {
    std::string value;                 // the text with every reference replaced
    std::vector<std::string> secrets;  // the values that came from references
    std::vector<std::string> errors;   // one message per bad reference (the value is then unusable)
};

// The largest secret file read (a token or a key is a few hundred bytes; a PEM key a few KiB).
constexpr std::size_t kMaxSecretFileBytes = 64 * 1024;

// Replaces `${NAME}` with the environment's value and `${file:path}` with the file's content
// (trailing newlines stripped; a relative path resolves against `base_dir`; only a regular file of at
// most kMaxSecretFileBytes, else an error). `$${` is a literal
// `${`. Text without `$` is returned unchanged.
ResolvedText resolve_references(std::string_view text, const Environment& env, const std::filesystem::path& base_dir);

}  // namespace leadhub::config
