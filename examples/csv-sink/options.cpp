#include "options.hpp"

#include "csv_columns.hpp"

#include <algorithm>
#include <stdexcept>

namespace csv_sink {

using leadhub::sdk::Json;
using leadhub::sdk::OptionSpec;

namespace {

char delimiter_char(const Json& name) {
    if (name == "semicolon") return ';';
    if (name == "tab") return '\t';
    return ',';
}

}  // namespace

const leadhub::sdk::OptionSet<CsvSinkOptions>& csv_sink_options() {
    static const leadhub::sdk::OptionSet<CsvSinkOptions> set{
        OptionSpec::string("path", "CSV file that receives one row per lead; created with its folders. "
                                   "Relative to the hub's working directory")
            .is_required()
            .bind(&CsvSinkOptions::path),
        OptionSpec::string_list("columns", "Lead fields, one per column: id, created_at, name, phone, email, text, "
                                           "channel, source, tenant, external_user_id, external_message_id, "
                                           "utm_<tag> (e.g. utm_source), extra.<key> (e.g. extra.form_id), lead.<field> "
                                           "(any other field of the lead, e.g. lead.intent)")
            .with_default(Json::array({"created_at", "name", "phone", "email", "text", "channel", "source",
                                       "utm_source", "utm_campaign"}))
            .bind(&CsvSinkOptions::columns),
        OptionSpec::string_map("titles", "Header titles instead of the default Russian ones, by column, "
                                         "e.g. {\"text\": \"Комментарий\"}")
            .with_default(Json::object())
            .bind(&CsvSinkOptions::titles),
        OptionSpec::string("delimiter", "Field separator: comma (RFC 4180), semicolon (what Excel with Russian "
                                        "settings expects) or tab")
            .with_default("comma")
            .one_of({"comma", "semicolon", "tab"})
            .bind(&CsvSinkOptions::delimiter, delimiter_char),
        OptionSpec::boolean("header", "Write a header row when the file is new or empty")
            .with_default(true)
            .bind(&CsvSinkOptions::header),
        OptionSpec::boolean("bom", "Start a new file with a UTF-8 byte order mark, so Excel shows Cyrillic correctly")
            .with_default(false)
            .bind(&CsvSinkOptions::bom),
        OptionSpec::boolean("formula_guard", "Prefix cells that a spreadsheet would run as a formula (=, @, or + and "
                                             "- not followed by a number) with an apostrophe")
            .with_default(true)
            .bind(&CsvSinkOptions::formula_guard),
        OptionSpec::integer("utc_offset_hours", "Time zone of the created_at column, in hours from UTC "
                                                "(3 for Moscow, 7 for Krasnoyarsk)")
            .with_default(0)
            .between(-12, 14)
            .bind(&CsvSinkOptions::utc_offset_hours),
        OptionSpec::boolean("fsync", "Force each row to the disk before reporting it delivered (slower, survives "
                                     "power loss)")
            .with_default(true)
            .bind(&CsvSinkOptions::fsync),
    };
    return set;
}

CsvSinkOptions read_csv_sink_options(const leadhub::sdk::Options& options) {
    CsvSinkOptions out = csv_sink_options().read(options);
    std::vector<std::string> problems;
    if (out.path.empty()) problems.push_back("option 'path' must name a file, got an empty string");
    else if (out.path.back() == '/') problems.push_back("option 'path' must name a file, got the folder '" + out.path + "'");

    if (out.columns.empty()) problems.push_back("option 'columns' must name at least one lead field");
    for (const auto& column : out.columns)
        if (std::string problem = column_problem(column); !problem.empty()) problems.push_back("option 'columns': " + problem);

    for (const auto& [column, title] : out.titles)
        if (std::find(out.columns.begin(), out.columns.end(), column) == out.columns.end())
            problems.push_back("option 'titles' names '" + column + "', which is not one of the columns" +
                               leadhub::sdk::suggestion_suffix(column, out.columns));

    if (!problems.empty()) {
        std::string all;
        for (const auto& p : problems) all += (all.empty() ? "" : "; ") + p;
        throw std::invalid_argument(all);
    }
    return out;
}

}  // namespace csv_sink
