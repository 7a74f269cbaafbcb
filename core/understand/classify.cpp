#include <istream>
#include <ostream>
#include <string>

#include "understand/understand.hpp"

namespace leadhub::understand {
namespace {

std::string required_text(const nlohmann::json& line, const char* field) {
    auto it = line.find(field);
    if (it == line.end()) throw std::invalid_argument(std::string("missing field '") + field + "'");
    if (!it->is_string()) throw std::invalid_argument(std::string("field '") + field + "' must be a string");
    return it->get<std::string>();
}

}  // namespace

int run_classify(std::istream& in, std::ostream& out, std::ostream& err,
                 const std::map<std::string, Catalog>& businesses) {
    std::map<std::string, Understander> understanders;
    for (const auto& [key, catalog] : businesses) understanders.emplace(key, Understander(catalog));
    int failures = 0;
    std::string text;
    for (std::size_t number = 1; std::getline(in, text); ++number) {
        if (text.find_first_not_of(" \t\r") == std::string::npos) continue;  // blank lines carry nothing
        try {
            nlohmann::json line = nlohmann::json::parse(text);
            if (!line.is_object()) throw std::invalid_argument("expected a JSON object");
            auto id = line.find("id");
            if (id == line.end() || !(id->is_string() || id->is_number_integer()))
                throw std::invalid_argument("missing field 'id' (a string or an integer)");
            std::string business = required_text(line, "business");
            auto understander = understanders.find(business);
            if (understander == understanders.end())
                throw std::invalid_argument("unknown business '" + business + "' (not in the catalog)");
            Reading reading = understander->second.read(required_text(line, "text"), required_text(line, "received_at"));
            nlohmann::ordered_json result;
            result["id"] = *id;
            nlohmann::json fields = reading.to_json();
            for (const char* key : {"intent", "services", "urgent", "name", "phone", "date", "time", "daypart"})
                result[key] = fields[key];
            out << result.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        } catch (const nlohmann::json::exception& e) {
            err << "line " << number << ": not valid JSON: " << e.what() << '\n';
            ++failures;
        } catch (const std::exception& e) {
            err << "line " << number << ": " << e.what() << '\n';
            ++failures;
        }
    }
    return failures == 0 ? 0 : 1;
}

}  // namespace leadhub::understand
