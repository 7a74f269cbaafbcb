#include "understand/intent.hpp"

#include <algorithm>
#include <array>

#include "understand/matcher.hpp"
#include "understand/negation.hpp"
#include "understand/self_correction.hpp"

namespace leadhub::understand {
namespace {

enum Signal : int {
    kSpam, kWrongNumber, kThanks, kComplaint, kPastVisit, kCancel, kReschedule, kCannot, kExisting,
    kBookStrong, kBookWeak, kWant, kQuestion, kHow, kFormField, kIgnore, kRefund, kInstead, kRemove, kOpenHours, kAfterYours, kShift, kChange,
    kFault, kFailed, kDoneHere,
    kSignalCount
};

const PhraseSet& signal_words() {
    static const PhraseSet set = [] {
        PhraseSet s;
        s.add_all({"реклам*", "=кредит =одобрен", "кредитн* =карт*", "одобрен*", "подпиш*", "подписыв*", "ссылк* =в =профиле", "=поток =клиентов",
                   "продвижени*", "раскрут*", "заработ*", "выигр*", "казино", "=smm", "=seo", "инвестиц*", "=http",
                   "=https", "=www", "розыгрыш*",
                   // a vendor offering the business something: "предлагаем CRM", "поставляем
                   // материалы", "уважаемый руководитель", "демо бесплатно", "косметика оптом"
                   "=предлагаем", "=предлагает =вам", "=предлагает =вашему", "=наш =сервис", "=наша =компания",
                   "=увеличить =продажи", "=увеличить =поток", "=поставляем", "=оптом", "оптов*", "сотрудничеств*", "=crm", "=платформа",
                   "=демо", "=уважаемый =руководитель", "=уважаемые =руководители", "=руководителю =салона", "=для =салонов", "=для =клиник", "=для =фитнес-клубов",
                   "=ваш =клуб =может", "=ваш =салон =может", "=ваша =клиника =может", "=больше =клиентов",
                   "=новых =клиентов", "=первый =месяц =бесплатно", "=по =ценам =производителя", "платформ*",
                   "=мы =разработали", "=для =новых =салонов", "=для =новых =клиник"},
                  kSpam);
        s.add_all({"=ошибся", "=ошиблась", "=ошиблись", "=ошибочно", "=не =туда", "=не =тот =номер", "=кто =вы",
                   "=вы =мне =звонили", "=wrong =number", "=не =по =адресу", "ошиб* =номером",
                   // "это разве не шиномонтаж?", "перепутал номер", and the staff's answer in a call
                   // transcript: "— Нет, это стоматология"
                   "=это =разве", "=разве =это", "перепутал* =номер", "=номер =перепутал*", "=не =туда =попал*",
                   "=нет =, =это =салон", "=нет =, =это =стоматология", "=нет =, =это =клиника", "=нет =, =это =фитнес*",
                   "=нет =, =салон", "=нет =, =стоматология", "=нет =, =фитнес*", "=нет =, =это =фитнес-клуб",
                   // "это пиццерия?", "это такси?": asking for another kind of business
                   "=это =пиццери*", "=это =такси", "=это =шиномонтаж*", "=это =автосервис*", "=это =автомойк*",
                   "=это =аптек*", "=это =ресторан*", "=это =кафе", "=это =доставк*", "=это =банк", "=это =ветклиник*",
                   "=это =магазин*", "=это =суши*", "=это =служба =доставки"},
                  kWrongNumber);
        s.add_all({"спасибо", "=спс", "благодар*", "поблагодар*", "thank*", "мерси",
                   // praise of a past visit: "вы волшебницы!", "золотые руки", "всем советую"
                   "волшебниц*", "волшебник*", "=золотые =руки", "=всем =советую", "=всем =рекомендую", "=рекомендую",
                   "=в =восторге", "=очень =довольна", "=очень =доволен", "=лучший =мастер", "=лучший =врач",
                   "=лучший =тренер", "=ни =одного =скола", "=❤️", "=❤"},
                  kThanks);
        s.add_all({"недовол*", "испорт*", "требую", "компенсац*", "нахамил*", "хамств*", "хамил*", "накричал*",
                   "нагрубил*", "=грубо", "=грубая", "=грубый", "=груба", "=грубит", "=грубили", "=больше =не =пойду",
                   "=больше =не =приду", "=больше =к =вам =не", "=ноги =моей", "издева*", "=ни =ногой", "=не =понравилось", "=не =понравился",
                   "=не =понравилась", "неприятн*", "расстро*", "=ужас", "ужасн*", "кошмар*", "безобраз*", "отвратит*",
                   "жалоб*", "претензи*", "=как =так", "=это =нормально", "прождал*", "опоздал*", "обрезал*", "порезал*",
                   "облез*", "отслоил*", "сломал* =мне", "=сильнее =чем =до", "=хуже =чем", "исправите =бесплатно", "исправ* =бесплатно",
                   "переделайте", "переделать =бесплатно", "😡", "🤬", "😤", "👎", "=не =рекомендую", "=обманули",
                   "=не =пришла", "=не =пришел",
                   // overcharging and not being told, paying for nothing
                   "насчитал*", "обсчитал*", "=не =предупредили", "=не =предупреждали", "=не =предупредила",
                   "=за =что =платим", "=за =что =мы =платим", "=за =что =я =плачу", "=за =что =деньги",
                   "=деньги =на =ветер", "разочарован*", "возмут*", "=украли", "бесплатн* пере*", "пере* =бесплатно", "=ни =разу =не", "=опять =болит", "=снова =болит",
                   "=уже =второй =раз", "=второй =раз =уже", "=в =который =раз", "=впустую", "=зря =потратил*", "=зря =сходил*", "=зря =приехал*",
                   // rhetorical questions and disappointment, without a word of blame: "сколько
                   // можно?", "что за отношение?", "ожидала большего", "смысл было платить?"
                   "=сколько =можно =?", "=сколько =можно =!", "=сколько =можно =.", "=сколько =можно =терпеть", "=сколько =можно =ждать",
                   "=сколько =можно =издеваться", "=что =за =отношение", "=как =это =понимать", "=вы =серьезно", "=так =работать =нельзя",
                   "=работать =нельзя", "ожидал* =большего", "ожидал* =лучшего", "=смысл =было", "=какой =смысл =платить", "=какой =смысл =было",
                   "=вот =тебе =и", "=вот =вам =и", "=руками =разводит", "=руками =разводят", "=разводит =руками",
                   "=трубку =не =берет", "=трубку =не =берут", "=не =берет =трубку", "=не =берут =трубку",
                   "=трубку =никто =не", "=в =слезах", "обидн*", "=как =будто =ничего", "=как =будто =и =не",
                   "=ничего =не =объяснил*", "=не =объяснил*", "=не =этого =я =хотел*", "=не =этого =хотел*",
                   "=никто =не =предупредил", "=не =предупредил", "=без =предупреждения",
                   "=орет", "обзыва*", "=за =что =плачу", "=за =что =платим", "=за =что =платила", "=за =что =платил",
                   "=никто =не =позвонил", "=никто =не =сообщил", "=не =старалась", "=не =старался", "=не =старались",
                   "=деньги =выброшены", "выброшен* =деньги", "=деньги =на =ветер", "пожима* =плечами", "=повредили", "=вы =что-то =повредили", "=дышать =нечем", "=не =появился", "=не =появилась"},
                  kComplaint);
        // What went wrong, said plainly: with a visit in the past tense (or two of them), a
        // complaint, when the message asks for nothing: "тренер полчаса сидел в телефоне".
        s.add_all({"грязь", "грязн*", "=сломан", "=сломана", "=сломано", "=сломаны", "=не =работает", "=не =работал*",
                   "=криво", "=кривая", "=кривой", "=кривые", "пузыр*", "тускл*", "=не =держится", "=не =держатся",
                   "болтал*", "жевал*", "переписывал*", "=в =телефоне", "=по =телефону", "=так =и =не",
                   "=ничего =не =осталось", "=отрезали", "=ждали", "=прождали", "=ушли =из", "=за =такие =деньги", "отвлека*", "=на =телефон", "торчит", "=отменили", "=не =в =тот =цвет", "=не =тот =цвет", "=не =ту =форму",
                   "=а =вышел", "=а =вышло", "=а =получилось", "переполнен*", "=не =протолкнуться", "=отменяют", "=отменили =без"},
                  kFault);
        // A result that did not last: a complaint only about work done here ("пломбу ставили в
        // августе, она уже откололась"); told alone it is a symptom to book for.
        s.add_all({"выпал*", "раскрошил*", "откол*", "отпал*", "отвалил*", "=сошло", "=сошел", "=сошла", "шатает*",
                   "=вернулся", "=вернулись"},
                  kFailed);
        // The business's past work: "ставили", "наращивали", "покрасили", "делала у вас".
        s.add_all({"=ставили", "=поставили", "лечил*", "наращивал*", "=покрасили", "=подстригли", "=подстриглась",
                   "=подстригся", "=покрасилась", "делал*", "=сделали", "=отрезали"},
                  kDoneHere);

        // Asking money back is a complaint, unless the customer is simply calling a membership or
        // a visit off ("хочу отменить абонемент и вернуть деньги, переезжаю").
        s.add_all({"=верните =деньги", "=вернуть =деньги", "=верните =мне =деньги", "возврат* =денег",
                   "=вернуть =мне =деньги", "=вернете =деньги"},
                  kRefund);
        s.add_all({"=был", "=была", "=были", "=было", "делал*", "=поставили", "=вчера", "прошл* =раз", "=назад",
                   "стриглась", "красилась", "=у =вас =была",
                   // the past visit told by what happened at it: "заплатила 6000", "пришла — а зал
                   // закрыт", "приняли в 11:20", "хожу к вам полгода", "просила каре"
                   "заплатил*", "=отдала", "=отдал", "=оплатил", "=оплатила", "=оплатили", "=пришла", "=пришел",
                   "=просила", "=просил", "=обещали", "=приняли", "=записали", "=хожу =к =вам", "=купила", "=купил",
                   "=сидела", "=сидел", "=ждала", "=сделала", "=плачу", "=платим", "=платила"},
                  kPastVisit);
        // "после вашего лечения", "после вашей тренировки": what follows came from a visit here.
        s.add_all({"=после =вашего", "=после =вашей", "=после =ваших", "=после =вас", "=вы =мне лечил*",
                   "=вы =мне делал*", "=вы =мне ставил*", "=вы =мне удалял*", "=вы =мне =поставили", "=вы =мне =сделали",
                   "=у =вас =лечил*", "=у =вас =делал*", "=у =вас =ставил*"},
                  kAfterYours);
        // "можно пораньше?", "на час позже": with a visit already booked, moving it.
        s.add_all({"=пораньше", "=попозже", "=позже", "=раньше", "=позднее"}, kShift);
        // "записала дочку на 10-е, хотим поменять на 12-е": changing a visit already booked.
        s.add_all({"поменя*", "=изменить", "=заменить"}, kChange);
        s.add_all({"отмен*", "cancel*"}, kCancel);
        s.add_all({"перенес*", "перенест*", "перенос*", "сдвин*", "сдвиг*", "передвин*", "переставь*", "переставит*",
                   "reschedul*", "=перезапишите", "=перезаписать", "=перезапишете", "поменя* =время", "поменя* =день", "=move"},
                  kReschedule);
        // "вместо четверга" moves a visit; "12 тысяч вместо 8" does not (see classify_intent).
        s.add("=вместо", kInstead);
        // "уберите мою запись", "удалите запись", "снимите меня с записи": calling a visit off.
        s.add_all({"убер*", "удалит*", "=удалите", "=снимите", "=снять", "аннулир*"}, kRemove);
        s.add_all({"=не =смогу", "=не =могу =прийти", "=не =могу =,", "=не =могу =.", "=не =могу =в", "=не =могу =во",
                   "=не =могу =завтра", "=не =могу =сегодня", "=я =не =могу", "=не =успеваю", "=не =успею", "=не =получается",
                   "=не =получится", "=не =приду", "=не =сможем", "=не =выходит", "=не =выйдет", "=не =подойду"},
                  kCannot);
        s.add_all({"записан*", "=моя =запись", "=мою =запись", "=у =меня =запись", "=записалась", "=записался",
                   "=записали", "=записала", "=записал", "=записывала", "=записывал", "=записывалась", "=записывался", "=записывались"},
                  kExisting);
        s.add_all({"запиш*", "записат*", "записыв*", "=записать", "=записаться", "=примете", "=принять", "=примите",
                   "=перезвоните", "=перезвоните-ка", "=book", "=appointment", "забронир*", "=запись =на"},
                  kBookStrong);
        s.add_all({"=хочу =на", "=хочу =к", "=хотим =на", "=хотим =к", "=хочет =на", "=хотела =бы", "=хотел =бы",
                   "=хотелось =бы", "=можно =на", "=можно =к", "=можно =мне", "=можно =в", "=прийти", "=приду",
                   "=прийду", "=подойти", "=подбежать", "=попасть", "окошк*", "=свободно", "=свободное =время",
                   "=есть =время", "=есть =места", "=есть =место", "свободн*", "=записалась", "=записался", "=want", "=need",
                   "=would =like", "=начать", "=хочу =прийти", "=хочу =пойти", "=пойти", "=подъехать", "=заехать",
                   "=забежать", "=заскочить", "=окно", "=окна", "=окон", "=местечко", "=записаться =бы",
                   "=записать =бы"},
                  kBookWeak);
        s.add_all({"=хочу", "=хочет", "=хотим", "=хотела", "=хотел", "=хочется"}, kWant);
        s.add_all({"сколько", "скольк*", "=скока", "=скоко", "сколко", "=цена", "=цены", "=цену", "=ценник", "=стоит",
                   "=стоят", "стоимост*", "прайс*", "=почем", "подскаж*", "адрес*", "=где", "доехать", "проехать",
                   "добраться", "парковк*", "=ли", "=у =вас =есть",
                   "=делаете", "=делают", "=ставите", "=ставят", "=какие", "=какой", "=какая", "=какое",
                   "=больно", "спрашивал*", "спросил*", "узнать", "интересует", "=интересно", "рассрочк*", "скидк*",
                   "сертификат*", "оплат*", "=картой", "наличн*", "=how", "=price", "=is =there", "=do =you", "=does", "=нужно =ли",
                   // advice and walk-ins: "когда лучше начать?", "что лучше?", "можно без записи?"
                   "=когда =лучше", "=что =лучше", "=как =лучше", "=что =посоветуете", "посоветуйте", "=без =записи",
                   "=что =входит", "=сколько =по =времени", "=долго =ли", "=в =кредит", "=дмс", "=омс", "страховк*"},
                  kQuestion);
        // "вы сегодня работаете?": a question, or, from someone in pain, a way of asking to come in.
        s.add_all({"=работаете", "=работает", "=принимаете", "=открыты"}, kOpenHours);
        // "как" asks only in a question ("как доехать?"), not in "спина как новая".
        s.add("=как", kHow);
        s.add_all({"=как =можно", "=как =только", "=так =как", "=как =и"}, kIgnore);
        return s;
    }();
    return set;
}

// Negations that do not turn a signal off: "не смогу" is itself a signal.
bool negation_applies(int signal) {
    return signal == kCancel || signal == kReschedule || signal == kBookStrong || signal == kBookWeak ||
           signal == kRemove || signal == kShift || signal == kChange || signal == kInstead;
}

bool is_form(const std::vector<Token>& tokens) {
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
        bool line_start = i == 0 || tokens[i - 1].text == "\n";
        if (line_start && tokens[i + 1].text == ":" &&
            (tokens[i].low == "имя" || tokens[i].low == "телефон" || tokens[i].low == "услуга" ||
             tokens[i].low == "фио"))
            return true;
    }
    return false;
}

}  // namespace

std::string classify_intent(const IntentFacts& facts) {
    const std::vector<Token>& tokens = *facts.tokens;
    std::array<int, kSignalCount> count{};
    std::size_t cannot_begin = 0, cannot_end = 0;
    std::size_t first_ask = tokens.size();  // where the first booking word is
    bool want_service = false;
    std::vector<Hit> hits = signal_words().find_all(tokens);
    std::size_t covered = 0, taken_begin = 0, taken_end = 0;
    for (const Hit& hit : hits) {  // the longest signal at a position wins ("как можно" is not a question)
        bool same_span = hit.begin == taken_begin && hit.end == taken_end && taken_end > 0;
        if (hit.begin < covered && !same_span) continue;
        covered = hit.end;
        taken_begin = hit.begin;
        taken_end = hit.end;
        if (negation_applies(hit.payload) && negated(tokens, hit.begin, hit.end)) continue;
        // "её отменили", "занятия отменяют": the business called it off, not the customer.
        if (hit.payload == kCancel && (tokens[hit.begin].cyr == "отменили" || tokens[hit.begin].cyr == "отменяют")) continue;
        // "совсем не больно было!" tells, "а это больно?" asks.
        if (hit.payload == kQuestion && tokens[hit.begin].cyr == "больно" && negated_before(tokens, hit.begin)) continue;
        if (hit.payload == kRemove) {
            // "уберите мою запись": a removal verb counts only with the booking as its object.
            bool booking = false;
            // "снять гель-лак без записи" is not one.
            for (std::size_t k = hit.end; k < tokens.size() && k < hit.end + 4 && !tokens[k].is_boundary(); ++k)
                if ((tokens[k].cyr == "запись" || tokens[k].cyr == "записи") && tokens[k - 1].cyr != "без") booking = true;
            if (!booking) continue;
        }
        if (hit.payload == kCannot && cannot_end == 0) {
            cannot_begin = hit.begin;
            cannot_end = hit.end;
        }
        if (hit.payload == kBookStrong || hit.payload == kBookWeak || hit.payload == kWant)
            first_ask = std::min(first_ask, hit.begin);
        if (hit.payload == kWant) {
            // "хочу подстричься", "хочу сделать маникюр": want + a service within two words.
            for (std::size_t k = hit.end; k < tokens.size() && k < hit.end + 2; ++k)
                if (facts.service_at[k]) want_service = true;
        }
        ++count[static_cast<std::size_t>(hit.payload)];
    }
    bool question_mark = std::any_of(tokens.begin(), tokens.end(), [](const Token& t) { return t.text == "?"; });
    bool book_strong = count[kBookStrong] > 0;
    if (question_mark) count[kQuestion] += count[kHow];

    // "вместо четверга" / "на 15 вместо 14" move a visit; "12 тысяч вместо 8" does not.
    if (facts.has_when) count[kReschedule] += count[kInstead];
    count[kCancel] += count[kRemove];
    // Someone in pain asking "вы сегодня работаете?" wants to come in.
    count[facts.acute ? kBookWeak : kQuestion] += count[kOpenHours];

    count[kPastVisit] += count[kAfterYours] + count[kDoneHere];
    if (count[kExisting] > 0) count[kReschedule] += count[kShift];
    if (count[kExisting] > 0 && facts.has_when) count[kReschedule] += count[kChange];
    // Pain after a visit here is a complaint even without a word of blame.
    if (facts.acute && count[kAfterYours] > 0) count[kComplaint] += 1;

    // A toll-free 8 800 number is a business's, not a customer's: a vendor's offer.
    if ((count[kSpam] > 0 || count[kWrongNumber] > 0 || facts.toll_free_phone) && !book_strong) return "other";
    int complaint = count[kComplaint];
    if (count[kRefund] > 0 && !(count[kCancel] > 0 && complaint == 0)) complaint += count[kRefund];
    if (complaint >= 2 || (complaint >= 1 && (count[kPastVisit] > 0 || (!book_strong && !facts.has_when))))
        return "complaint";
    // What went wrong at a past visit, told plainly and asking for nothing: "вчера была на
    // тренировке, тренер полчаса сидел в телефоне"; "пломбу ставили в августе, она откололась".
    {
        bool asks = book_strong || count[kBookWeak] > 0 || want_service || count[kWant] > 0 || count[kCancel] > 0 ||
                    count[kReschedule] > 0 || count[kCannot] > 0 || !facts.date_starts.empty();
        int fault = count[kFault] + (count[kDoneHere] + count[kAfterYours] > 0 ? count[kFailed] : 0);
        if (!asks && (fault >= 2 || (fault >= 1 && count[kPastVisit] > 0))) return "complaint";
    }
    // "хотела записаться в среду, но не успеваю, давайте в четверг", "в 9, хотя нет, в 9 не
    // успею": a booking the customer corrects while making it, nothing booked yet to move.
    if (count[kCannot] > 0 && count[kExisting] == 0 && (correction_point(tokens) > 0 || first_ask < cannot_begin))
        count[kCannot] = 0;
    if (count[kCancel] > 0) return "cancel";
    if (count[kRefund] > 0) return "complaint";
    if (count[kReschedule] > 0) return "reschedule";
    if (count[kCannot] > 0) {
        // "не смогу в среду, можно на четверг?": a new date after the one that does not work.
        bool new_date = std::any_of(facts.date_starts.begin(), facts.date_starts.end(),
                                    [&](std::size_t start) { return start >= cannot_end + 2; });
        if (new_date) return "reschedule";
        // "я не приду завтра": the day of a visit that will not happen.
        if (count[kExisting] > 0 || facts.has_service || !facts.date_starts.empty()) return "cancel";
    }
    if (is_form(tokens)) return "book";
    bool book_weak = count[kBookWeak] > 0 || want_service;
    if (count[kThanks] > 0 && !book_strong && !book_weak && count[kQuestion] == 0) return "other";
    if (book_strong) return "book";
    if (facts.has_when && (book_weak || count[kWant] > 0)) return "book";
    // "Есть ли у вас стретчинг по утрам?" asks about the schedule, it does not book.
    if (count[kQuestion] > 0) return "question";
    if (facts.has_when && facts.has_service) return "book";
    if (book_weak) return "book";
    if (question_mark) return "question";
    if (facts.has_service) return "book";
    return "other";
}

}  // namespace leadhub::understand
