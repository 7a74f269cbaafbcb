#include <catch2/catch.hpp>

#include "readings.hpp"

#include "understand/services.hpp"

using namespace leadhub::understand;
using namespace leadhub::understand::test;

namespace {

std::vector<std::string> found(const std::vector<Service>& catalog, const std::string& text, bool complaint = false) {
    ServiceFinder finder(catalog);
    auto tokens = tokenize(text);
    return finder.select(finder.find(tokens), complaint);
}

std::vector<std::string> found(const Catalog& catalog, const std::string& text, bool complaint = false) {
    return found(catalog.services, text, complaint);
}

using Ids = std::vector<std::string>;

}  // namespace

TEST_CASE("word forms, slang, diminutives and typos") {
    CHECK(found(salon(), "можно мне ноготочки?") == Ids{"manicure"});
    CHECK(found(salon(), "маникур и педикур") == Ids{"manicure", "pedicure"});
    CHECK(found(salon(), "окрашевание на длинные") == Ids{"coloring"});
    CHECK(found(salon(), "хочу подстричься и покраситься") == Ids{"haircut", "coloring"});
    CHECK(found(salon(), "skolko stoit strizhka") == Ids{"haircut"});
    CHECK(found(salon(), "Реснички нарастить") == Ids{"brows_lashes"});
    CHECK(found(salon(), "солярий есть?").empty());
}

TEST_CASE("the longer phrase decides: coloured brows are brows") {
    CHECK(found(salon(), "окрашивание бровей") == Ids{"brows_lashes"});
    CHECK(found(salon(), "брови покрасить") == Ids{"brows_lashes"});
    CHECK(found(salon(), "покрасить волосы и брови") == Ids{"coloring", "brows_lashes"});
}

TEST_CASE("negated services are left out") {
    CHECK(found(salon(), "маникюр не надо, мне только педикюр") == Ids{"pedicure"});
    CHECK(found(salon(), "не маникюр, а педикюр") == Ids{"pedicure"});
    CHECK(found(salon(), "не на маникюр, а на педикюр") == Ids{"pedicure"});
}

TEST_CASE("a background mention counts only in a complaint") {
    CHECK(found(salon(), "после окрашивания волосы сухие").empty());
    CHECK(found(salon(), "после вашего окрашивания волосы как солома", true) == Ids{"coloring"});
}

TEST_CASE("dental symptoms point at treatment only when nothing is named") {
    std::vector<Service> dental{{"treatment", "Лечение зубов", {"лечение", "кариес", "пломба"}},
                                {"extraction", "Удаление зуба", {"удаление", "удалить зуб"}},
                                {"implants", "Имплантация", {"имплант", "имплантация"}}};
    CHECK(found(dental, "у мамы болит зуб") == Ids{"treatment"});
    CHECK(found(dental, "болит, наверно удалять надо") == Ids{"extraction"});
    CHECK(found(dental, "надо удалить нерв, зуб болит") == Ids{"treatment"});
    CHECK(found(dental, "имплант на место удалённого зуба") == Ids{"implants"});
}

TEST_CASE("a new owner's catalog works from its own keywords") {
    std::vector<Service> barber{{"beard", "Борода", {"стрижка бороды", "борода"}},
                                {"shave", "Бритьё", {"бритьё опасной бритвой"}}};
    CHECK(found(barber, "хочу оформить бороду") == Ids{"beard"});
    CHECK(found(barber, "Бритье опасной бритвой сколько?") == Ids{"shave"});
    CHECK(found(barber, "просто поболтать").empty());
}

TEST_CASE("vague catalog words do not name a service alone") {
    std::vector<Service> fitness{{"personal_training", "Персональная тренировка", {"персональная", "тренер"}}};
    CHECK(found(fitness, "Ваш тренер нахамил").empty());
    CHECK(found(fitness, "хочу заниматься с тренером") == Ids{"personal_training"});
}
