// How `leadhub contacts` shows a contact, an erasure and a merge undone: plain text for a
// terminal, in English like every operator command's output.
#pragma once

#include "store/store.hpp"

#include <string>
#include <vector>

namespace leadhub::contacts {

// The contact, its identities, merges and leads (the leads given, newest first).
std::string describe_contact(const store::Contact& contact, const std::vector<store::Lead>& leads);
std::string describe_erasure(const store::ErasureReport& report);
std::string describe_unmerge(const store::ContactMerge& merge);

}  // namespace leadhub::contacts
