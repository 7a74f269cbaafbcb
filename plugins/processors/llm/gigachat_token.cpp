#include "gigachat_token.hpp"

#include <leadhub/sdk/safe_text.hpp>

#include <cstdio>
#include <random>

namespace leadhub::llm {

using sdk::Json;

namespace {

constexpr const char* kStateKey = "gigachat_token";
constexpr int64_t kTokenLifetimeMs = 30 * 60'000;  // documented lifetime, used when expires_at is absent

// FNV-1a: stable across builds and runs, unlike std::hash, and enough to tell keys apart.
std::string fingerprint_of(const std::string& text) {
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : text) {
        h ^= c;
        h *= 1099511628211ull;
    }
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

}  // namespace

sdk::HttpRequest gigachat_token_request(const LlmOptions& options, const std::string& rq_uid) {
    sdk::HttpRequest r;
    r.method = "POST";
    r.target = options.oauth_url;
    r.headers["Content-Type"] = "application/x-www-form-urlencoded";
    r.headers["Accept"] = "application/json";
    r.headers["RqUID"] = rq_uid;
    r.headers["Authorization"] = "Basic " + options.api_key;
    r.body = "scope=" + options.scope;
    r.timeout_ms = options.timeout_ms;
    return r;
}

std::variant<GigachatToken, ChatFailure> read_gigachat_token_response(const sdk::HttpResponse& r) {
    ChatFailure f;
    f.status = r.status;
    if (r.status == 0) {
        f.retryable = true;
        f.reason = "no answer from GigaChat's OAuth endpoint (timeout or network error): " + r.error;
        return f;
    }
    const Json body = sdk::parse_json(r.body);  // bounded depth; a deeper answer counts as not JSON
    if (r.status == 429 || r.status >= 500) {
        f.retryable = true;
        f.retry_after_ms = retry_after_ms(r.header("Retry-After"));
        f.reason = "GigaChat's OAuth endpoint answered HTTP " + std::to_string(r.status);
        return f;
    }
    if (r.status < 200 || r.status >= 300) {
        std::string said = sdk::escape_control(body.is_object() && body.contains("message") && body["message"].is_string()
                                                   ? body["message"].get<std::string>()
                                                   : r.body.substr(0, 200));
        f.reason = "GigaChat refused the authorization key (HTTP " + std::to_string(r.status) +
                   "; check api_key and scope): " + said;
        return f;
    }
    if (!body.is_object() || !body.contains("access_token") || !body["access_token"].is_string() ||
        body["access_token"].get<std::string>().empty()) {
        f.reason = "GigaChat's OAuth answer has no access_token";
        return f;
    }
    GigachatToken t;
    t.access_token = body["access_token"].get<std::string>();
    if (auto e = body.find("expires_at"); e != body.end() && e->is_number_integer()) {
        t.expires_at_ms = e->get<int64_t>();
        // Unix seconds are below 10^11 until the year 5138; milliseconds are above it since 1973.
        if (t.expires_at_ms < 100'000'000'000) t.expires_at_ms *= 1000;
    }
    return t;
}

std::string new_rq_uid() {
    thread_local std::mt19937_64 random{std::random_device{}()};
    uint64_t hi = random(), lo = random();
    hi = (hi & 0xffffffffffff0fffull) | 0x0000000000004000ull;  // version 4
    lo = (lo & 0x3fffffffffffffffull) | 0x8000000000000000ull;  // RFC 4122 variant
    char buf[37];
    std::snprintf(buf, sizeof buf, "%08llx-%04llx-%04llx-%04llx-%012llx", static_cast<unsigned long long>(hi >> 32),
                  static_cast<unsigned long long>((hi >> 16) & 0xffff), static_cast<unsigned long long>(hi & 0xffff),
                  static_cast<unsigned long long>(lo >> 48), static_cast<unsigned long long>(lo & 0xffffffffffffull));
    return buf;
}

GigachatTokenCache::GigachatTokenCache(sdk::Host host, LlmOptions options)
    : host_(host), options_(std::move(options)), fingerprint_(fingerprint_of(options_.api_key + "\n" + options_.scope)) {}

bool GigachatTokenCache::usable(const GigachatToken& t) const {
    return !t.access_token.empty() && host_.now_ms() + kTokenRefreshMarginMs < t.expires_at_ms;
}

std::optional<GigachatToken> GigachatTokenCache::from_state() const {
    auto text = host_.state_get(kStateKey);
    if (!text) return std::nullopt;
    const Json saved = sdk::parse_json(*text);
    if (!saved.is_object() || saved.value("key", std::string()) != fingerprint_) return std::nullopt;
    GigachatToken t;
    t.access_token = saved.value("access_token", std::string());
    t.expires_at_ms = saved.value("expires_at", int64_t{0});
    return t;
}

void GigachatTokenCache::to_state(const GigachatToken& t) const {
    const Json saved = {{"access_token", t.access_token}, {"expires_at", t.expires_at_ms}, {"key", fingerprint_}};
    if (!host_.state_put(kStateKey, saved.dump())) host_.warn("llm: could not save the GigaChat token in host state");
}

std::variant<std::string, ChatFailure> GigachatTokenCache::token() {
    std::lock_guard lock(mutex_);
    if (cached_ && usable(*cached_)) return cached_->access_token;
    if (!state_checked_) {
        state_checked_ = true;
        if (auto saved = from_state(); saved && usable(*saved)) {
            cached_ = saved;
            return cached_->access_token;
        }
    }
    host_.metric("llm_token_exchanges");
    auto result = read_gigachat_token_response(host_.http(gigachat_token_request(options_, new_rq_uid())));
    if (auto* failure = std::get_if<ChatFailure>(&result)) return *failure;
    GigachatToken fresh = std::get<GigachatToken>(result);
    if (fresh.expires_at_ms == 0) fresh.expires_at_ms = host_.now_ms() + kTokenLifetimeMs;
    cached_ = fresh;
    to_state(fresh);
    return fresh.access_token;
}

void GigachatTokenCache::invalidate(const std::string& rejected) {
    std::lock_guard lock(mutex_);
    state_checked_ = true;  // the saved copy is the same rejected token, or older
    if (cached_ && cached_->access_token == rejected) cached_.reset();
}

}  // namespace leadhub::llm
