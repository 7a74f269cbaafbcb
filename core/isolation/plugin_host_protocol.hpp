// What the hub and leadhub-plugin-host agree on besides the messages (see host_server.hpp).
#pragma once

namespace leadhub::isolation {

// The child finds its end of the hub's socketpair on this descriptor.
inline constexpr int kChannelFd = 3;

// The program's file name; the hub looks for it next to its own binary.
inline constexpr const char* kPluginHostProgram = "leadhub-plugin-host";

}  // namespace leadhub::isolation
