#include "options.hpp"

#include "sheets_api.hpp"

#include <leadhub/sdk/text_template.hpp>

#include <stdexcept>

namespace leadhub::google_sheets {

using sdk::OptionSpec;

const sdk::OptionSet<SheetsOptions>& sheets_options() {
    static const sdk::OptionSet<SheetsOptions> set{
        OptionSpec::string("key_file", "Path to the service account's JSON key (client_email, private_key, token_uri)")
            .is_required()
            .bind(&SheetsOptions::key_file),
        OptionSpec::string("spreadsheet_id", "The sheet's id: the part of its address between /d/ and /edit")
            .is_required()
            .bind(&SheetsOptions::spreadsheet_id),
        OptionSpec::string("range", "Sheet and columns the rows are appended to, A1 notation")
            .with_default("Заявки!A:K")
            .bind(&SheetsOptions::range),
        OptionSpec::string_list("columns", "One text template over the lead per cell of the row, left to right; one must be {{key}}")
            .with_default(sdk::Json::array({"{{created_at}}", "{{name}}", "{{phone}}", "{{channel_title}}", "{{service_names}}",
                                            "{{date}} {{time}}", "{{score}}", "{{assignee_name}}", "{{display_text}}",
                                            "{{utm.utm_source}}", "{{key}}"}))
            .bind(&SheetsOptions::columns),
        OptionSpec::string("key_column", "Letter of the column that holds {{key}}, read before a retry appends again")
            .with_default("K")
            .bind(&SheetsOptions::key_column),
        OptionSpec::string("token_url", "Google's OAuth token endpoint (also the assertion's audience)")
            .with_default("https://oauth2.googleapis.com/token")
            .bind(&SheetsOptions::token_url),
        OptionSpec::string("api_url", "Base address of the Sheets API")
            .with_default("https://sheets.googleapis.com")
            .bind(&SheetsOptions::api_url),
    };
    return set;
}

int column_number(const std::string& letters) {
    if (letters.empty() || letters.size() > 3) return 0;
    int n = 0;
    for (char c : letters) {
        if (c < 'A' || c > 'Z') return 0;
        n = n * 26 + (c - 'A' + 1);
    }
    return n;
}

std::string column_letters(int number) {
    std::string out;
    for (; number > 0; number = (number - 1) / 26) out.insert(out.begin(), static_cast<char>('A' + (number - 1) % 26));
    return out;
}

namespace {

void check_url(const std::string& name, const std::string& url) {
    if (!(url.starts_with("http://") || url.starts_with("https://")) || url.find_first_of(" \r\n") != std::string::npos)
        throw std::invalid_argument("option '" + name + "' must be an http:// or https:// address, got '" + url + "'");
}

}  // namespace

SheetsOptions read_sheets_options(const sdk::Options& options) {
    SheetsOptions out = sheets_options().read(options);
    if (out.spreadsheet_id.empty() || out.spreadsheet_id.find_first_not_of(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != std::string::npos)
        throw std::invalid_argument("option 'spreadsheet_id' must be the id from the sheet's address (letters, digits, - and _), got '" +
                                    out.spreadsheet_id + "'");
    if (out.range.empty() || out.range.find_first_of("\r\n") != std::string::npos)
        throw std::invalid_argument("option 'range' must be a range like Заявки!A:K");
    const int key_at = column_number(out.key_column);
    if (key_at == 0) throw std::invalid_argument("option 'key_column' must be a column letter like K, got '" + out.key_column + "'");
    if (out.columns.empty()) throw std::invalid_argument("option 'columns' must name at least one cell");
    int key_index = -1;
    for (std::size_t i = 0; i < out.columns.size(); ++i) {
        if (auto problem = sdk::check_template(out.columns[i]))
            throw std::invalid_argument("option 'columns': cell " + std::to_string(i + 1) + ": " + *problem);
        if (key_index < 0 && sdk::detail::trim(out.columns[i]) == "{{key}}") key_index = static_cast<int>(i);
    }
    // Without the key in a cell of its own a retry cannot tell whether its first try was written.
    if (key_index < 0) throw std::invalid_argument("option 'columns' must have a cell that is exactly {{key}}: a retry looks for it before appending");
    const int first = column_number(range_first_column(out.range));
    if (first > 0 && first + key_index != key_at)
        throw std::invalid_argument("option 'key_column' is " + out.key_column + ", but {{key}} is written to column " +
                                    column_letters(first + key_index) + " (cell " + std::to_string(key_index + 1) + " of the range " +
                                    out.range + ")");
    check_url("token_url", out.token_url);
    check_url("api_url", out.api_url);
    while (out.api_url.ends_with("/")) out.api_url.pop_back();
    return out;
}

}  // namespace leadhub::google_sheets
