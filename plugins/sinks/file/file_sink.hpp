// The file sink: the offline demo's stand-in for a CRM. Appends one JSON line per delivered
// lead, flushed (and fsync'ed) before it answers ok, and never writes the same idempotency key
// twice, across retries, replays and restarts (it indexes the file on first use).
#pragma once

#include "file_format.hpp"
#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

#include <mutex>
#include <optional>
#include <string>

namespace leadhub::file_sink {

class FileSink final : public sdk::Sink {
public:
    // Throws std::invalid_argument on an empty path.
    explicit FileSink(const sdk::Context& ctx);

    // Indexes the file now, so a problem shows in the log at start-up; a failure does not stop
    // the hub (deliveries retry until the path becomes usable).
    void start() override;
    sdk::Outcome deliver(const sdk::Delivery& delivery) override;

private:
    // "" on success, else the reason (with the OS error text).
    std::string load_index();
    std::string append(const std::string& line);

    FileSinkOptions options_;
    std::mutex mutex_;                 // deliveries may come from several threads
    std::optional<LedgerIndex> index_; // empty until the file was read (again after a failed write)
};

}  // namespace leadhub::file_sink
