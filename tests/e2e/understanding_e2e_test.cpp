// The tenant's understanding processor end to end: the real binary, the llm plugin, and a fake
// OpenAI-compatible server answering with the recorded chat-completion envelope
// (plugins/processors/llm/tests/data, copied from the OpenAI samples). The webhook is
// acknowledged with the built-in reading at once; the model's reading replaces it when it comes
// and passes the checks; a timeout, a 500 or an answer that fails the schema leaves the built-in
// reading in place.
#include <catch2/catch.hpp>

#include "e2e_support.hpp"
#include "support/fake_receiver.hpp"
#include "support/hub_config.hpp"

#include <chrono>
#include <functional>
#include <sstream>
#include <thread>

using namespace leadhub::testing;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

// The recorded OpenAI answer: its content is the sample's own classification, which is not a
// lead reading (intent "booking", no services): an answer that fails the schema as it stands.
json recorded_completion() {
    json sample = json::parse(read_file(source_dir() + "/plugins/processors/llm/tests/data/openai-chat-completions.json-schema.json"));
    return sample["response"]["body"];
}

std::string completion_with(const json& content) {
    json body = recorded_completion();
    body["choices"][0]["message"]["content"] = content.dump();
    return body.dump();
}

const json kModelReading = {{"intent", "book"},   {"services", {"manicure"}}, {"urgent", false},
                            {"name", "Мария"},    {"phone", nullptr},         {"date", "2026-03-03"},
                            {"time", "14:00"},    {"daypart", nullptr}};

std::string config_yaml(int port, int llm_port, const TempDir& dir) {
    std::ostringstream y;
    y << HubConfigHead(port).yaml()
      << "    timezone: Asia/Krasnoyarsk\n"
      << "    services: [{id: manicure, name: Маникюр, keywords: [маникюр]}, {id: haircut, name: Стрижка}]\n"
      << "    conversation: {enabled: false}\n"
      << "    sources: [{name: form, plugin: webform}]\n"
      << "    sinks: [{name: crm, plugin: file, options: {path: \"" << (dir / "crm.jsonl") << "\"}}]\n"
      << "    processors:\n"
      << "      - name: llm-main\n"
      << "        plugin: llm\n"
      << "        options: {base_url: \"http://127.0.0.1:" << llm_port << "/v1\", api_key: test-key-123456, "
      << "model: gpt-4o-mini, timeout_ms: 10000}\n"
      << "        timeout: 1s\n"
      << "        max_attempts: 1\n"
      << "    understanding: {processor: llm-main}\n"
      << "    routes: [{from: '*', to: [crm]}]\n";
    return y.str();
}

struct Posted {
    HttpReply reply;
    double seconds = 0;
    int64_t lead_id = 0;
};

// Posts a web-form message and finds the lead it opened (the newest).
Posted post_message(const Hub& hub, const std::string& text, const std::string& phone) {
    json form = {{"name", "Анна"}, {"phone", phone}, {"message", text}};
    const std::size_t leads_before = hub.leads().size();
    auto started = std::chrono::steady_clock::now();
    Posted p;
    p.reply = http_call(hub.port(), "POST", "/hooks/t1/form", form.dump(), {{"Content-Type", "application/json"}});
    p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    json leads = hub.wait_for_leads(leads_before + 1);
    if (leads.size() > leads_before) p.lead_id = leads[0]["id"].get<int64_t>();
    return p;
}

int dead_letters_of(const Hub& hub, int64_t lead_id) {
    int n = 0;
    const json all = json::parse(hub.api("/api/deadletters").body);
    for (const auto& d : all["deadletters"])
        if (d["lead_id"] == lead_id && d["sink"] == "llm-main") n++;
    return n;
}

}  // namespace

TEST_CASE("the model's reading replaces the built-in one later; failures leave the built-in reading") {
    // One request per lead (max_attempts: 1), in the order the leads are posted below.
    FakeReceiver llm(
        [](int n) {
            ScriptedAnswer a;
            if (n == 1) a.delay_ms = 700;   // slow but in time
            if (n == 2) a.status = 500;
            if (n >= 4) a.delay_ms = 2500;  // past the processor's 1 s timeout
            return a;
        },
        [](int n) -> std::optional<std::string> {
            if (n == 2) return R"({"error": {"message": "server error", "type": "server_error"}})";
            if (n == 3) return recorded_completion().dump();  // fails the schema
            return completion_with(kModelReading);
        });
    TempDir dir("leadhub-e2e-llm");
    int port = free_port();
    Hub hub(dir, port, config_yaml(port, llm.port(), dir));
    hub.start();
    REQUIRE(hub.wait_ready());

    // 1. An answer in time: the ack does not wait for it, the lead gets it afterwards.
    Posted first = post_message(hub, "Здравствуйте, подскажите по ногтям", "+79130000001");
    REQUIRE(first.reply.status == 200);
    CHECK(first.seconds < 0.5);  // the model takes 0.7 s: the ack did not wait for it
    json before = lead_by_id(hub, first.lead_id);
    REQUIRE(before.is_object());
    CHECK(before["reading_source"] == "builtin");
    const json builtin_intent = before["intent"];
    CHECK(builtin_intent != "book");
    REQUIRE(eventually([&] { return lead_by_id(hub, first.lead_id)["reading_source"] == "llm-main"; }, 10000ms));
    json after = lead_by_id(hub, first.lead_id);
    CHECK(after["intent"] == "book");
    CHECK(after["services"] == json::array({"manicure"}));
    CHECK(after["date"] == "2026-03-03");
    CHECK(after["time"] == "14:00");
    CHECK(after["score"] == "hot");  // recomputed: book with a date
    CHECK(after["name"] == "Анна");  // the form's own name is kept
    CHECK(after["phone"] == "+79130000001");
    REQUIRE(llm.accepted().size() == 1);
    const json request = llm.accepted()[0].body;
    CHECK(request["model"] == "gpt-4o-mini");
    CHECK_THAT(request["messages"].dump(), Catch::Contains("подскажите по ногтям"));
    // The message's own built-in reading stays on record.
    auto messages = json::parse(hub.api("/api/leads/" + std::to_string(first.lead_id) + "/messages").body);
    CHECK(messages["messages"][0]["reading"]["intent"] == builtin_intent);

    // 2. A 500: the built-in reading stays; the job is a dead letter (max_attempts: 1) that can be replayed.
    Posted second = post_message(hub, "Хочу подстричься", "+79130000002");
    REQUIRE(second.reply.status == 200);
    REQUIRE(eventually([&] { return dead_letters_of(hub, second.lead_id) == 1; }, 10000ms));
    json kept = lead_by_id(hub, second.lead_id);
    CHECK(kept["reading_source"] == "builtin");
    CHECK(kept["services"] == json::array({"haircut"}));

    // 3. An answer that fails the schema (the recorded sample's own content): refused as a whole.
    Posted third = post_message(hub, "Хочу подстричься", "+79130000003");
    REQUIRE(third.reply.status == 200);
    REQUIRE(eventually([&] { return dead_letters_of(hub, third.lead_id) == 1; }, 10000ms));
    CHECK(lead_by_id(hub, third.lead_id)["reading_source"] == "builtin");

    // 4. Past the processor's 1 s timeout: the late answer is not applied.
    Posted fourth = post_message(hub, "Хочу подстричься", "+79130000004");
    REQUIRE(fourth.reply.status == 200);
    CHECK(fourth.seconds < 0.5);
    REQUIRE(eventually([&] { return dead_letters_of(hub, fourth.lead_id) == 1; }, 10000ms));
    REQUIRE(eventually([&] { return llm.requests() >= 4; }, 5000ms));
    std::this_thread::sleep_for(std::chrono::milliseconds(2800));  // the late answer has come and gone
    CHECK(lead_by_id(hub, fourth.lead_id)["reading_source"] == "builtin");
    CHECK(lead_by_id(hub, fourth.lead_id)["date"].is_null());  // the model would have given 2026-03-03

    // Every lead reached the sink regardless of the model.
    CHECK(eventually([&] {
        std::string crm = read_file(dir / "crm.jsonl");
        return std::count(crm.begin(), crm.end(), '\n') == 4;
    }, 10000ms));

    auto metrics = http_call(hub.port(), "GET", "/metrics").body;
    CHECK_THAT(metrics, Catch::Contains("leadhub_reading_updates_total{tenant=\"t1\",processor=\"llm-main\"} 1"));
    CHECK_THAT(metrics, Catch::Contains("leadhub_reading_fallbacks_total{tenant=\"t1\",processor=\"llm-main\",reason=\"error\"} 1"));
    CHECK_THAT(metrics, Catch::Contains("leadhub_reading_fallbacks_total{tenant=\"t1\",processor=\"llm-main\",reason=\"invalid\"} 1"));
    CHECK_THAT(metrics, Catch::Contains("leadhub_reading_fallbacks_total{tenant=\"t1\",processor=\"llm-main\",reason=\"timeout\"} 1"));
    CHECK_THAT(hub.log(), Catch::Contains("the built-in reading stays"));
    CHECK_THAT(hub.log(), !Catch::Contains("test-key-123456"));
}
