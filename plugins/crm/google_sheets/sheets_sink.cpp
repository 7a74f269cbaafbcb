#include "sheets_sink.hpp"

#include "sheets_api.hpp"

#include <Poco/Exception.h>

namespace leadhub::google_sheets {

namespace {

constexpr uint32_t kCallTimeoutMs = 10000;     // three calls at most fit the manifest's 30 s
constexpr int64_t kRenewBeforeMs = 5 * 60000;  // a token is renewed 5 minutes before Google ends it

bool is_2xx(const sdk::HttpResponse& r) { return r.status >= 200 && r.status < 300; }

}  // namespace

SheetsSink::SheetsSink(const sdk::Context& ctx)
    : Sink(ctx), options_(read_sheets_options(ctx.options)), account_(load_service_account(options_.key_file)) {}

std::optional<std::string> SheetsSink::token(std::optional<sdk::Outcome>& failed, bool fresh) {
    std::lock_guard lock(token_mutex_);
    const int64_t now = host().now_ms();
    if (!fresh && !token_.empty() && now < token_renew_at_ms_) return token_;
    token_.clear();
    sdk::HttpRequest request;
    request.method = "POST";
    request.target = options_.token_url;
    request.timeout_ms = kCallTimeoutMs;
    request.headers["Content-Type"] = "application/x-www-form-urlencoded";
    request.headers["Accept"] = "application/json";
    try {
        request.body = token_form(make_assertion(account_, options_.token_url, now / 1000));
    } catch (const Poco::Exception& e) {
        failed = sdk::Outcome::permanent("ключ сервисного аккаунта не подписывает: " + e.displayText());
        return std::nullopt;
    }
    sdk::HttpResponse response = host().http(request);
    auto answer = is_2xx(response) ? parse_token_answer(response.body) : std::nullopt;
    if (!answer) {
        failed = classify_token_failure(response);
        return std::nullopt;
    }
    token_ = answer->access_token;
    token_renew_at_ms_ = now + answer->expires_in_s * 1000 - kRenewBeforeMs;
    host().metric("google_sheets_token_minted");
    return token_;
}

sdk::HttpResponse SheetsSink::call(sdk::HttpRequest request, std::optional<sdk::Outcome>& failed) {
    request.timeout_ms = kCallTimeoutMs;
    request.headers["Accept"] = "application/json";
    sdk::HttpResponse response;
    for (int round = 0; round < 2; ++round) {
        auto bearer = token(failed, round > 0);
        if (!bearer) return {};
        request.headers["Authorization"] = "Bearer " + *bearer;
        response = host().http(request);
        // 401: the token expired or was revoked early; one fresh token, one more try.
        if (response.status != 401) break;
        host().warn("google_sheets " + name() + ": the access token was refused, minting a new one");
    }
    if (response.status == 401)
        failed = sdk::Outcome::permanent("Google Sheets не принял новый токен сервисного аккаунта " + account_.client_email +
                                         ": ключ отозван или у аккаунта нет доступа к Sheets API");
    return response;
}

sdk::Outcome SheetsSink::write_lead(const sdk::Delivery& delivery) {
    sdk::Json lead = delivery.payload.is_object() && delivery.payload.contains("lead") ? delivery.payload.at("lead") : delivery.lead.fields;
    if (!lead.is_object()) return sdk::Outcome::permanent("в доставке нет заявки (lead)");
    std::string key = sdk::string_member_or(lead, "key");
    if (key.empty()) {  // a hub older than the CRM contract: the same "<tenant>:<id>" it would send
        key = delivery.tenant + ":" + (lead.contains("id") ? sdk::detail::scalar_text(lead["id"]) : std::to_string(delivery.job_id));
        lead["key"] = key;
    }
    std::optional<sdk::Outcome> failed;
    if (delivery.attempt > 1) {
        // An earlier try may have been written with its answer lost: an append has no
        // idempotency key, so look for the lead's key before appending again.
        sdk::HttpRequest lookup;
        lookup.method = "GET";
        lookup.target = key_lookup_url(options_);
        sdk::HttpResponse found = call(lookup, failed);
        if (failed) return *failed;
        if (!is_2xx(found)) return classify_sheets_failure(found, account_.client_email);
        auto hit = find_key(found.body, key);
        if (!hit) return sdk::Outcome::retry("Google Sheets: ответ на чтение столбца " + options_.key_column + " не в формате Google");
        if (hit->row > 0) {
            const int first = std::max(1, column_number(range_first_column(options_.range)));
            const std::string row = std::to_string(hit->row);
            host().info("google_sheets " + name() + ": " + key + " is already in row " + row + ", not appended again");
            return sdk::Outcome::ok((hit->sheet.empty() ? "" : hit->sheet + "!") + column_letters(first) + row + ":" +
                                    column_letters(first + static_cast<int>(options_.columns.size()) - 1) + row);
        }
    }
    sdk::HttpRequest append;
    append.method = "POST";
    append.target = append_url(options_);
    append.headers["Content-Type"] = "application/json; charset=utf-8";
    append.body = append_body(render_row(options_.columns, lead));
    sdk::HttpResponse response = call(append, failed);
    if (failed) return *failed;
    if (!is_2xx(response)) return classify_sheets_failure(response, account_.client_email);
    auto range = parse_updated_range(response.body);
    // Probably written, but unconfirmed: the retry reads the key column before appending again.
    if (!range) return sdk::Outcome::retry("Google Sheets: ответ на добавление строки не в формате Google (HTTP " +
                                           std::to_string(response.status) + ")");
    return sdk::Outcome::ok(*range);
}

sdk::Outcome SheetsSink::deliver(const sdk::Delivery& delivery) {
    if (delivery.kind != "lead")
        return logged(delivery, sdk::Outcome::permanent("google_sheets пишет только заявки, не '" + delivery.kind + "'"));
    if (delivery.payload.is_object() && delivery.payload.value("event", std::string()) == "message_added") {
        // One row per lead: a later message of the conversation is not a new row. The id the
        // first delivery returned is answered again, so the lead's external_ids keep it.
        const sdk::Json& lead = delivery.payload.contains("lead") ? delivery.payload.at("lead") : delivery.lead.fields;
        std::string mine;
        if (lead.is_object() && lead.contains("external_ids") && lead["external_ids"].is_object())
            mine = sdk::string_member_or(lead["external_ids"], delivery.sink.c_str());
        return sdk::Outcome::ok(mine);
    }
    return logged(delivery, write_lead(delivery));
}

sdk::Outcome SheetsSink::logged(const sdk::Delivery& delivery, sdk::Outcome outcome) {
    const std::string job = "google_sheets " + name() + ": job " + std::to_string(delivery.job_id) + " attempt " +
                            std::to_string(delivery.attempt) + " -> ";
    switch (outcome.kind) {
        case sdk::Outcome::Kind::ok:
            host().debug(job + "row " + outcome.external_id);
            host().metric("google_sheets_ok");
            break;
        case sdk::Outcome::Kind::retry:
            host().warn(job + "will retry: " + outcome.reason);
            host().metric("google_sheets_retry");
            break;
        case sdk::Outcome::Kind::permanent:
            host().error(job + "failed: " + outcome.reason);
            host().metric("google_sheets_permanent");
            break;
    }
    return outcome;
}

}  // namespace leadhub::google_sheets
