// The CSV sink: appends one row per delivered lead to a spreadsheet-ready CSV file, flushed (and
// fsync'ed) before it answers ok. A job already written (a retry after a lost answer, a replay)
// is recognised by its idempotency key, kept in the hub's durable per-instance state, and is not
// written again.
#pragma once

#include "csv_format.hpp"
#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

#include <mutex>
#include <optional>
#include <string>

namespace csv_sink {

class CsvSink final : public leadhub::sdk::Sink {
public:
    // Throws std::invalid_argument on options the schema cannot check (see read_csv_sink_options).
    explicit CsvSink(const leadhub::sdk::Context& ctx);

    // Reads the file now, so a problem shows in the log at start-up; it does not stop the hub
    // (deliveries retry until the path becomes usable).
    void start() override;
    leadhub::sdk::Outcome deliver(const leadhub::sdk::Delivery& delivery) override;

private:
    struct FileState {
        CsvFileState csv;
        bool empty = true;  // no bytes at all: a new file gets the BOM and the header
    };

    // "" on success, else the reason (with the operating system's error text).
    std::string read_file_state();
    std::string append(const std::string& bytes);
    std::string header_record() const;

    CsvSinkOptions options_;
    std::mutex mutex_;               // deliveries may come from several threads
    std::optional<FileState> file_;  // unknown until read (again after a failed write)
};

}  // namespace csv_sink
