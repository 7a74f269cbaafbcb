// CSV as RFC 4180 writes it, without I/O: quoting, records, the guard against cells a spreadsheet
// would run as formulas, and counting the records of an existing file.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace csv_sink {

// Excel reads a file as UTF-8 only when it starts with these bytes.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// The field as it goes into the file: enclosed in double quotes, with every quote doubled, when it
// holds the delimiter, a quote, CR or LF (RFC 4180, 2.6-2.7); unchanged otherwise.
std::string quote_field(std::string_view value, char delimiter);

// Excel, LibreOffice and Google Sheets run a cell that starts with =, +, - or @ as a formula, so a
// customer could plant "=HYPERLINK(...)" in a form. Such a cell gets a leading apostrophe (the
// spreadsheets' own "this is text" mark). A phone number or a number ("+7 913 123-45-67", "-5")
// is left alone: it is no formula, and the owner wants to read it as written.
std::string guard_formula(std::string_view value);

// One record: the fields quoted, joined by the delimiter, ended by CRLF.
std::string csv_record(const std::vector<std::string>& fields, char delimiter);

struct CsvFileState {
    int64_t records = 0;          // records in the file, a header included, a last unended one too
    bool ends_mid_record = false; // the file does not end with a line break: end it before appending
    bool unclosed_quote = false;  // ...and a quoted field is still open (a write torn by a crash)
};

// What to write before the next record so that it starts a record of its own: "" for a clean
// file, else the closing quote and/or the line break the torn last record lacks.
std::string repair_prefix(const CsvFileState& state);

// Reads an existing file's contents (a leading BOM is skipped). Line breaks inside quoted fields
// belong to their field, not to the record count.
CsvFileState scan_csv(std::string_view contents);

}  // namespace csv_sink
