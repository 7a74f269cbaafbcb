// Shared by the llm plugin's tests: the vendors' samples (copied into tests/data) and a standard
// processor input.
#pragma once

#include <leadhub/sdk/types.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace llm_test {

using leadhub::sdk::Json;

inline Json sample(const std::string& file) {
    std::ifstream in(std::string(LEADHUB_TEST_DATA) + "/" + file);
    if (!in) throw std::runtime_error("missing test data file " + file);
    std::stringstream text;
    text << in.rdbuf();
    return Json::parse(text.str());
}

// The sample's recorded answer, as the fake server sends it.
inline leadhub::sdk::HttpResponse recorded_response(const Json& sample_json) {
    leadhub::sdk::HttpResponse r;
    const Json& resp = sample_json.at("response");
    r.status = resp.at("status").get<int>();
    for (const auto& [k, v] : resp.at("headers").items()) r.headers[k] = v.get<std::string>();
    r.body = resp.at("body").is_null() ? std::string() : resp.at("body").dump();
    return r;
}

// The sample's answer with choices[0].message.content replaced: the vendor's envelope, our reading.
inline leadhub::sdk::HttpResponse answer_from(const std::string& sample_file, const std::string& content) {
    Json s = sample(sample_file);
    s["response"]["body"]["choices"][0]["message"]["content"] = content;
    return recorded_response(s);
}

inline const std::string kGoodReading =
    R"({"intent": "book", "services": ["manicure"], "urgent": false, "name": "Анна", "phone": "8 913 123-45-67",)"
    R"( "date": "2026-03-03", "time": "14:00", "daypart": null})";

inline Json understand_input(const std::string& text = "Здравствуйте! Можно на маникюр завтра в 14:00? Анна, 8 913 123-45-67") {
    return {{"task", "understand"},
            {"text", text},
            {"received_at", "2026-03-02T09:14:00+07:00"},
            {"channel", "whatsapp"},
            {"catalog",
             {{"title", "Салон «Ромашка»"},
              {"timezone", "Asia/Krasnoyarsk"},
              {"country", "RU"},
              {"services",
               {{{"id", "manicure"}, {"name", "Маникюр"}, {"keywords", {"маникюр", "ногти"}}},
                {{"id", "haircut"}, {"name", "Стрижка"}, {"keywords", {"стрижка"}}}}}}},
            {"baseline",
             {{"intent", "book"}, {"services", {"manicure"}}, {"urgent", false}, {"name", "Анна"},
              {"phone", "+79131234567"}, {"date", "2026-03-03"}, {"time", "14:00"}, {"daypart", nullptr}}}};
}

}  // namespace llm_test
