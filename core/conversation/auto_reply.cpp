#include "conversation/auto_reply.hpp"
#include "conversation/spoken_time.hpp"

#include "conversation/missing_fields.hpp"
#include "conversation/reply_context.hpp"
#include "conversation/reply_templates.hpp"

#include <leadhub/sdk/text_template.hpp>

#include <algorithm>

namespace leadhub::conversation {

namespace {

const std::vector<std::string> kReplyIntents = {"book", "reschedule", "cancel", "question", "complaint", "other"};

// Templates drop what is unknown, which can leave «вас  завтра» or «вас .»: one space between
// words and none before punctuation or a line break, so an owner's template need not guard
// every space. Line breaks an owner wrote stay.
std::string tidy(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == ' ' && (out.empty() || out.back() == ' ' || out.back() == '\n')) continue;
        bool closes = c == '.' || c == ',' || c == '!' || c == '?' || c == ';' || c == ':' || c == '\n';
        if (closes && !out.empty() && out.back() == ' ') out.pop_back();
        out += c;
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
    return out;
}

// Renders the templates one after another into one message; a template an owner set to ""
// drops out.
class Composer {
public:
    Composer(const config::TenantConfig& tenant, const ReplyFacts& facts)
        : tenant_(tenant), facts_(facts), context_(reply_context(tenant, facts)) {
        // {{promise}}: how soon in working hours, when outside them.
        context_["promise"] = render(facts.open_now ? "promise" : "after_hours");
    }

    std::string render(const std::string& name) const {
        return tidy(sdk::render_template(template_for(tenant_, facts_.channel, name), context_));
    }

    std::optional<AutoReply> reply(const std::vector<std::string>& templates, std::string purpose,
                                   std::string asks = "") const {
        std::string text;
        for (const auto& name : templates) {
            std::string part = render(name);
            if (!part.empty()) text += (text.empty() ? "" : " ") + part;
        }
        if (text.empty()) return std::nullopt;
        return AutoReply{std::move(text), std::move(purpose), std::move(asks)};
    }

private:
    const config::TenantConfig& tenant_;
    const ReplyFacts& facts_;
    nlohmann::json context_;
};

// The first reply's own template: a confirmation question when the reading has all a booking
// needs, else the acknowledgement of the intent.
std::string first_template(const std::string& intent, const ReplyFacts& facts) {
    bool has_when = has_field(facts, "date_time");
    if (intent == "book" && has_when && has_field(facts, "service")) return "confirm_book";
    if (intent == "reschedule" && has_when) return "confirm_reschedule";
    return "first_" + intent;
}

}  // namespace

std::optional<AutoReply> compose_reply(const config::TenantConfig& tenant, const ReplyFacts& facts) {
    const config::RepliesConfig& replies = tenant.replies;
    if (!replies.enabled_on(facts.channel)) return std::nullopt;
    ReplyFacts known = facts;
    if (std::find(kReplyIntents.begin(), kReplyIntents.end(), known.reading.intent) == kReplyIntents.end())
        known.reading.intent = "other";
    const std::string& intent = known.reading.intent;
    Composer composer(tenant, known);
    bool first = known.auto_replies_sent <= 0;

    if (intent == "complaint") {  // one apology, and a person takes it from there
        if (!first) return std::nullopt;
        return composer.reply({"first_complaint"}, "complaint");
    }
    std::optional<std::string> question = next_question(replies, known);
    if (first) {
        const std::string own = first_template(intent, known);
        std::vector<std::string> parts = {own};
        if (question) parts.push_back("ask_" + *question);
        auto reply = composer.reply(parts, known.open_now ? "first" : "after_hours", question.value_or(""));
        if (reply && own.rfind("confirm_", 0) == 0 && known.reading.date && known.reading.time &&
            parse_date(*known.reading.date) && parse_clock(*known.reading.time))
            reply->proposes = *known.reading.date + "T" + *known.reading.time;
        return reply;
    }
    if (question) return composer.reply({"ask_" + *question}, "ask:" + *question, *question);
    // Nothing more to ask (all given, each asked once, or max_questions reached): close once.
    if (known.complete_sent) return std::nullopt;
    return composer.reply({"complete"}, "complete");
}

}  // namespace leadhub::conversation
