#include "contacts/contact_report.hpp"

#include <sstream>

namespace leadhub::contacts {

namespace {

std::string join_ids(const std::vector<int64_t>& ids) {
    std::string out;
    for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? ", " : "") + std::to_string(ids[i]);
    return out.empty() ? "none" : out;
}

}  // namespace

std::string describe_contact(const store::Contact& contact, const std::vector<store::Lead>& leads) {
    std::ostringstream out;
    out << "contact " << contact.id << " (tenant " << contact.tenant << ")";
    if (contact.erased) out << "  ERASED";
    out << "\n  name: " << contact.name.value_or("-") << "\n";
    if (contact.merged_into) out << "  merged into contact " << *contact.merged_into << "\n";
    out << "  identities:";
    if (contact.identities.empty()) out << " none";
    out << "\n";
    for (const auto& identity : contact.identities) out << "    " << identity.kind << ": " << identity.value << "\n";
    for (const auto& merge : contact.merges) {
        out << "  merge " << merge.id << ": contact " << merge.merged_contact_id << " merged in ("
            << merge.moved_identities.size() << " identities, " << merge.moved_leads.size() << " leads)";
        out << (merge.undone_at_ms ? ", undone" : ", undo with: leadhub contacts unmerge " + std::to_string(merge.id)) << "\n";
    }
    out << "  leads:" << (leads.empty() ? " none" : "") << "\n";
    for (const auto& lead : leads) {
        out << "    " << lead.id << "  " << lead.status << "  " << lead.channel << "  " << lead.reading.intent;
        if (!lead.reading.score.empty()) out << "  " << lead.reading.score;
        if (lead.assignment && !lead.assignment->assignee.empty()) out << "  -> " << lead.assignment->assignee;
        out << "  messages: " << lead.message_count << "\n";
    }
    return out.str();
}

std::string describe_erasure(const store::ErasureReport& report) {
    std::ostringstream out;
    out << "erased contact" << (report.contact_ids.size() == 1 ? " " : "s ") << join_ids(report.contact_ids) << ": "
        << report.identities << " identities removed, " << report.messages << " messages and " << report.leads
        << " leads cleared of name, phone, e-mail, text and user id, " << report.jobs_cancelled
        << " undelivered jobs cancelled\n";
    return out.str();
}

std::string describe_unmerge(const store::ContactMerge& merge) {
    std::ostringstream out;
    out << "merge " << merge.id << " undone: contact " << merge.merged_contact_id << " is separate from contact "
        << merge.kept_contact_id << " again (" << merge.moved_identities.size() << " identities, "
        << merge.moved_leads.size() << " leads moved back: " << join_ids(merge.moved_leads) << ")\n";
    return out.str();
}

}  // namespace leadhub::contacts
