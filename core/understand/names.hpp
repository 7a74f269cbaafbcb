// The customer's own first name: from a form field ("Имя: …"), a self-introduction ("я Оксана",
// "меня зовут …", "меня Светой зовут"), a staff note about the caller ("Звонила Юлия",
// "звонок от Елены") or a signature; always in the nominative.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "understand/text.hpp"

namespace leadhub::understand {

const std::vector<std::string_view>& first_names();

// The nominative of a known first name given in any case ("светой" -> "Света"); the lookup
// key is fold_case of the word.
std::optional<std::string> nominative_name(std::string_view folded_word);
// Whether the folded word is a known first name already in the nominative.
bool is_nominative_name(std::string_view folded_word);

std::optional<std::string> find_customer_name(const std::vector<Token>& tokens);

}  // namespace leadhub::understand
