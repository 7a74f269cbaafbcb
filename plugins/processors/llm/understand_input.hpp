// The processor's input, read and checked: what the core hands over for one message.
//
//   {"task": "understand", "text": "...", "received_at": "2026-03-02T09:14:00+07:00",
//    "channel": "whatsapp", "catalog": {"title", "timezone", "country", "services": [...]},
//    "baseline": {...}}
#pragma once

#include <leadhub/sdk/json.hpp>

#include <string>
#include <vector>

namespace leadhub::llm {

struct CatalogService {
    std::string id;
    std::string name;
    std::vector<std::string> keywords;
};

struct UnderstandInput {
    std::string text;
    std::string received_at;  // ISO 8601 with the business's offset; starts with YYYY-MM-DD
    std::string channel;      // "" when not given
    std::string title;        // the business's name, "" when not given
    std::string timezone;
    std::vector<CatalogService> services;

    std::vector<std::string> service_ids() const;
};

// Throws std::invalid_argument with a precise reason: not an object, a task other than
// "understand", no text (or only whitespace), a received_at that does not start with a real
// date, a catalog or a service of the wrong shape. `baseline` is not read: the model's reading
// stays independent of the built-in one, and the core compares them.
UnderstandInput read_understand_input(const sdk::Json& input);

}  // namespace leadhub::llm
