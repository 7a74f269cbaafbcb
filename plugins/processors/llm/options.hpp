// The llm processor's options: declared once here, each bound to its field of LlmOptions (the
// manifest, validation, help, README table and the typed read all come from llm_options()).
#pragma once

#include <leadhub/sdk/options.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace leadhub::llm {

// How the endpoint is told who we are.
enum class AuthScheme {
    bearer,          // Authorization: Bearer <api_key> (OpenAI, llama.cpp, Ollama, YandexGPT IAM token)
    api_key,         // Authorization: Api-Key <api_key> (YandexGPT service-account API key)
    gigachat_oauth,  // api_key is GigaChat's authorization key, exchanged for a 30-minute access token
};

// What the request asks the server to constrain the answer to.
enum class ResponseFormat {
    json_schema,  // structured output with the reading's schema (OpenAI, llama.cpp, Ollama >= 0.5)
    json_object,  // JSON mode: any valid JSON, the prompt gives the shape (YandexGPT)
    none,         // no response_format at all, for servers that refuse the field
};

// No defaults here: they are the declarations' (llm_options().defaults() has them).
struct LlmOptions {
    std::string base_url;  // without a trailing slash
    std::string api_key;   // secret: never logged
    std::string model;
    uint32_t timeout_ms = 0;
    ResponseFormat response_format = ResponseFormat::json_schema;
    double temperature = 0;
    std::optional<int64_t> max_tokens;  // not sent unless set: some models refuse max_tokens
    AuthScheme auth = AuthScheme::bearer;
    std::string oauth_url;
    std::string scope;
    std::map<std::string, std::string> extra_headers;

    std::string chat_url() const { return base_url + "/chat/completions"; }
};

const sdk::OptionSet<LlmOptions>& llm_options();

// Reads validated options (defaults filled in). Throws std::invalid_argument, naming the option,
// for what the schema cannot catch: a URL that is not http(s), a bad header name or a line break
// in a header value, an Authorization header in extra_headers (the key belongs in api_key, which
// is masked), gigachat_oauth without an api_key.
LlmOptions read_llm_options(const sdk::Options& options);

}  // namespace leadhub::llm
