// The CSV sink through its real C exports on the SDK's fake host, on a temporary folder.
#include <catch2/catch.hpp>

#include <leadhub/sdk/testing.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

using namespace leadhub::sdk;
using testing::FakeHost;
using testing::Harness;
using testing::make_delivery;
using testing::TempDir;
namespace fs = std::filesystem;

namespace {


std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

Json lead(const std::string& name, const std::string& text = "Хочу на стрижку") {
    return {{"id", 7}, {"tenant", "salon"}, {"source", "site"}, {"channel", "webform"}, {"name", name},
            {"phone", "+79131234567"}, {"text", text}, {"created_at", "2026-03-10T05:00:00.000Z"},
            {"utm", {{"utm_source", "vk"}}}};
}

Json small_options(const fs::path& file) {
    return {{"path", file.string()}, {"columns", {"name", "phone", "text"}}, {"fsync", false}};
}

}  // namespace

TEST_CASE("a new file gets the header and one CRLF row per lead, numbered as the spreadsheet shows them") {
    TempDir dir("leadhub-csv-sink");
    const fs::path file = dir.path() / "owner" / "leads.csv";
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("sheet", {{"path", file.string()}, {"columns", {"created_at", "name", "phone", "utm_source"}},
                                    {"utc_offset_hours", 7}}) == "");
    REQUIRE(plugin.start() == "");
    auto first = plugin.deliver(make_delivery(lead("Анна"), 1));
    auto second = plugin.deliver(make_delivery(lead("Иванова, Вера"), 2));
    CHECK(first.kind == Outcome::Kind::ok);
    CHECK(first.external_id == "row-2");
    CHECK(second.external_id == "row-3");
    CHECK(read_all(file) ==
          "Дата и время (UTC+7),Имя,Телефон,utm_source\r\n"
          "2026-03-10 12:00:00,Анна,+79131234567,vk\r\n"
          "2026-03-10 12:00:00,\"Иванова, Вера\",+79131234567,vk\r\n");
    CHECK(host.metrics["csv_sink_rows"] == 2);
}

TEST_CASE("Excel options: BOM once at the top, semicolons, the owner's titles") {
    TempDir dir("leadhub-csv-sink");
    const fs::path file = dir.path() / "leads.csv";
    FakeHost host;
    auto plugin = Harness::linked(host);
    Json options = small_options(file);
    options["bom"] = true;
    options["delimiter"] = "semicolon";
    options["titles"] = {{"text", "Комментарий"}};
    REQUIRE(plugin.create("sheet", options) == "");
    REQUIRE(plugin.start() == "");
    REQUIRE(plugin.deliver(make_delivery(lead("Анна", "завтра; после 18"), 1)).kind == Outcome::Kind::ok);
    REQUIRE(plugin.deliver(make_delivery(lead("Борис"), 2)).kind == Outcome::Kind::ok);
    CHECK(read_all(file) ==
          "\xEF\xBB\xBFИмя;Телефон;Комментарий\r\n"
          "Анна;+79131234567;\"завтра; после 18\"\r\n"
          "Борис;+79131234567;Хочу на стрижку\r\n");
}

TEST_CASE("without a header the first lead is row 1; the formula guard can be switched off") {
    TempDir dir("leadhub-csv-sink");
    const fs::path file = dir.path() / "leads.csv";
    FakeHost host;
    auto plugin = Harness::linked(host);
    Json options = small_options(file);
    options["header"] = false;
    options["formula_guard"] = false;
    REQUIRE(plugin.create("sheet", options) == "");
    REQUIRE(plugin.start() == "");
    CHECK(plugin.deliver(make_delivery(lead("=1+1"), 1)).external_id == "row-1");
    CHECK(read_all(file) == "=1+1,+79131234567,Хочу на стрижку\r\n");
}

TEST_CASE("a formula planted in a form is written as text") {
    TempDir dir("leadhub-csv-sink");
    const fs::path file = dir.path() / "leads.csv";
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("sheet", small_options(file)) == "");
    REQUIRE(plugin.start() == "");
    REQUIRE(plugin.deliver(make_delivery(lead("=HYPERLINK(\"http://x\")"), 1)).kind == Outcome::Kind::ok);
    CHECK(read_all(file).find("\"'=HYPERLINK(\"\"http://x\"\")\",+79131234567") != std::string::npos);
}

TEST_CASE("a retried or replayed job is not written twice, even by a new instance") {
    TempDir dir("leadhub-csv-sink");
    const fs::path file = dir.path() / "leads.csv";
    FakeHost host;  // its state is the hub's durable state: it outlives instances
    {
        auto plugin = Harness::linked(host);
        REQUIRE(plugin.create("sheet", small_options(file)) == "");
        REQUIRE(plugin.start() == "");
        CHECK(plugin.deliver(make_delivery(lead("Анна"), 1)).external_id == "row-2");
        CHECK(plugin.deliver(make_delivery(lead("Анна"), 1, 2)).external_id == "row-2");
    }
    auto restarted = Harness::linked(host);
    REQUIRE(restarted.create("sheet", small_options(file)) == "");
    REQUIRE(restarted.start() == "");
    CHECK(restarted.deliver(make_delivery(lead("Анна"), 1, 3)).external_id == "row-2");
    CHECK(restarted.deliver(make_delivery(lead("Борис"), 2)).external_id == "row-3");
    CHECK(host.state.at("row:lead-1") == "2");
    auto text = read_all(file);
    CHECK(std::count(text.begin(), text.end(), '\n') == 3);
}

TEST_CASE("an existing file torn mid-record is repaired and its rows are counted") {
    TempDir dir("leadhub-csv-sink");
    const fs::path file = dir.path() / "leads.csv";
    fs::copy_file(fs::path(LEADHUB_TEST_DATA) / "torn-last-row.csv", file);
    const std::string before = read_all(file);
    FakeHost host;
    auto plugin = Harness::linked(host);
    Json options = small_options(file);
    options["bom"] = true;  // the file is not new: no second BOM, no second header
    options["columns"] = {"name", "text"};
    REQUIRE(plugin.create("sheet", options) == "");
    REQUIRE(plugin.start() == "");
    CHECK(plugin.deliver(make_delivery(lead("Вера", "ok"), 1)).external_id == "row-4");
    CHECK(read_all(file) == before + "\"\r\nВера,ok\r\n");
}

TEST_CASE("an unusable path is a retry with the reason, and works once the owner fixes it") {
    TempDir dir("leadhub-csv-sink");
    const fs::path file = dir.path() / "leads.csv";
    fs::create_directories(file);  // a folder where the file should be
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("sheet", small_options(file)) == "");
    REQUIRE(plugin.start() == "");  // a bad path does not stop the hub...
    CHECK(host.logged("deliveries will retry"));
    auto outcome = plugin.deliver(make_delivery(lead("Анна"), 1));
    CHECK(outcome.kind == Outcome::Kind::retry);  // ...and nothing is lost meanwhile
    CHECK(outcome.reason.find("Is a directory") != std::string::npos);
    CHECK(host.state.empty());
    fs::remove(file);
    CHECK(plugin.deliver(make_delivery(lead("Анна"), 1, 2)).external_id == "row-2");
}

TEST_CASE("a notice is refused for good: this sink writes leads") {
    TempDir dir("leadhub-csv-sink");
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("sheet", small_options(dir.path() / "leads.csv")) == "");
    REQUIRE(plugin.start() == "");
    Delivery notice = make_delivery(lead("Анна"), 1);
    notice.kind = "notice";
    auto outcome = plugin.deliver(notice);
    CHECK(outcome.kind == Outcome::Kind::permanent);
    CHECK(outcome.reason.find("'notice'") != std::string::npos);
    CHECK_FALSE(fs::exists(dir.path() / "leads.csv"));
}

TEST_CASE("bad options never reach the file system") {
    TempDir dir("leadhub-csv-sink");
    FakeHost host;
    auto plugin = Harness::linked(host);
    CHECK(plugin.create("sheet", {{"path", (dir.path() / "x.csv").string()}, {"columns", {"nmae"}}})
              .find("unknown column 'nmae' (did you mean 'name'?)") != std::string::npos);
    CHECK_FALSE(fs::exists(dir.path() / "x.csv"));
    CHECK_THROWS_AS(plugin.deliver(make_delivery(lead("Анна"), 1)), std::logic_error);
}
