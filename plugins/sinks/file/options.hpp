// The file sink's options: declared once here (manifest, validation, help, README table), read
// into a typed struct once per instance.
#pragma once

#include <leadhub/sdk/options.hpp>

#include <string>
#include <vector>

namespace leadhub::file_sink {

struct FileSinkOptions {
    std::string path;   // the JSON Lines file; relative paths are relative to the hub's working directory
    bool fsync = true;  // flush to the disk before answering ok
};

std::vector<sdk::OptionSpec> file_sink_option_specs();

// Reads validated options (defaults filled in). Throws std::invalid_argument for an empty path.
FileSinkOptions read_file_sink_options(const sdk::Options& options);

}  // namespace leadhub::file_sink
