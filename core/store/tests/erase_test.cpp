// Erasure of a person's data: nothing personal stays anywhere in the file, ids stay, and jobs
// not yet delivered are cancelled.
#include "raw_db.hpp"
#include "store_fixture.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::store;
using namespace leadhub::store::testing;

namespace {

const std::vector<std::string> kPersonal = {"Ольга Смирнова", "+79131234567", "olga@example.ru", "tg-olga-42",
                                            "перезвоните Ольге", "8 913 123"};

// Every cell of every table that contains one of `needles`, as "table: cell".
std::vector<std::string> personal_data_left(const std::string& path, const std::vector<std::string>& needles) {
    std::vector<std::string> found;
    for (const auto& table : raw_rows(path, "SELECT name FROM sqlite_schema WHERE type = 'table'")) {
        for (const auto& row : raw_rows(path, "SELECT * FROM \"" + table[0] + "\""))
            for (const auto& cell : row)
                for (const auto& needle : needles)
                    if (cell.find(needle) != std::string::npos) found.push_back(table[0] + ": " + cell);
    }
    return found;
}

InboundMessage from_olga(const std::string& id, int64_t received_at_ms) {
    InboundMessage m = message("salon", "tg", id);
    m.external_user_id = "tg-olga-42";
    m.name = "Ольга Смирнова";
    m.phone = "+79131234567";
    m.email = "olga@example.ru";
    m.text = "перезвоните Ольге";
    m.extra = {{"raw_phone", "8 913 123"}};
    m.received_at_ms = received_at_ms;
    return m;
}

}  // namespace

TEST_CASE("erasing a contact leaves no personal data in the database, keeps ids, cancels open jobs") {
    TempDir dir;
    std::string path = dir.file("leadhub.db");
    auto store = Store::open(options_for(path));
    const std::vector<Identity> olga = {{"phone", "+79131234567"}, {"email", "olga@example.ru"}, {"telegram", "tg-olga-42"}};

    JobSpec with_payload = job_for("crm");
    with_payload.payload = {{"note", "Ольга Смирнова"}};
    IngestResult first = ingest_one(*store, item(from_olga("m1", 0), {with_payload, job_for("sheet")}, {olga[2]}));
    ingest_one(*store, item(from_olga("m2", 1000), {}, {olga[2]}));  // joins the conversation
    // A second contact by phone only, then a message that links both: a merge to erase too.
    IngestItem by_phone = item(from_olga("m3", 2000), {job_for("crm")}, {olga[0], olga[1]});
    by_phone.conversation_window_ms = 0;
    IngestResult second = ingest_one(*store, std::move(by_phone));
    IngestItem linking = item(from_olga("m4", 3000), {}, olga);
    IngestResult merged = ingest_one(*store, std::move(linking));
    REQUIRE(merged.merge_ids.size() == 1);
    // One job delivered, one dead, the rest pending.
    store->job_succeeded(first.job_ids[1], 1, "sheet-row-9", 4000);
    store->job_dead(second.job_ids[0], 3, "400 bad phone", 4000);
    // Someone else, who must keep everything.
    InboundMessage other = message("salon", "tg", "x1");
    other.name = "Ирина";
    IngestResult bystander = ingest_one(*store, item(other, {job_for("crm")}, {{"phone", "+79990001122"}}));

    REQUIRE_FALSE(personal_data_left(path, kPersonal).empty());  // the check can see the data
    ErasureReport report = store->erase_contact(first.contact_id, 5000);

    CHECK(personal_data_left(path, kPersonal).empty());
    CHECK(report.contact_ids.size() == 2);
    CHECK(report.identities == 3);
    CHECK(report.messages == 4);
    CHECK(report.leads == 2);  // the linking message joined the open conversation
    CHECK(report.jobs_cancelled == 2);  // the pending crm job of the first lead and the dead one

    CHECK(store->find_contacts("salon", olga[0]).empty());
    auto erased = store->contact(first.contact_id);
    REQUIRE(erased);
    CHECK(erased->erased);
    CHECK_FALSE(erased->name);
    CHECK(erased->lead_ids.size() == 2);  // rows and ids stay
    auto lead = store->lead(first.lead_id);
    REQUIRE(lead);
    CHECK_FALSE(lead->phone);
    CHECK(lead->extra.empty());
    CHECK(store->job(first.job_ids[0])->status == JobStatus::cancelled);
    CHECK(store->job(first.job_ids[1])->status == JobStatus::done);
    CHECK(store->job(second.job_ids[0])->status == JobStatus::cancelled);
    CHECK(store->job_history(second.job_ids[0]).back().event == "cancelled");
    CHECK_FALSE(store->replay(second.job_ids[0], 6000));  // a cancelled job is not a dead letter
    CHECK(store->due_jobs(1'000'000'000, 10).size() == 1);  // only the bystander's
    CHECK_THROWS_WITH(store->unmerge(merged.merge_ids[0], 6000), Catch::Contains("erased"));

    auto kept = store->lead(bystander.lead_id);
    CHECK(kept->name == "Ирина");
    CHECK(store->find_contacts("salon", Identity{"phone", "+79990001122"}).size() == 1);

    // The person may come back: a new contact, nothing of the old one.
    IngestResult again = ingest_one(*store, item(from_olga("m5", 9000), {}, {olga[0]}));
    CHECK(again.contact_id != first.contact_id);
    CHECK(again.new_lead);
}

TEST_CASE("erasure also clears the person's messages left in another contact's lead by an unmerge") {
    TempDir dir;
    std::string path = dir.file("leadhub.db");
    auto store = Store::open(options_for(path));
    const Identity olga_phone{"phone", "+79131234567"};
    const Identity other_email{"email", "sister@example.ru"};
    InboundMessage sister = message("salon", "tg", "s1");
    sister.email = "sister@example.ru";
    ingest_one(*store, item(sister, {}, {other_email}));
    IngestResult olga = ingest_one(*store, item(from_olga("m1", 10), {}, {olga_phone}));
    // One message with both: a merge, and the message joins the sister's open lead.
    IngestResult linking = ingest_one(*store, item(from_olga("m2", 20), {}, {olga_phone, other_email}));
    REQUIRE(linking.merge_ids.size() == 1);
    store->unmerge(linking.merge_ids[0], 30);

    store->erase_contact(olga.contact_id, 40);
    CHECK(personal_data_left(path, kPersonal).empty());
    CHECK(store->find_contacts("salon", other_email).size() == 1);  // the sister keeps her contact
}

TEST_CASE("erasing a contact that does not exist is refused") {
    TempDir dir;
    auto store = Store::open(options_for(dir.file("leadhub.db")));
    CHECK_THROWS_WITH(store->erase_contact(42, 1), Catch::Contains("no contact 42"));
}
