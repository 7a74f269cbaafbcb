// Every way a phone is written in the dev dataset's texts and in the web form fixtures ends up
// as the same E.164 number on the lead.
#include "pipeline/ingest.hpp"
#include "pipeline_support.hpp"
#include "base/phone.hpp"

#include <catch2/catch.hpp>
#include <leadhub/sdk/json.hpp>

#include <fstream>

using namespace leadhub;
using namespace leadhub::pipeline;

namespace {

std::vector<nlohmann::json> json_lines(const std::string& path) {
    std::ifstream in(path);
    REQUIRE(in);
    std::vector<nlohmann::json> lines;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(nlohmann::json::parse(line));
    return lines;
}

}  // namespace

TEST_CASE("every phone in the dev set's texts fills the lead's phone, and as a form field normalises the same") {
    auto tenant = testing::salon_tenant();
    int checked = 0;
    for (const auto& line : json_lines(LEADHUB_SOURCE_DIR "/core/understand/data/leads-dev.jsonl")) {
        const auto& expected = line["expect"]["phone"];
        if (!expected.is_string()) continue;
        const std::string text = line["text"].get<std::string>();
        INFO(line["id"].get<std::string>() << ": " << text);
        sdk::Message from_text;
        from_text.channel = line["channel"].get<std::string>();
        from_text.text = text;
        store::IngestItem item = prepare_item(tenant, "src", from_text, 1'773'032'400'000);
        CHECK(item.message.phone == expected.get<std::string>());
        CHECK(std::find(item.identities.begin(), item.identities.end(),
                        store::Identity{"phone", expected.get<std::string>()}) != item.identities.end());

        // The same written form given by a channel as the phone field.
        auto found = base::find_phone(text);
        REQUIRE(found);
        sdk::Message as_field;
        as_field.channel = "webform";
        as_field.phone = text.substr(found->begin, found->end - found->begin);
        INFO("written: " << *as_field.phone);
        CHECK(prepare_item(tenant, "src", as_field, 1).message.phone == expected.get<std::string>());
        ++checked;
    }
    CHECK(checked == 40);
}

TEST_CASE("the phones of the web form fixtures normalise to what the fixtures expect") {
    auto tenant = testing::salon_tenant();
    auto lines = json_lines(LEADHUB_SOURCE_DIR "/core/pipeline/tests/fixtures/webform-phones.jsonl");
    REQUIRE(lines.size() == 4);
    for (const auto& line : lines) {
        INFO(line["fixture"].get<std::string>());
        sdk::Message m;
        m.channel = "webform";
        m.phone = line["raw"].get<std::string>();
        CHECK(prepare_item(tenant, "site", m, 1).message.phone == line["e164"].get<std::string>());
    }
}

TEST_CASE("a phone given by the channel wins over one in the text") {
    auto tenant = testing::salon_tenant();
    sdk::Message m;
    m.channel = "telegram";
    m.phone = "+79990001122";
    m.text = "перезвоните на 8 913 123-45-67";
    CHECK(prepare_item(tenant, "tg", m, 1).message.phone == "+79990001122");
}
