#include "file_format.hpp"

#include <cstdio>

namespace leadhub::file_sink {

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
