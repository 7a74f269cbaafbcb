#include "pipeline/normalize.hpp"

#include "base/phone.hpp"
#include "base/text.hpp"

#include <leadhub/sdk/ascii_text.hpp>

namespace leadhub::pipeline {

namespace {

// Case of the letters names are written in: Latin, and Cyrillic with Ё and the Ukrainian,
// Belarusian and Kazakh letters of U+0400..U+045F. Anything else has no case here.
char32_t to_upper(char32_t c) {
    if (c >= U'a' && c <= U'z') return c - 32;
    if (c >= U'\u0430' && c <= U'\u044F') return c - 32;
    if (c >= U'\u0450' && c <= U'\u045F') return c - 80;
    return c;
}

char32_t to_lower(char32_t c) {
    if (c >= U'A' && c <= U'Z') return c + 32;
    if (c >= U'\u0410' && c <= U'\u042F') return c + 32;
    if (c >= U'\u0400' && c <= U'\u040F') return c + 80;
    return c;
}

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\u00A0'; }

std::u32string capitalize_word(const std::u32string& word) {
    bool any_lower = false, any_upper = false;
    for (char32_t c : word) {
        any_lower |= to_upper(c) != c;
        any_upper |= to_lower(c) != c;
    }
    if (any_lower && any_upper) {
        // Mixed case is kept, except a first letter left small ("анна-Мария" is still fixed below).
        std::u32string out = word;
        if (!out.empty()) out[0] = to_upper(out[0]);
        return out;
    }
    std::u32string out;
    bool start = true;
    for (char32_t c : word) {
        out += start ? to_upper(c) : to_lower(c);
        start = c == U'-' || c == U'\'';  // each part of "Анна-Мария", "д'Артаньян" stays a name
    }
    return out;
}

}  // namespace

std::optional<std::string> normalize_name(std::string_view written) {
    std::u32string text = base::to_u32(written);
    std::u32string out, word;
    auto flush = [&] {
        if (word.empty()) return;
        if (!out.empty()) out += U' ';
        out += capitalize_word(word);
        word.clear();
    };
    for (char32_t c : text) {
        if (is_space(c)) flush();
        else word += c;
    }
    flush();
    if (out.empty()) return std::nullopt;
    return base::to_utf8(out);
}

std::optional<std::string> normalize_email(std::string_view written) {
    std::u32string text = base::to_u32(sdk::trim(written));
    if (text.empty()) return std::nullopt;
    for (char32_t& c : text) c = to_lower(c);
    return base::to_utf8(text);
}

const char* message_kind(sdk::MessageEvent event) {
    switch (event) {
        case sdk::MessageEvent::business_message: return "business";
        case sdk::MessageEvent::customer_blocked: return "blocked";
        case sdk::MessageEvent::customer_message: return "customer";
        // Events on a lead never become messages (pipeline/lead_actions.hpp); not reached.
        case sdk::MessageEvent::staff_action:
        case sdk::MessageEvent::lead_status: return "customer";
    }
    return "customer";
}

bool is_missed_call(const store::Json& extra) {
    auto call = extra.find("call");
    if (call == extra.end() || !call->is_object()) return false;
    auto missed = call->find("missed");
    return missed != call->end() && missed->is_boolean() && missed->get<bool>();
}

store::InboundMessage normalized_message(const sdk::Message& m, const config::TenantConfig& tenant,
                                         const std::string& source, int64_t received_at_ms) {
    store::InboundMessage in;
    in.tenant = tenant.id;
    in.source = source;
    in.channel = m.channel;
    in.external_user_id = m.external_user_id;
    in.external_message_id = m.external_message_id;
    in.text = m.text;
    in.utm = sdk::utm_to_json(m.utm);
    in.extra = m.extra.is_object() ? m.extra : store::Json::object();
    in.received_at_ms = received_at_ms;
    in.kind = message_kind(m.event);
    if (m.address.is_object() && !m.address.empty()) in.address = m.address;
    if (m.name) in.name = normalize_name(*m.name);
    if (m.email) in.email = normalize_email(*m.email);
    if (m.phone) {
        std::string raw(sdk::trim(*m.phone));
        if (auto e164 = base::normalize_phone(raw, tenant.country)) in.phone = *e164;
        else if (!raw.empty()) in.extra["raw_phone"] = raw;
    }
    return in;
}

}  // namespace leadhub::pipeline
