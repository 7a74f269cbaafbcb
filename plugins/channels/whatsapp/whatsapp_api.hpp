// The mapping between leadhub's data and the WhatsApp Cloud API's payloads, without I/O.
//
// Inbound (Meta's webhook, after the signature check): {"object": "whatsapp_business_account",
// "entry": [{"changes": [{"field": ..., "value": {...}}]}]}
//   field "messages", value.messages[]   one Message per element, in order (reactions, system
//                                        notices and welcome requests are ignored)
//   field "messages", value.statuses[]   sent/delivered/read: ignored; failed: reported in
//                                        `failures` (the source may resend as a template)
//   field "smb_message_echoes"           the business's own message from the WhatsApp Business
//                                        app (coexistence): a business_message
//   field "user_preferences" value "stop"  the customer stopped marketing messages: customer_blocked
//   any other field                      ignored
// Ids: external_user_id = wa_id (phone "+" + wa_id), or the business-scoped user_id when a
// username hides the number (phone null); external_message_id = the wamid.
//
// Outbound: POST {api_url}/{api_version}/{phone_number_id}/messages with a text, interactive
// reply-button or template payload (see the builders below).
#pragma once

#include "graph_api.hpp"

#include <leadhub/sdk/types.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace leadhub::whatsapp {

// Free-form messages are allowed within 24 hours of the customer's last message.
inline constexpr int64_t kServiceWindowMs = 24LL * 60 * 60 * 1000;
inline constexpr std::size_t kMaxTextBytes = 4096;     // text.body: 4096 characters; bytes are safe
inline constexpr std::size_t kMaxButtonBodyChars = 1024;
inline constexpr std::size_t kMaxButtons = 3;
inline constexpr std::size_t kMaxButtonTitleChars = 20;
inline constexpr std::size_t kMaxButtonIdBytes = 256;
inline constexpr std::size_t kMaxTemplateParamChars = 1024;

// A failed status of a message the business sent (statuses[] with status "failed").
struct FailedStatus {
    std::string message_id;  // the wamid of the business's message
    std::string recipient_id;
    std::string phone_number_id;
    meta::GraphError error;  // the first of errors[]
};

struct ParsedWebhook {
    bool whatsapp = true;  // false: another object than whatsapp_business_account (ignored)
    std::vector<sdk::Message> messages;
    std::vector<FailedStatus> failures;
    int ignored = 0;  // statuses, reactions, other fields, elements that are not Meta's shape
};

// The body read as Meta's webhook; nullopt with `error` set (safe to quote) when the body is
// not JSON or not an object with an entry array. Never throws.
std::optional<ParsedWebhook> parse_webhook(std::string_view body, std::string* error);

// One element of value.messages[] (or message_echoes[]) as a Message without its ids and
// address: the text and extra a staff member reads. nullopt for what is not a message
// (reaction, system, request_welcome) or has no id.
struct ContactInfo {
    std::string wa_id;
    std::string user_id;
    std::string name;
};
std::optional<sdk::Message> message_from(const sdk::Json& message, const ContactInfo& contact);

// Where a reply goes: Message::address {"to": wa_id, "phone_number_id": ...}, or
// {"user_id": ..., "phone_number_id": ...} for a customer known only by the business-scoped id.
struct Recipient {
    std::string field;  // "to" or "recipient"
    std::string id;
    std::string phone_number_id;
};
std::optional<Recipient> recipient_from(const sdk::Json& address);
sdk::Json address_of(const Recipient& recipient);

sdk::Json text_payload(const Recipient& to, const std::string& text);
// Reply buttons (at most 3, titles cut to 20 characters); the caller checks the body length.
sdk::Json buttons_payload(const Recipient& to, const std::string& text, const std::vector<sdk::ReplyButton>& buttons);
// The configured template with the reply as its one body parameter, written as Meta accepts a
// parameter: no line breaks or tabs, no more than 4 spaces in a row, at most 1024 characters.
sdk::Json template_payload(const Recipient& to, const std::string& name, const std::string& language,
                           const std::string& text);
std::string template_parameter(const std::string& text);

// The payloads one free-form reply becomes: buttons when there are some and the text fits their
// body, else the text cut into pieces WhatsApp accepts.
std::vector<sdk::Json> free_form_payloads(const Recipient& to, const sdk::Reply& reply);

// messages[0].id of a send's answer; "" when absent.
std::string message_id_from(std::string_view body);

// 131047 (and the older 470): more than 24 hours since the customer last wrote.
bool is_window_error(const meta::GraphError& error);

}  // namespace leadhub::whatsapp
