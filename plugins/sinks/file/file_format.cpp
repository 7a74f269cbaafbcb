#include "file_format.hpp"

#include <cstdio>

namespace leadhub::file_sink {

namespace {
// Civil date of a day count since 1970-01-01 (H. Hinnant's civil_from_days).
void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int64_t>(yoe) + era * 400 + (m <= 2);
}
}  // namespace

std::string iso8601_utc(int64_t unix_ms) {
    int64_t days = unix_ms >= 0 ? unix_ms / 86400000 : (unix_ms - 86399999) / 86400000;
    int64_t ms_of_day = unix_ms - days * 86400000;
    int64_t y = 0;
    unsigned m = 0, d = 0;
    civil_from_days(days, y, m, d);
    char text[96];  // room for any int64 year, so the compiler can prove no truncation
    std::snprintf(text, sizeof text, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", static_cast<long long>(y), m, d,
                  static_cast<long long>(ms_of_day / 3600000), static_cast<long long>(ms_of_day / 60000 % 60),
                  static_cast<long long>(ms_of_day / 1000 % 60), static_cast<long long>(ms_of_day % 1000));
    return text;
}

std::string delivery_line(const sdk::Delivery& delivery, int64_t now_ms) {
    sdk::Json lead = delivery.payload.is_object() && delivery.payload.contains("lead") ? delivery.payload.at("lead")
                                                                                        : delivery.lead.fields;
    sdk::Json line = {{"idempotency_key", delivery.idempotency_key},
                      {"job_id", delivery.job_id},
                      {"attempt", delivery.attempt},
                      {"kind", delivery.kind},
                      {"tenant", delivery.tenant},
                      {"sink", delivery.sink},
                      {"written_at", iso8601_utc(now_ms)},
                      {"lead", lead}};
    return sdk::dump(line) + "\n";
}

std::optional<std::string> idempotency_key_of(std::string_view line) {
    sdk::Json json = sdk::Json::parse(line.begin(), line.end(), nullptr, false);
    if (!json.is_object()) return std::nullopt;
    auto key = json.find("idempotency_key");
    if (key == json.end() || !key->is_string() || key->get<std::string>().empty()) return std::nullopt;
    return key->get<std::string>();
}

LedgerIndex index_ledger(std::string_view contents) {
    LedgerIndex index;
    std::size_t start = 0;
    while (start < contents.size()) {
        std::size_t end = contents.find('\n', start);
        const bool terminated = end != std::string_view::npos;
        if (!terminated) end = contents.size();
        ++index.lines;
        // A torn last line was never acknowledged: its key is not counted as written.
        if (terminated)
            if (auto key = idempotency_key_of(contents.substr(start, end - start)))
                index.line_of_key.emplace(*key, index.lines);
        index.ends_mid_line = !terminated;
        start = end + 1;
    }
    return index;
}

}  // namespace leadhub::file_sink
