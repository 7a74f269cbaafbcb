// The JSON shapes of the hub <-> plugin-host protocol that the SDK does not already define.
// Deliveries, outcomes, messages and webhook results cross as the SDK's own JSON (sdk/types.hpp);
// only an inbound HTTP request needs a shape here, because its body is raw bytes (a signature is
// checked over them) that JSON text cannot carry as they are: it travels base64-encoded. A
// webhook answer, as the child's host checked it, goes back in the shape of the SDK's
// WebhookResult.
#pragma once

#include "host/webhook_answer.hpp"

#include <leadhub/sdk/types.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace leadhub::isolation {

nlohmann::json request_to_wire(const sdk::HttpRequest& request);
// Throws std::exception on a message that is not a request written by request_to_wire.
sdk::HttpRequest request_from_wire(const nlohmann::json& wire);

// The JSON of sdk::to_json(WebhookResult) for an answer; host::webhook_answer_from_text reads it.
nlohmann::json answer_to_wire(const host::WebhookAnswer& answer);

std::string base64_encode(const std::string& bytes);
// Throws std::exception on text that is not base64.
std::string base64_decode(const std::string& text);

}  // namespace leadhub::isolation
