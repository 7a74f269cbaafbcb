#include "understand/evaluation.hpp"

#include <istream>

namespace leadhub::understand {

double Evaluation::accuracy(const std::string& field) const {
    if (lines == 0) return 0.0;
    auto it = correct.find(field);
    return it == correct.end() ? 0.0 : static_cast<double>(it->second) / static_cast<double>(lines);
}

Evaluation evaluate(std::istream& in, const std::map<std::string, Catalog>& businesses) {
    std::map<std::string, Understander> understanders;
    for (const auto& [key, catalog] : businesses) understanders.emplace(key, Understander(catalog));
    Evaluation result;
    std::string text;
    for (std::size_t number = 1; std::getline(in, text); ++number) {
        if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
        try {
            nlohmann::json line = nlohmann::json::parse(text);
            std::string id = line.at("id").get<std::string>();
            auto understander = understanders.find(line.at("business").get<std::string>());
            if (understander == understanders.end()) throw std::invalid_argument("unknown business");
            nlohmann::json got = understander->second
                                     .read(line.at("text").get<std::string>(), line.at("received_at").get<std::string>())
                                     .to_json();
            const nlohmann::json& expected = line.at("expect");
            ++result.lines;
            for (const char* field : kScoredFields) {
                if (got[field] == expected.at(field)) {
                    ++result.correct[field];
                } else {
                    result.mismatches.push_back(id + " " + field + ": got " + got[field].dump() + ", expected " +
                                                expected.at(field).dump() + " | " + line.at("text").get<std::string>());
                }
            }
        } catch (const std::exception& e) {
            result.errors.push_back("line " + std::to_string(number) + ": " + e.what());
        }
    }
    return result;
}

}  // namespace leadhub::understand
