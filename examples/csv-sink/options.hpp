// The CSV sink's options: declared once here, each bound to its field of CsvSinkOptions (the
// manifest, validation, `leadhub plugins` help, the README table and the typed read).
#pragma once

#include <leadhub/sdk/options.hpp>

#include <map>
#include <string>
#include <vector>

namespace csv_sink {

// No defaults here: they are the declarations' (csv_sink_options().defaults() has them).
struct CsvSinkOptions {
    std::string path;                           // the CSV file; relative to the hub's working directory
    std::vector<std::string> columns;           // lead fields, one per column, in order
    std::map<std::string, std::string> titles;  // header titles that replace the default ones
    char delimiter = 0;
    bool header = false;         // a header row at the top of a new file
    bool bom = false;            // a UTF-8 byte order mark at the top of a new file, for Excel
    bool formula_guard = false;  // cells that a spreadsheet would run as a formula get a leading '
    int utc_offset_hours = 0;    // created_at is written in this time zone
    bool fsync = false;          // force each row to the disk before answering ok
};

// Each option bound to its field: the manifest, validation, help, README table and the typed
// read all come from these declarations.
const leadhub::sdk::OptionSet<CsvSinkOptions>& csv_sink_options();

// Reads options the host validated (defaults filled in) and checks what the schema cannot: the
// path names a file, every column is a known lead field, every title names a chosen column.
// Throws std::invalid_argument listing every problem.
CsvSinkOptions read_csv_sink_options(const leadhub::sdk::Options& options);

}  // namespace csv_sink
