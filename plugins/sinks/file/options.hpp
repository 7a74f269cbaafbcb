// The file sink's options: declared once here, each bound to its field of FileSinkOptions (the
// manifest, validation, help, README table and the typed read all come from that declaration).
#pragma once

#include <leadhub/sdk/options.hpp>

#include <string>
#include <vector>

namespace leadhub::file_sink {

struct FileSinkOptions {
    std::string path;   // the JSON Lines file; relative paths are relative to the hub's working directory
    bool fsync = false; // flush to the disk before answering ok (declared default: true)
};

const sdk::OptionSet<FileSinkOptions>& file_sink_options();

// Reads validated options (defaults filled in). Throws std::invalid_argument for an empty path.
FileSinkOptions read_file_sink_options(const sdk::Options& options);

}  // namespace leadhub::file_sink
