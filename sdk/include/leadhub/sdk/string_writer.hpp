// An lh_write_fn (abi.h) that appends what it is given to the std::string its ctx points to: how
// the hub, and the SDK's Host, collect a text the other side of the C ABI writes.
#pragma once

#include <cstddef>
#include <string>

namespace leadhub::sdk {

inline void append_to_string(void* ctx, const char* data, std::size_t size) {
    if (data && size) static_cast<std::string*>(ctx)->append(data, size);
}

}  // namespace leadhub::sdk
