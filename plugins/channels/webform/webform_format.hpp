// The mapping from a parsed form to the hub's Message, by the hub's web-form conventions:
// field aliases, UTM from utm_* fields or Tilda's TILDAUTM cookie, Tilda's tranid as the
// message id, phone to E.164, e-mail lower-cased, and every other field kept in extra.fields.
// Pure: no I/O.
#pragma once

#include "options.hpp"
#include "webform_body.hpp"

#include <leadhub/sdk/types.hpp>

#include <string_view>

namespace leadhub::webform {

// Which provider a body comes from, when the instance is configured with provider: auto.
// JSON bodies are "json"; a form carrying Tilda's own fields (tranid, formid, COOKIES, or its
// test=test probe) is "tilda"; any other form is "html".
Provider detect_provider(const FormData& data);

// Tilda's verification probe sent right after a webhook is connected: the body is test=test.
bool is_tilda_test(const FormData& data);

// UTM pairs from a Tilda COOKIES field: the TILDAUTM cookie, percent-encoded (once or more),
// holding "utm_source=yandex|||utm_medium=cpc|||". Only non-empty values; empty when none.
sdk::Utm utm_from_tilda_cookies(std::string_view cookies);

// Trimmed and lower-cased; nullopt when it is not shaped like an address (kept as raw_email).
std::optional<std::string> normalise_email(std::string_view raw);

struct MappedSubmission {
    sdk::Message message;
    bool empty = true;  // the customer left name, phone, e-mail and text all blank
};

// `provider` is the resolved one (tilda, html or json), recorded in extra.provider.
MappedSubmission map_submission(const FormData& data, Provider provider, const WebformOptions& options);

}  // namespace leadhub::webform
