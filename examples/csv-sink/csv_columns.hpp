// Which lead field goes into which CSV column, without I/O: the column names an owner may choose,
// the cell text each one takes from a lead (the JSON the hub delivers), and the header titles.
//
// A column is one of the lead fields this plugin knows (known_lead_columns(): a typo among them is
// refused), "utm_<tag>" for one UTM tag (lead.utm["utm_<tag>"]), "extra.<key>" for one
// channel-specific value (lead.extra[key]) or "lead.<field>" for any other top-level field of the
// lead, such as one added to the hub after this plugin was written.
#pragma once

#include <leadhub/sdk/json.hpp>

#include <string>
#include <vector>

namespace csv_sink {

const std::vector<std::string>& known_lead_columns();

// "" when `column` can be written, else why not (with a "did you mean" for a typo).
std::string column_problem(const std::string& column);

// The cell text of `column` for `lead`: strings as they are, numbers and booleans as JSON writes
// them, lists and objects as JSON text, absent or null as "". created_at is rewritten as
// "YYYY-MM-DD HH:MM:SS" in the given time zone, which spreadsheets read as a date.
std::string column_value(const leadhub::sdk::Json& lead, const std::string& column, int utc_offset_hours);

// The header title of `column` when the owner gave none: Russian, as the owner reads it.
std::string default_title(const std::string& column, int utc_offset_hours);

// "2026-01-01T09:30:00.123Z" shifted by the offset, as "2026-01-01 16:30:00"; the text unchanged
// when it is not an ISO 8601 UTC time.
std::string local_time_text(const std::string& iso_utc, int utc_offset_hours);

}  // namespace csv_sink
