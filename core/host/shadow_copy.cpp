#include "host/shadow_copy.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <system_error>

namespace leadhub::host {

std::filesystem::path make_shadow_copy(const std::filesystem::path& file, const std::filesystem::path& shadow_dir,
                                       std::string& error) {
    namespace fs = std::filesystem;
    // The pid keeps two hubs sharing one shadow directory apart; the counter keeps loads apart.
    static std::atomic<std::uint64_t> counter{0};
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) {
        error = "no such plugin file (" + file.string() + ")";
        return {};
    }
    fs::create_directories(shadow_dir, ec);
    if (ec) {
        error = "cannot create the shadow directory " + shadow_dir.string() + ": " + ec.message();
        return {};
    }
    const std::string unique = file.stem().string() + "-" + std::to_string(::getpid()) + "-" +
                               std::to_string(++counter) + file.extension().string();
    fs::path copy = shadow_dir / unique;
    fs::copy_file(file, copy, fs::copy_options::overwrite_existing, ec);
    if (ec) {
        error = "cannot copy to " + copy.string() + ": " + ec.message();
        return {};
    }
    return copy;
}

}  // namespace leadhub::host
