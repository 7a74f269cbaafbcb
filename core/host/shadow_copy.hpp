// Unique copies of plugin files. The dynamic loader hands back the already-open library when asked
// for a path it knows, so every load goes through a fresh name: that is what makes loading one file
// twice (hot reload, independence tests) give two separate libraries.
#pragma once

#include <filesystem>
#include <string>

namespace leadhub::host {

// Copies `file` to `<shadow_dir>/<stem>-<pid>-<counter><extension>`, creating `shadow_dir` when
// needed. Returns the new path, or an empty path with `error` set (the reason, without file name).
std::filesystem::path make_shadow_copy(const std::filesystem::path& file, const std::filesystem::path& shadow_dir,
                                       std::string& error);

}  // namespace leadhub::host
