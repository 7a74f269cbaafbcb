#include "options.hpp"

#include <stdexcept>

namespace leadhub::file_sink {

using sdk::OptionSpec;

const sdk::OptionSet<FileSinkOptions>& file_sink_options() {
    static const sdk::OptionSet<FileSinkOptions> set{
        OptionSpec::string("path", "JSON Lines file that receives one line per lead; created with its folders. "
                                            "Relative to the hub's working directory")
            .is_required()
            .bind(&FileSinkOptions::path),
        OptionSpec::boolean("fsync", "Force each line to the disk before reporting it delivered (slower, survives power loss)")
            .with_default(true)
            .bind(&FileSinkOptions::fsync),
    };
    return set;
}

FileSinkOptions read_file_sink_options(const sdk::Options& options) {
    FileSinkOptions out = file_sink_options().read(options);
    if (out.path.empty()) throw std::invalid_argument("option 'path' must name a file, got an empty string");
    if (out.path.back() == '/') throw std::invalid_argument("option 'path' must name a file, got the folder '" + out.path + "'");
    return out;
}

}  // namespace leadhub::file_sink
