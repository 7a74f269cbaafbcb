#include "http/open_files_limit.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <mutex>

namespace leadhub::http::detail {

long raise_open_files_limit() {
    static std::once_flag once;
    std::call_once(once, [] {
        rlimit limit{};
        if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
        if (limit.rlim_cur == RLIM_INFINITY || limit.rlim_cur >= limit.rlim_max) return;
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);  // a refusal leaves the soft limit as it was
    });
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
    if (limit.rlim_cur == RLIM_INFINITY) return 1L << 20;
    return static_cast<long>(limit.rlim_cur);
}

int automatic_max_connections(long open_files_limit) {
    // A quarter of small limits, 1024 of large ones: room for the store's connections, the
    // plugin copies and processes, and the outgoing HTTP of sinks under load.
    long reserve = std::min<long>(1024, std::max<long>(64, open_files_limit / 4));
    return static_cast<int>(std::clamp<long>(open_files_limit - reserve, 64, 100000));
}

}  // namespace leadhub::http::detail
