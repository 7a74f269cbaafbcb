#include "card_thread.hpp"

#include "staff_card.hpp"

#include <leadhub/sdk/text_template.hpp>

#include <charconv>

namespace leadhub::telegram {

using sdk::Json;

namespace {

std::optional<int64_t> whole_integer(std::string_view text) {
    int64_t value = 0;
    auto [at, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || at != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace

std::string CardRef::text() const { return std::to_string(chat_id) + ":" + std::to_string(message_id); }

std::optional<CardRef> parse_card_ref(std::string_view text) {
    // The chat id may be negative; the message id follows the last ':'.
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    auto chat = whole_integer(text.substr(0, colon));
    auto message = whole_integer(text.substr(colon + 1));
    if (!chat || !message || *chat == 0 || *message <= 0) return std::nullopt;
    return CardRef{*chat, *message};
}

std::string card_refs_key(int64_t lead_id) { return std::string(kCardRefsPrefix) + "/" + std::to_string(lead_id); }

std::vector<CardRef> read_card_refs(const std::optional<std::string>& stored) {
    std::vector<CardRef> refs;
    if (!stored) return refs;
    const Json list = sdk::parse_json(*stored);
    if (!list.is_array()) return refs;
    for (const Json& item : list)
        if (item.is_string())
            if (auto ref = parse_card_ref(item.get_ref<const std::string&>())) refs.push_back(*ref);
    return refs;
}

std::string with_card_ref(const std::optional<std::string>& stored, const CardRef& ref) {
    std::vector<CardRef> refs = read_card_refs(stored);
    std::erase_if(refs, [&](const CardRef& r) { return r.chat_id == ref.chat_id && r.message_id == ref.message_id; });
    refs.push_back(ref);
    if (refs.size() > kMaxCardRefs) refs.erase(refs.begin(), refs.end() - kMaxCardRefs);
    Json list = Json::array();
    for (const CardRef& r : refs) list.push_back(r.text());
    return sdk::dump(list);
}

std::string render_thread_line(const std::string& message_template, const Json& lead, const Json& message) {
    Json data = lead.is_object() ? lead : Json::object();
    Json shown = message.is_object() ? message : Json::object();
    if (auto text = shown.find("text"); text != shown.end() && text->is_string())
        *text = cut_text(text->get<std::string>(), kMaxThreadWords);
    data["message"] = std::move(shown);
    std::string line = sdk::render_template(message_template, data, sdk::Escape::html);
    while (!line.empty() && (line.back() == '\n' || line.back() == ' ')) line.pop_back();
    return line;
}

Json thread_message_body(const CardRef& card, const std::string& html, const Json& keyboard) {
    return {{"chat_id", card.chat_id},
            {"text", html},
            {"parse_mode", "HTML"},
            {"link_preview_options", {{"is_disabled", true}}},
            {"reply_parameters", {{"message_id", card.message_id}, {"allow_sending_without_reply", true}}},
            {"reply_markup", keyboard}};
}

}  // namespace leadhub::telegram
