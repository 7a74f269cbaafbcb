#include "options.hpp"

#include <leadhub/sdk/types.hpp>

#include <stdexcept>

namespace leadhub::llm {

using sdk::OptionSpec;

const sdk::OptionSet<LlmOptions>& llm_options() {
    static const sdk::OptionSet<LlmOptions> set{
        OptionSpec::string("base_url", "Chat-completions API base; the plugin POSTs to <base_url>/chat/completions")
            .with_default("https://api.openai.com/v1")
            .bind(&LlmOptions::base_url),
        OptionSpec::string("api_key",
                           "API key (bearer, api_key) or GigaChat authorization key (gigachat_oauth); "
                           "give it as ${ENV_NAME}; empty for local servers")
            .is_secret()
            .bind(&LlmOptions::api_key),
        OptionSpec::string("model", "Model name, e.g. gpt-4o-mini, gpt://<folder_id>/yandexgpt/latest, GigaChat")
            .is_required()
            .bind(&LlmOptions::model),
        OptionSpec::integer("timeout_ms",
                            "Timeout of each HTTP exchange (the chat call; the token exchange), in milliseconds "
                            "(500 to 120000)")
            .with_default(8000)
            .between(500, 120000)
            .bind(&LlmOptions::timeout_ms),
        OptionSpec::string("response_format",
                           "How the answer is constrained: json_schema, json_object (JSON mode) or none")
            .with_default("json_schema")
            .bind_choice(&LlmOptions::response_format, {{"json_schema", ResponseFormat::json_schema},
                                                        {"json_object", ResponseFormat::json_object},
                                                        {"none", ResponseFormat::none}}),
        OptionSpec::number("temperature", "Sampling temperature, 0 to 2; 0 reads the same message the same way")
            .with_default(0)
            .between(0, 2)
            .bind(&LlmOptions::temperature),
        OptionSpec::integer("max_tokens", "Upper bound of answer tokens; not sent when unset")
            .between(16, 32000)
            .bind(&LlmOptions::max_tokens),
        OptionSpec::string("auth",
                           "Authorization scheme: bearer (Bearer key), api_key (YandexGPT Api-Key) or "
                           "gigachat_oauth (key exchanged for an access token)")
            .with_default("bearer")
            .bind_choice(&LlmOptions::auth, {{"bearer", AuthScheme::bearer},
                                             {"api_key", AuthScheme::api_key},
                                             {"gigachat_oauth", AuthScheme::gigachat_oauth}}),
        OptionSpec::string("oauth_url", "GigaChat OAuth endpoint (auth: gigachat_oauth)")
            .with_default("https://ngw.devices.sberbank.ru:9443/api/v2/oauth")
            .bind(&LlmOptions::oauth_url),
        OptionSpec::string("scope", "GigaChat API scope (auth: gigachat_oauth)")
            .with_default("GIGACHAT_API_PERS")
            .one_of({"GIGACHAT_API_PERS", "GIGACHAT_API_B2B", "GIGACHAT_API_CORP"})
            .bind(&LlmOptions::scope),
        OptionSpec::string_map("extra_headers", "Extra request headers, e.g. {\"x-folder-id\": \"<folder_id>\"} for YandexGPT")
            .with_default(sdk::Json::object())
            .bind(&LlmOptions::extra_headers),
    };
    return set;
}

namespace {


std::string checked_url(const std::string& option, std::string url) {
    if (!(url.starts_with("http://") || url.starts_with("https://")) || url.find_first_of(" \r\n\t") != std::string::npos)
        throw std::invalid_argument("option '" + option + "' must be an http:// or https:// address without spaces, got '" +
                                    url + "'");
    while (url.size() > 8 && url.back() == '/') url.pop_back();
    return url;
}

bool is_token_char(char c) {
    static const std::string specials = "!#$%&'*+-.^_`|~";
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || specials.find(c) != std::string::npos;
}

bool same_name(const std::string& a, const std::string& b) {
    return !sdk::CaseInsensitiveLess{}(a, b) && !sdk::CaseInsensitiveLess{}(b, a);
}

void check_headers(const std::map<std::string, std::string>& headers) {
    for (const auto& [name, value] : headers) {
        if (name.empty()) throw std::invalid_argument("option 'extra_headers': a header name is empty");
        for (char c : name)
            if (!is_token_char(c))
                throw std::invalid_argument("option 'extra_headers': '" + name + "' is not a valid header name");
        if (value.find_first_of("\r\n") != std::string::npos)
            throw std::invalid_argument("option 'extra_headers': the value of '" + name + "' contains a line break");
        if (same_name(name, "Authorization"))
            throw std::invalid_argument(
                "option 'extra_headers' must not set Authorization: put the key in 'api_key' (masked in logs) and "
                "choose 'auth'");
    }
}

}  // namespace

LlmOptions read_llm_options(const sdk::Options& options) {
    LlmOptions out = llm_options().read(options);
    out.base_url = checked_url("base_url", out.base_url);
    if (out.model.empty()) throw std::invalid_argument("option 'model' must not be empty");
    out.oauth_url = checked_url("oauth_url", out.oauth_url);
    check_headers(out.extra_headers);
    if (out.auth != AuthScheme::bearer && out.api_key.empty())
        throw std::invalid_argument("option 'api_key' is required with auth '" + options.str("auth") +
                                    "': give it as ${ENV_NAME}");
    return out;
}

}  // namespace leadhub::llm
