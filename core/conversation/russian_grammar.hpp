// The bits of Russian grammar a reply needs and a template cannot do itself: the form of a noun
// after a number, a span of time in the accusative («через 15 минут»), a service name in the
// accusative («на стрижку»), and a list joined the way one says it («маникюр, педикюр и стрижку»).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace leadhub::conversation {

// The form of a noun after `n`: `one` for 1, 21, 101 (минута), `few` for 2-4, 22-24 (минуты),
// `many` for 0, 5-20, 25-30, 111-114 (минут).
const std::string& plural_form(long n, const std::string& one, const std::string& few, const std::string& many);

// `minutes` in the accusative, as after «через»: «1 минуту», «15 минут», «1 час», «1 час 30 минут»,
// «2 часа», «1 день» (whole days only). "" for 0 or less.
std::string duration_text(long minutes);

// The first letter in lower case, unless the name is written in capitals (an acronym: «УЗИ»).
std::string lower_first(std::string_view text);

// A service name in the accusative for «на …»: the leading adjectives and the first noun of the
// first declension change (-ая → -ую, -а → -у, -я → -ю: «мужская стрижка» → «мужскую стрижку»,
// «консультация» → «консультацию»); other words, and words with capitals, are left as written
// («маникюр», «окрашивание бровей», «SPA»).
std::string accusative(std::string_view name);

// «a», «a и b», «a, b и c».
std::string join_with_and(const std::vector<std::string>& items);

}  // namespace leadhub::conversation
