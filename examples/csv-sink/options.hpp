// The CSV sink's options: declared once here (manifest, validation, `leadhub plugins` help, the
// README table), read into a typed struct once per instance.
#pragma once

#include <leadhub/sdk/options.hpp>

#include <map>
#include <string>
#include <vector>

namespace csv_sink {

struct CsvSinkOptions {
    std::string path;                           // the CSV file; relative to the hub's working directory
    std::vector<std::string> columns;           // lead fields, one per column, in order
    std::map<std::string, std::string> titles;  // header titles that replace the default ones
    char delimiter = ',';
    bool header = true;          // a header row at the top of a new file
    bool bom = false;            // a UTF-8 byte order mark at the top of a new file, for Excel
    bool formula_guard = true;   // cells that a spreadsheet would run as a formula get a leading '
    int utc_offset_hours = 0;    // created_at is written in this time zone
    bool fsync = true;           // force each row to the disk before answering ok
};

std::vector<leadhub::sdk::OptionSpec> csv_sink_option_specs();

// Reads options the host validated (defaults filled in) and checks what the schema cannot: the
// path names a file, every column is a known lead field, every title names a chosen column.
// Throws std::invalid_argument listing every problem.
CsvSinkOptions read_csv_sink_options(const leadhub::sdk::Options& options);

}  // namespace csv_sink
