#include "webform_source.hpp"

#include "webform_body.hpp"
#include "webform_format.hpp"

#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/safe_text.hpp>

namespace leadhub::webform {

WebformSource::WebformSource(const sdk::Context& ctx) : Source(ctx), options_(read_webform_options(ctx.options)) {}

bool WebformSource::origin_allowed(const std::string& origin) const {
    // A real origin is scheme://host[:port]; one with control characters is not echoed back in
    // Access-Control-Allow-Origin, even when any origin is allowed.
    if (!sdk::is_safe_text(origin)) return false;
    for (const auto& allowed : options_.allowed_origins)
        if (allowed == "*" || allowed == origin) return true;
    return false;
}

sdk::WebhookResult WebformSource::refuse(const sdk::HttpRequest& request, int status, std::string reason) const {
    // The answer and the log line quote the request: the reasons escape what they quote, and
    // escaping once more here (escape_control leaves escaped text as it is) keeps any reason,
    // and the method, to one line whatever the request held.
    reason = sdk::escape_control(reason);
    host().warn("webform " + name() + ": refused " + sdk::escape_control(request.method) + " from " +
                sdk::escape_control(request.remote_addr) + " with " + std::to_string(status) + ": " + reason);
    host().metric("webform_refused");
    return sdk::WebhookResult::reject(status, std::move(reason));
}

sdk::WebhookResult WebformSource::on_webhook(const sdk::HttpRequest& request) {
    if (!options_.token.empty() && !constant_time_equals(sdk::form_value(sdk::parse_form(request.query), "token"), options_.token))
        return refuse(request, 403, "forbidden: wrong or missing token");

    // Browsers say where a form was posted from; server-to-server posts (Tilda) carry no Origin
    // and are not subject to CORS.
    const bool cors = !options_.allowed_origins.empty();
    const std::string origin = request.header("Origin");
    if (cors && !origin.empty() && !origin_allowed(origin))
        return refuse(request, 403, "origin not allowed: " + sdk::escape_control(origin));
    sdk::Headers cors_headers;
    if (cors && !origin.empty()) {
        cors_headers["Access-Control-Allow-Origin"] = origin;
        cors_headers["Vary"] = "Origin";
    }

    if (cors && request.method == "OPTIONS") {  // a fetch() preflight before a JSON post
        sdk::WebhookResult preflight;
        preflight.status = 204;
        preflight.body.clear();
        preflight.headers = cors_headers;
        preflight.headers["Access-Control-Allow-Methods"] = "POST, OPTIONS";
        preflight.headers["Access-Control-Allow-Headers"] = "Content-Type";
        preflight.headers["Access-Control-Max-Age"] = "86400";
        return preflight;
    }
    if (request.method != "POST") {
        auto r = refuse(request, 405, "method not allowed: forms are sent with POST");
        r.headers = cors_headers;
        r.headers["Allow"] = cors ? "POST, OPTIONS" : "POST";
        return r;
    }

    ParsedBody parsed = parse_body(request.header("Content-Type"), request.body);
    if (!parsed.data) return refuse(request, parsed.status, parsed.error);
    const FormData& data = *parsed.data;

    Provider provider = options_.provider == Provider::automatic ? detect_provider(data) : options_.provider;
    if (provider == Provider::json && data.kind != BodyKind::json)
        return refuse(request, 415, "this form endpoint expects a JSON body (provider: json)");
    if (provider != Provider::json && data.kind == BodyKind::json)
        return refuse(request, 415, std::string("this form endpoint expects a form body (provider: ") + to_string(provider) + ")");

    sdk::WebhookResult result;
    result.headers = cors_headers;
    if (provider == Provider::tilda && is_tilda_test(data)) {
        host().info("webform " + name() + ": Tilda webhook verification answered");
        return result;
    }
    MappedSubmission mapped = map_submission(data, provider, options_);
    if (mapped.empty) return refuse(request, 422, "empty submission: no name, phone, email or message");
    result.messages.push_back(std::move(mapped.message));
    host().metric("webform_leads");
    return result;
}

}  // namespace leadhub::webform
