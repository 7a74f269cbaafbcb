// Scoring a labelled JSONL set (the datasets' `expect` shape) field by field, exact match, as
// the dataset README defines it. Used by the dataset tests and the benchmark.
#pragma once

#include <array>
#include <cstddef>
#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "understand/understand.hpp"

namespace leadhub::understand {

inline constexpr std::array<const char*, 8> kScoredFields{"intent", "services", "urgent", "name",
                                                         "phone",  "date",     "time",   "daypart"};

struct Evaluation {
    std::size_t lines = 0;
    std::map<std::string, std::size_t> correct;  // field -> lines read right
    std::vector<std::string> mismatches;         // "dev-007 time: got 18:00, expected null"
    std::vector<std::string> errors;             // lines that could not be read at all

    double accuracy(const std::string& field) const;
};

Evaluation evaluate(std::istream& labelled_jsonl, const std::map<std::string, Catalog>& businesses);

}  // namespace leadhub::understand
