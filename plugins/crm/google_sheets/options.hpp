// The google_sheets sink's options: declared once here, each bound to its field (the manifest,
// validation, help, README table and the typed read all come from that declaration).
#pragma once

#include <leadhub/sdk/options.hpp>

#include <string>
#include <vector>

namespace leadhub::google_sheets {

// No defaults here: they are the declarations' (sheets_options().defaults() has them).
struct SheetsOptions {
    std::string key_file;
    std::string spreadsheet_id;
    std::string range;
    std::vector<std::string> columns;
    std::string key_column;
    std::string token_url;
    std::string api_url;
};

const sdk::OptionSet<SheetsOptions>& sheets_options();

// Reads validated options. Throws std::invalid_argument, naming the option, for what the schema
// cannot catch: a spreadsheet id or key column that cannot be one, a column template that is
// broken, columns without a "{{key}}" cell, or a key_column where that cell is not.
SheetsOptions read_sheets_options(const sdk::Options& options);

// The 1-based number of a column's letters ("A" = 1, "K" = 11, "AA" = 27); 0 when not letters.
int column_number(const std::string& letters);
std::string column_letters(int number);

}  // namespace leadhub::google_sheets
