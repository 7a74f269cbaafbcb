#include "understand_input.hpp"

#include "reading_check.hpp"

#include <stdexcept>

namespace leadhub::llm {

using sdk::Json;

namespace {

std::string string_field(const Json& object, const char* key, const std::string& where, bool required) {
    auto it = object.find(key);
    if (it == object.end() || it->is_null()) {
        if (required) throw std::invalid_argument(where + "'" + key + "' is missing");
        return {};
    }
    if (!it->is_string()) throw std::invalid_argument(where + "'" + key + "' must be a string, got " + it->dump());
    return it->get<std::string>();
}

CatalogService read_service(const Json& s, std::size_t index) {
    const std::string where = "catalog.services[" + std::to_string(index) + "]: ";
    if (!s.is_object()) throw std::invalid_argument(where + "must be an object with id, name and keywords");
    CatalogService out;
    out.id = string_field(s, "id", where, true);
    if (out.id.empty()) throw std::invalid_argument(where + "'id' is empty");
    out.name = string_field(s, "name", where, false);
    if (auto k = s.find("keywords"); k != s.end() && !k->is_null()) {
        if (!k->is_array()) throw std::invalid_argument(where + "'keywords' must be a list of strings");
        for (const auto& word : *k) {
            if (!word.is_string()) throw std::invalid_argument(where + "'keywords' must be a list of strings");
            out.keywords.push_back(word.get<std::string>());
        }
    }
    return out;
}

}  // namespace

std::vector<std::string> UnderstandInput::service_ids() const {
    std::vector<std::string> ids;
    for (const auto& s : services) ids.push_back(s.id);
    return ids;
}

UnderstandInput read_understand_input(const Json& input) {
    if (!input.is_object()) throw std::invalid_argument("input must be a JSON object");
    const std::string task = string_field(input, "task", "", true);
    if (task != "understand") throw std::invalid_argument("task '" + task + "' is not supported: only 'understand' is");
    UnderstandInput out;
    out.text = string_field(input, "text", "", true);
    if (out.text.find_first_not_of(" \t\r\n") == std::string::npos)
        throw std::invalid_argument("'text' is empty: there is nothing for the model to read");
    out.received_at = string_field(input, "received_at", "", true);
    if (out.received_at.size() < 10 || !is_calendar_date(out.received_at.substr(0, 10)))
        throw std::invalid_argument("'received_at' must be ISO 8601 starting with YYYY-MM-DD, got '" + out.received_at + "'");
    out.channel = string_field(input, "channel", "", false);

    auto catalog = input.find("catalog");
    if (catalog == input.end() || catalog->is_null()) return out;
    if (!catalog->is_object()) throw std::invalid_argument("'catalog' must be an object");
    out.title = string_field(*catalog, "title", "catalog: ", false);
    out.timezone = string_field(*catalog, "timezone", "catalog: ", false);
    if (auto services = catalog->find("services"); services != catalog->end() && !services->is_null()) {
        if (!services->is_array()) throw std::invalid_argument("catalog: 'services' must be a list");
        for (std::size_t i = 0; i < services->size(); ++i) out.services.push_back(read_service((*services)[i], i));
    }
    return out;
}

}  // namespace leadhub::llm
