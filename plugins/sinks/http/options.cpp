#include "options.hpp"

#include <leadhub/sdk/text_template.hpp>

#include <stdexcept>

namespace leadhub::http_sink {

using sdk::OptionSpec;

const sdk::OptionSet<HttpSinkOptions>& http_sink_options() {
    static const sdk::OptionSet<HttpSinkOptions> set{
        OptionSpec::string("url", "Where each lead is sent, http:// or https://").is_required().bind(&HttpSinkOptions::url),
        OptionSpec::string("method", "HTTP method of the request: POST or PUT")
            .with_default("POST")
            .one_of({"POST", "PUT"})
            .bind(&HttpSinkOptions::method),
        OptionSpec::string_map("headers",
                               "Extra request headers, e.g. {\"Authorization\": \"Bearer ${CRM_TOKEN}\"}; "
                               "values are secrets")
            .is_secret()
            .with_default(sdk::Json::object())
            .bind(&HttpSinkOptions::headers),
        OptionSpec::integer("timeout_ms", "Whole-exchange timeout of one attempt, in milliseconds (100 to 120000)")
            .with_default(10000)
            .between(100, 120000)
            .bind(&HttpSinkOptions::timeout_ms),
        OptionSpec::string("idempotency_header",
                           "Header that carries the delivery's idempotency key, so the receiver can drop "
                           "repeats; empty: not sent")
            .with_default("Idempotency-Key")
            .bind(&HttpSinkOptions::idempotency_header),
        OptionSpec::string("body_format", "The body: json (application/json) or form (application/x-www-form-urlencoded)")
            .with_default("json")
            .one_of({"json", "form"})
            .bind(&HttpSinkOptions::body_format),
        OptionSpec::string_map("body_template",
                               "The body's fields, each a text template over the lead, e.g. {\"client\": \"{{name}}\", "
                               "\"manager\": \"{{assignee_name}}\", \"services\": \"{{service_names}}\"} "
                               "(docs/crm-and-notifiers.md); in json a value that is one {{path}} keeps its type; "
                               "empty: the whole delivery as JSON")
            .with_default(sdk::Json::object())
            .bind(&HttpSinkOptions::body_template),
    };
    return set;
}

namespace {

bool is_token_char(char c) {
    static const std::string specials = "!#$%&'*+-.^_`|~";
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || specials.find(c) != std::string::npos;
}

void check_header_name(const std::string& option, const std::string& name) {
    if (name.empty()) throw std::invalid_argument("option '" + option + "': a header name is empty");
    for (char c : name)
        if (!is_token_char(c))
            throw std::invalid_argument("option '" + option + "': '" + name + "' is not a valid header name");
}


}  // namespace

HttpSinkOptions read_http_sink_options(const sdk::Options& options) {
    HttpSinkOptions out = http_sink_options().read(options);
    if (!(out.url.starts_with("http://") || out.url.starts_with("https://")) || out.url.find_first_of(" \r\n") != std::string::npos)
        throw std::invalid_argument("option 'url' must be an http:// or https:// address without spaces, got '" + out.url + "'");
    for (const auto& [name, value] : out.headers) {
        check_header_name("headers", name);
        if (value.find_first_of("\r\n") != std::string::npos)
            throw std::invalid_argument("option 'headers': the value of '" + name + "' contains a line break");
    }
    if (!out.idempotency_header.empty()) check_header_name("idempotency_header", out.idempotency_header);
    for (const auto& [field, text] : out.body_template)
        if (auto problem = sdk::check_template(text))
            throw std::invalid_argument("option 'body_template': the template of '" + field + "': " + *problem);
    if (out.body_format == "form" && out.body_template.empty())
        throw std::invalid_argument("option 'body_format': form needs a body_template naming the form's fields");
    return out;
}

}  // namespace leadhub::http_sink
