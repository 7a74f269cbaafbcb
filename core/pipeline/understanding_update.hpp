// The second reading of a lead: what the core sends the tenant's understanding processor, and
// how it checks the answer before the answer may replace the built-in reading.
//
// The processor contract (plugins/processors/llm/README.md):
//   input:   {"task": "understand", "text", "received_at", "channel", "catalog", "baseline"}
//   success: {"intent", "services", "urgent", "name", "phone", "date", "time", "daypart", ...}
//   failure: {"error": "...", "retryable": true|false[, "retry_after_ms": n][, "invalid_answer": true]}
// The core trusts no processor: every field is checked again here, against the tenant's own
// catalog, and an answer that fails any check is refused as a whole (the built-in reading stays).
#pragma once

#include "config/config.hpp"
#include "store/store.hpp"

#include <leadhub/sdk/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace leadhub::pipeline {

struct ProcessorInput {
    sdk::Json input;             // for PluginInstance::process(); null when there is nothing to read
    int64_t messages_read = 0;   // how many of the lead's messages the text holds
};

// The lead's conversation as one text (its messages' texts, oldest first, one per line), as
// received at its latest message, in the tenant's zone, with the tenant's catalog and the
// lead's current reading as the baseline. `input` is null when no message has text.
ProcessorInput processor_input(const config::TenantConfig& tenant, const store::Lead& lead,
                               const std::vector<store::StoredMessage>& messages);

struct ProcessorAnswer {
    std::optional<store::ReadingUpdate> update;  // set when the answer passed every check
    // Otherwise why not, and whether asking again may help (a timeout, a 429) or not (a refusal,
    // an answer that fails the checks).
    std::string error;
    bool retryable = false;
    int64_t retry_after_ms = 0;
    // The answer failed the checks: the core's own, or the processor's ("invalid_answer": true).
    bool invalid = false;
};

// Checks `output` and turns it into a reading update for `tenant` (score recomputed with the
// tenant's scoring; phone normalised to E.164 for the tenant's country). `source` is the
// processor instance's name.
ProcessorAnswer read_processor_answer(const config::TenantConfig& tenant, const sdk::Json& output,
                                      const std::string& source, int64_t messages_read);

}  // namespace leadhub::pipeline
