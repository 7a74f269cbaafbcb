// The process's limit of open file descriptors, which bounds how many connections the server can
// hold. Distributions start services with a low soft limit (1024) under a much higher hard
// limit (524288 under systemd), and a server is expected to raise its own soft limit.
#pragma once

namespace leadhub::http::detail {

// Raises the soft RLIMIT_NOFILE to the hard limit (once per process; later calls only read it)
// and returns the soft limit in force. Process-wide, as any server does at start.
long raise_open_files_limit();

// The connection cap when the config sets none: the descriptors left once `reserve` are kept
// for everything else the process opens (the store, plugin libraries and processes, outgoing
// HTTP, logs), at least 64 and at most 100000.
int automatic_max_connections(long open_files_limit);

}  // namespace leadhub::http::detail
