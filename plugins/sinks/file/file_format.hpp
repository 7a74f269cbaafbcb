// The file sink's JSON Lines format, without I/O: one line per delivered job
//   {"idempotency_key", "job_id", "attempt", "kind", "tenant", "sink", "written_at", "lead": {...}}
// and the index rebuilt from an existing file, so a restarted sink knows what it already wrote.
#pragma once

#include <leadhub/sdk/iso8601.hpp>
#include <leadhub/sdk/types.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace leadhub::file_sink {

// "2026-01-01T00:00:00.000Z": the SDK's, as the hub writes its times.
using sdk::iso8601_utc;

// The line for one delivery, ending in '\n'.
std::string delivery_line(const sdk::Delivery& delivery, int64_t now_ms);

// The idempotency key a line was written for; nullopt for a line that is not one of ours (blank,
// torn by a crash mid-write, edited by hand).
std::optional<std::string> idempotency_key_of(std::string_view line);

struct LedgerIndex {
    std::map<std::string, int64_t> line_of_key;  // idempotency key -> 1-based line number
    int64_t lines = 0;                           // counting a last line without its '\n'
    bool ends_mid_line = false;                  // the next write must first end that line
};

LedgerIndex index_ledger(std::string_view contents);

}  // namespace leadhub::file_sink
