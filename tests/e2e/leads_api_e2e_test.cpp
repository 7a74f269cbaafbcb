// GET /api/leads with every field of a lead (contact, reading, score, assignment, status) and
// POST /api/leads/{id}/take for leads offered to several people, over HTTP on the real binary;
// `leadhub leads take` on the same store.
#include <catch2/catch.hpp>

#include "e2e_support.hpp"
#include "support/hub_config.hpp"

#include <regex>
#include <sstream>
#include <thread>

using namespace leadhub::testing;
using nlohmann::json;

namespace {

std::string config_yaml(int port) {
    std::ostringstream y;
    y << HubConfigHead(port).yaml()
      << "    timezone: Europe/Moscow\n"
      << "    services: [{id: manicure, name: Маникюр, keywords: [маникюр]}, {id: haircut, name: Стрижка}]\n"
      << "    staff:\n"
      << "      - {id: olga, name: Ольга, services: [manicure]}\n"
      << "      - {id: irina, name: Ирина, services: [manicure]}\n"
      << "      - {id: nina, name: Нина, services: [haircut]}\n"
      << "    assignment: {strategy: offer_all}\n"
      << "    sources: [{name: form, plugin: webform}]\n";
    return y.str();
}

HttpReply post_form(const Hub& hub, const json& form) {
    return http_call(hub.port(), "POST", "/hooks/t1/form", form.dump(), {{"Content-Type", "application/json"}});
}

HttpReply take(const Hub& hub, const std::string& lead, const std::string& body, bool token = true) {
    std::map<std::string, std::string> headers = {{"Content-Type", "application/json"}};
    if (token) headers["Authorization"] = "Bearer " + kAdminToken;
    return http_call(hub.port(), "POST", "/api/leads/" + lead + "/take", body, headers);
}

}  // namespace

TEST_CASE("/api/leads shows every field of a lead, and offered leads are taken by the first taker") {
    TempDir dir("leadhub-e2e-leads");
    int port = free_port();
    Hub hub(dir, port, config_yaml(port));
    hub.start();
    REQUIRE(hub.wait_ready());

    REQUIRE(post_form(hub, {{"name", "Анна"}, {"phone", "8 913 123-45-67"},
                            {"message", "Хочу на маникюр завтра в 10:00, срочно"}}).status == 200);
    json leads = hub.wait_for_leads(1);
    REQUIRE(leads.size() == 1);
    const json lead = leads[0];
    const int64_t id = lead["id"].get<int64_t>();

    SECTION("every field of the lead, with its type and value") {
        for (const char* field : {"contact_id", "intent", "services", "urgent", "date", "time", "daypart", "score",
                                  "assignee", "assignment_reason", "status"})
            CHECK(lead.contains(field));
        CHECK(lead["contact_id"].is_number_integer());
        CHECK(lead["contact_id"].get<int64_t>() > 0);
        CHECK(lead["intent"] == "book");
        CHECK(lead["services"] == json::array({"manicure"}));
        CHECK(lead["urgent"] == true);
        CHECK(std::regex_match(lead["date"].get<std::string>(), std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2}")));
        CHECK(lead["time"] == "10:00");
        CHECK(lead["daypart"].is_null());  // a clock time, so no part of the day
        CHECK(lead["score"] == "hot");
        CHECK(lead["status"] == "new");
        CHECK(lead["assignment"] == "offered");
        CHECK(lead["assignee"].is_null());
        CHECK(lead["offered_to"] == json::array({"olga", "irina"}));  // those who do manicure
        CHECK(lead["assignment_reason"].is_string());
        CHECK_FALSE(lead["assignment_reason"].get<std::string>().empty());
        CHECK(lead["reading_source"] == "builtin");
        CHECK(lead["phone"] == "+79131234567");

        // A second lead of the same person is the same contact; a lead with nothing readable is cold.
        REQUIRE(post_form(hub, {{"name", "Пётр"}, {"phone", "+7 900 000-00-01"}, {"message", "Добрый день"}}).status == 200);
        json other = hub.wait_for_leads(2)[0];
        CHECK(other["contact_id"] != lead["contact_id"]);
        CHECK(other["intent"] == "other");
        CHECK(other["services"] == json::array());
        CHECK(other["urgent"] == false);
        CHECK(other["date"].is_null());
        CHECK(other["time"].is_null());
        CHECK(other["score"] == "cold");
        CHECK(other["offered_to"] == json::array({"olga", "irina", "nina"}));  // no service: everyone
    }

    SECTION("two takers at once: exactly one wins, the other is told who has it") {
        HttpReply a, b;
        std::thread first([&] { a = take(hub, std::to_string(id), R"({"staff": "olga"})"); });
        std::thread second([&] { b = take(hub, std::to_string(id), R"({"staff": "irina"})"); });
        first.join();
        second.join();
        INFO(a.body << " / " << b.body);
        REQUIRE(((a.status == 200 && b.status == 409) || (a.status == 409 && b.status == 200)));
        const HttpReply& won = a.status == 200 ? a : b;
        const HttpReply& lost = a.status == 200 ? b : a;
        const std::string winner = a.status == 200 ? "olga" : "irina";
        CHECK(json::parse(won.body)["assignee"] == winner);
        CHECK(json::parse(lost.body)["assignee"] == winner);
        CHECK_THAT(json::parse(lost.body)["error"].get<std::string>(), Catch::Contains("already taken by '" + winner + "'"));

        json now = lead_by_id(hub, id);
        CHECK(now["assignment"] == "assigned");
        CHECK(now["assignee"] == winner);
        CHECK_THAT(now["assignment_reason"].get<std::string>(), Catch::Contains("взял(а)") && Catch::Contains(winner));
        CHECK(now["offered_to"] == json::array({"olga", "irina"}));
        // Taking it again is harmless for the winner and still a conflict for the other.
        CHECK(take(hub, std::to_string(id), "{\"staff\": \"" + winner + "\"}").status == 200);
        CHECK(take(hub, std::to_string(id), "{\"staff\": \"" + std::string(winner == "olga" ? "irina" : "olga") + "\"}")
                  .status == 409);
    }

    SECTION("bad takes get a clear error and change nothing") {
        auto not_offered = take(hub, std::to_string(id), R"({"staff": "nina"})");
        CHECK(not_offered.status == 403);
        CHECK_THAT(not_offered.body, Catch::Contains("not offered to 'nina'"));
        CHECK(take(hub, "999999", R"({"staff": "olga"})").status == 404);
        CHECK(take(hub, std::to_string(id), "{\"staff\": ").status == 400);
        CHECK(take(hub, std::to_string(id), R"({"who": "olga"})").status == 400);
        CHECK(take(hub, std::to_string(id), R"({"staff": ""})").status == 400);
        CHECK(take(hub, std::to_string(id), R"(["olga"])").status == 400);
        CHECK(take(hub, std::to_string(id), R"({"staff": "olga"})", false).status == 401);
        CHECK(hub.api("/api/leads/" + std::to_string(id) + "/take").status == 405);
        json unchanged = lead_by_id(hub, id);
        CHECK(unchanged["assignment"] == "offered");
        CHECK(unchanged["assignee"].is_null());
    }

    SECTION("leadhub leads take works on the store, with the same rules") {
        auto run = [&](std::vector<std::string> args) {
            args.insert(args.begin(), leadhub_binary());
            std::string log = dir / ("cli-" + std::to_string(args.size()) + "-" + std::to_string(std::rand()) + ".log");
            ChildProcess p(args, {{"LEADHUB_ADMIN_TOKEN", kAdminToken}}, log);
            int code = p.wait(std::chrono::seconds(30)).value_or(-1);
            return std::make_pair(code, read_file(log));
        };
        std::string config = dir / "leadhub.yaml";
        auto stranger = run({"leads", "take", std::to_string(id), "--staff", "nina", "-c", config});
        CHECK(stranger.first == 1);
        CHECK_THAT(stranger.second, Catch::Contains("not offered to 'nina'"));
        CHECK(run({"leads", "take", "abc", "--staff", "olga", "-c", config}).first == 2);
        CHECK(run({"leads", "take", std::to_string(id), "-c", config}).first == 2);
        auto taken = run({"leads", "take", std::to_string(id), "--staff", "irina", "-c", config});
        INFO(taken.second);
        CHECK(taken.first == 0);
        CHECK_THAT(taken.second, Catch::Contains("Ирина (irina)"));
        CHECK(lead_by_id(hub, id)["assignee"] == "irina");
        auto late = run({"leads", "take", std::to_string(id), "--staff", "olga", "-c", config});
        CHECK(late.first == 1);
        CHECK_THAT(late.second, Catch::Contains("already taken by 'irina'"));
    }

    SECTION("leadhub leads status and history: the lead moves on, each step with who and from where") {
        auto run = [&](std::vector<std::string> args) {
            args.insert(args.begin(), leadhub_binary());
            std::string log = dir / ("cli-status-" + std::to_string(std::rand()) + ".log");
            ChildProcess p(args, {{"LEADHUB_ADMIN_TOKEN", kAdminToken}}, log);
            int code = p.wait(std::chrono::seconds(30)).value_or(-1);
            return std::make_pair(code, read_file(log));
        };
        std::string config = dir / "leadhub.yaml";
        auto booked = run({"leads", "status", std::to_string(id), "booked", "--booked-for", "2026-12-08T18:30", "--staff",
                           "irina", "-c", config});
        INFO(booked.second);
        CHECK(booked.first == 0);
        CHECK(lead_by_id(hub, id)["status"] == "booked");
        CHECK(lead_by_id(hub, id)["booked_for"] == "2026-12-08T18:30");
        CHECK(run({"leads", "status", std::to_string(id), "signed", "-c", config}).first == 2);
        CHECK(run({"leads", "status", "999999", "lost", "-c", config}).first == 1);
        auto history = run({"leads", "history", std::to_string(id), "-c", config});
        CHECK(history.first == 0);
        CHECK_THAT(history.second, Catch::Contains("new -> booked  by irina via cli"));
        auto api = hub.api("/api/leads/" + std::to_string(id) + "/history");
        CHECK(api.status == 200);
        CHECK_THAT(api.body, Catch::Contains("\"to\":\"booked\""));
    }

    SECTION("leadhub leads book: the visit is booked and, with the config, its reminders armed") {
        auto run = [&](std::vector<std::string> args) {
            args.insert(args.begin(), leadhub_binary());
            std::string log = dir / ("cli-book-" + std::to_string(std::rand()) + ".log");
            ChildProcess p(args, {{"LEADHUB_ADMIN_TOKEN", kAdminToken}}, log);
            int code = p.wait(std::chrono::seconds(30)).value_or(-1);
            return std::make_pair(code, read_file(log));
        };
        std::string config = dir / "leadhub.yaml";
        auto booked = run({"leads", "book", std::to_string(id), "2030-06-14T18:00", "--service", "haircut", "-c", config});
        INFO(booked.second);
        CHECK(booked.first == 0);
        CHECK_THAT(booked.second, Catch::Contains("booked for 2030-06-14T18:00, reminders: 3"));
        auto timers = json::parse(hub.api("/api/leads/" + std::to_string(id) + "/timers").body)["timers"];
        int reminders = 0;
        for (const auto& t : timers)
            if (t["purpose"].get<std::string>().rfind("remind:", 0) == 0 && t["status"] == "pending") ++reminders;
        CHECK(reminders == 3);
        CHECK(run({"leads", "book", std::to_string(id), "tomorrow", "-c", config}).first == 2);
        CHECK(run({"leads", "book", std::to_string(id), "-c", config}).first == 2);
    }
}
