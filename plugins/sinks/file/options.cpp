#include "options.hpp"

#include <stdexcept>

namespace leadhub::file_sink {

using sdk::OptionSpec;

std::vector<OptionSpec> file_sink_option_specs() {
    return {
        OptionSpec::string("path", "JSON Lines file that receives one line per lead; created with its folders. "
                                            "Relative to the hub's working directory")
            .is_required(),
        OptionSpec::boolean("fsync", "Force each line to the disk before reporting it delivered (slower, survives power loss)")
            .with_default(true),
    };
}

FileSinkOptions read_file_sink_options(const sdk::Options& options) {
    FileSinkOptions out;
    out.path = options.str("path");
    if (out.path.empty()) throw std::invalid_argument("option 'path' must name a file, got an empty string");
    if (out.path.back() == '/') throw std::invalid_argument("option 'path' must name a file, got the folder '" + out.path + "'");
    out.fsync = options.boolean("fsync", true);
    return out;
}

}  // namespace leadhub::file_sink
