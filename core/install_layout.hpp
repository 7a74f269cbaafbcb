// Where an installed (or built) leadhub keeps its parts, relative to the running binary: the
// build and `make install` both put programs in bin/ and modules and plugins in lib/leadhub/.
// Header-only, so every core library can use it without a link dependency.
#pragma once

#include <filesystem>
#include <system_error>

namespace leadhub {

// The directory of the running program; empty when /proc/self/exe cannot be read.
inline std::filesystem::path program_dir() {
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : exe.parent_path();
}

// <program dir>/../lib/leadhub: the modules (leadhub-https.so, leadhub-phone.so) and, under
// plugins/, the bundled plugins. Empty when the program's directory is unknown.
inline std::filesystem::path leadhub_lib_dir() {
    auto dir = program_dir();
    return dir.empty() ? dir : dir.parent_path() / "lib" / "leadhub";
}

}  // namespace leadhub
