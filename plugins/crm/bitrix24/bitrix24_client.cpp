#include "bitrix24_client.hpp"

#include <leadhub/sdk/safe_text.hpp>

namespace leadhub::bitrix24 {

using sdk::Json;

Client::Client(const sdk::Host& host, const Bitrix24Options& options) : host_(host), options_(options) {
    tokens_ = {options.access_token, options.refresh_token};
}

void Client::load_tokens() {
    if (options_.auth() != AuthMode::oauth) return;
    auto stored = host_.state_get(kStateKey);
    if (!stored) return;
    Json j = sdk::parse_json(*stored);
    Tokens t{sdk::string_member_or(j, "access_token"), sdk::string_member_or(j, "refresh_token")};
    if (t.refresh_token.empty()) {
        host_.warn("bitrix24: the stored OAuth tokens are unreadable; using the config's");
        return;
    }
    std::lock_guard lock(mutex_);
    tokens_ = t;
}

std::string Client::access_token() const {
    std::lock_guard lock(mutex_);
    return tokens_.access_token;
}

bool Client::store(const Tokens& tokens) const {
    return host_.state_put(kStateKey, sdk::dump({{"access_token", tokens.access_token}, {"refresh_token", tokens.refresh_token}}));
}

Answer Client::call_once(const std::string& method, const Json& params, const std::string& access_token, uint32_t timeout_ms) {
    sdk::HttpRequest request;
    request.method = "POST";
    Json body = params.is_object() ? params : Json::object();
    if (options_.auth() == AuthMode::webhook) {
        request.target = options_.webhook_url + method + ".json";
    } else {
        request.target = options_.portal_url + "rest/" + method + ".json";
        body["auth"] = access_token;
    }
    request.headers["Content-Type"] = "application/json";
    request.headers["Accept"] = "application/json";
    request.body = sdk::dump(body);
    request.timeout_ms = timeout_ms;
    std::optional<int64_t> reset;
    {
        std::lock_guard lock(mutex_);
        reset = operating_reset_at_s_;
    }
    Answer answer = read_answer(method, host_.http(request), host_.now_ms(), reset);
    if (answer.kind == Answer::Kind::ok && answer.operating_reset_at_s) {
        std::lock_guard lock(mutex_);
        operating_reset_at_s_ = answer.operating_reset_at_s;
    }
    return answer;
}

Answer Client::refresh(const std::string& used_access_token, std::string* access_token) {
    std::lock_guard serial(refresh_mutex_);
    Tokens current;
    {
        std::lock_guard lock(mutex_);
        current = tokens_;
    }
    if (current.access_token != used_access_token && !current.access_token.empty()) {
        *access_token = current.access_token;  // another call refreshed meanwhile
        return {};
    }
    sdk::HttpRequest request;
    request.method = "GET";
    request.target = refresh_url(options_, current.refresh_token);
    request.timeout_ms = options_.timeout_ms;
    TokenAnswer got = read_token_answer(host_.http(request));
    if (got.kind != TokenAnswer::Kind::ok) {
        Answer failed;
        failed.kind = got.kind == TokenAnswer::Kind::retry ? Answer::Kind::retry : Answer::Kind::permanent;
        failed.reason = got.reason;
        return failed;
    }
    // Stored before use: the old refresh token is spent, and a crash now must not lose the new one.
    if (!store(got.tokens))
        host_.error("bitrix24: could not store the refreshed OAuth tokens; they live in memory only until the next refresh");
    {
        std::lock_guard lock(mutex_);
        tokens_ = got.tokens;
        refreshed_at_ms_ = host_.now_ms();
    }
    host_.info("bitrix24: OAuth access token refreshed");
    host_.metric("bitrix24_token_refreshed");
    *access_token = got.tokens.access_token;
    return {};
}

Answer Client::call(const std::string& method, const Json& params, uint32_t timeout_ms) {
    std::string token = access_token();
    const bool oauth = options_.auth() == AuthMode::oauth;
    if (oauth && token.empty()) {  // the config gave only a refresh token: there is nothing to use yet
        Answer refreshed = refresh(token, &token);
        if (refreshed.kind != Answer::Kind::ok) return note(refreshed);
    }
    Answer answer = call_once(method, params, token, timeout_ms);
    if (answer.kind != Answer::Kind::expired_token) return note(answer);
    if (!oauth) {
        answer.kind = Answer::Kind::permanent;
        return note(answer);
    }
    Answer refreshed = refresh(token, &token);
    if (refreshed.kind != Answer::Kind::ok) return note(refreshed);
    answer = call_once(method, params, token, timeout_ms);
    if (answer.kind == Answer::Kind::expired_token) answer.kind = Answer::Kind::retry;  // expired again at once: later
    return note(answer);
}

Answer Client::note(Answer answer) {
    std::lock_guard lock(mutex_);
    if (answer.kind == Answer::Kind::ok) {
        last_success_at_ms_ = host_.now_ms();
    } else {
        last_error_ = answer.reason;
        last_error_at_ms_ = host_.now_ms();
    }
    return answer;
}

void Client::note_lost_event(const std::string& reason) {
    std::lock_guard lock(mutex_);
    ++events_lost_;
    last_error_ = reason;
    last_error_at_ms_ = host_.now_ms();
}

Json Client::connect(const std::string& code) {
    if (options_.auth() != AuthMode::oauth)
        return {{"auth", "webhook"}, {"connected", true}, {"steps", Json::array({"An inbound webhook needs no connecting: it works as soon as webhook_url is set"})}};
    if (code.empty())
        return {{"auth", "oauth"}, {"connected", false},
                {"steps", Json::array({"Open " + options_.portal_url + "oauth/authorize/?client_id=" + options_.client_id +
                                           " as the portal's administrator and allow access",
                                       "Within 30 s run: leadhub crm connect TENANT/INSTANCE --code <the code from the address bar>"})}};
    sdk::HttpRequest request;
    request.method = "GET";
    request.target = authorization_code_url(options_, code);
    request.timeout_ms = options_.timeout_ms;
    std::lock_guard serial(refresh_mutex_);
    TokenAnswer got = read_token_answer(host_.http(request));
    if (got.kind != TokenAnswer::Kind::ok) return {{"error", got.reason}};
    if (!store(got.tokens)) return {{"error", "the hub could not store the tokens: try again"}};
    std::lock_guard lock(mutex_);
    tokens_ = got.tokens;
    refreshed_at_ms_ = host_.now_ms();
    return {{"auth", "oauth"}, {"connected", true}};
}

Json Client::status() const {
    std::lock_guard lock(mutex_);
    auto or_null = [](int64_t v) { return v ? Json(v) : Json(nullptr); };
    const std::string& url = options_.auth() == AuthMode::webhook ? options_.webhook_url : options_.portal_url;
    const auto host_end = url.find('/', url.find("://") + 3);
    return {{"auth", options_.auth() == AuthMode::webhook ? "webhook" : "oauth"},
            {"portal", url.substr(0, host_end)},  // never the webhook's code: it is the credential
            {"last_success_at_ms", or_null(last_success_at_ms_)},
            {"last_error", last_error_.empty() ? Json(nullptr) : Json(last_error_)},
            {"last_error_at_ms", or_null(last_error_at_ms_)},
            {"token_refreshed_at_ms", or_null(refreshed_at_ms_)},
            {"events_lost", events_lost_}};
}

}  // namespace leadhub::bitrix24
