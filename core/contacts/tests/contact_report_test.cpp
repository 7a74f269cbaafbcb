#include "contacts/contact_report.hpp"

#include <catch2/catch.hpp>

using namespace leadhub;
using namespace leadhub::contacts;

TEST_CASE("a contact is shown with its identities, merges and leads") {
    store::Contact c;
    c.id = 7;
    c.tenant = "lilia";
    c.name = "Ольга";
    c.identities = {{1, "phone", "+79131234567"}, {4, "telegram", "555"}};
    store::ContactMerge merge;
    merge.id = 3;
    merge.kept_contact_id = 7;
    merge.merged_contact_id = 9;
    merge.moved_identities = {4};
    merge.moved_leads = {12};
    c.merges = {merge};
    store::Lead lead;
    lead.id = 12;
    lead.channel = "telegram";
    lead.reading.intent = "book";
    lead.reading.score = "hot";
    lead.message_count = 3;
    lead.assignment = store::Assignment{"assigned", "olga", {}, "…"};
    std::string text = describe_contact(c, {lead});
    CHECK(text ==
          "contact 7 (tenant lilia)\n"
          "  name: Ольга\n"
          "  identities:\n"
          "    phone: +79131234567\n"
          "    telegram: 555\n"
          "  merge 3: contact 9 merged in (1 identities, 1 leads), undo with: leadhub contacts unmerge 3\n"
          "  leads:\n"
          "    12  new  telegram  book  hot  -> olga  messages: 3\n");
}

TEST_CASE("an erased contact says so and has nothing left to show") {
    store::Contact c;
    c.id = 2;
    c.tenant = "x";
    c.erased = true;
    std::string text = describe_contact(c, {});
    CHECK(text == "contact 2 (tenant x)  ERASED\n  name: -\n  identities: none\n  leads: none\n");
}

TEST_CASE("erasure and unmerge reports count what changed") {
    store::ErasureReport report;
    report.contact_ids = {7, 9};
    report.identities = 3;
    report.messages = 4;
    report.leads = 2;
    report.jobs_cancelled = 1;
    CHECK(describe_erasure(report) ==
          "erased contacts 7, 9: 3 identities removed, 4 messages and 2 leads cleared of name, phone, e-mail, text "
          "and user id, 1 undelivered jobs cancelled\n");
    store::ContactMerge merge;
    merge.id = 3;
    merge.kept_contact_id = 7;
    merge.merged_contact_id = 9;
    merge.moved_identities = {4, 5};
    merge.moved_leads = {12, 13};
    CHECK(describe_unmerge(merge) ==
          "merge 3 undone: contact 9 is separate from contact 7 again (2 identities, 2 leads moved back: 12, 13)\n");
}
