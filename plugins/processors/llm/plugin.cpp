// Registration only: the manifest, the factory and the C exports of the llm processor.
#include "llm_processor.hpp"
#include "options.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace {

leadhub::sdk::PluginInfo llm_info() {
    return {"llm", "1.0.0",
            "Reads customer messages with any OpenAI-compatible chat-completions model (OpenAI, YandexGPT, GigaChat, "
            "llama.cpp, Ollama)",
            {"processor"}, leadhub::llm::llm_options().specs(),
            // Paid APIs bill per token and limit requests per minute: a few calls at a time is plenty
            // for a small business, and the core never waits for this reading before replying. 40 s
            // covers GigaChat's slowest path: a token exchange and the chat call, each up to 8 s, twice.
            {{"rate_per_second", 2}, {"burst", 10}, {"concurrency", 2}, {"timeout_ms", 40000}}};
}

std::unique_ptr<leadhub::sdk::Instance> make_llm(const leadhub::sdk::Context& ctx) {
    return std::make_unique<leadhub::llm::LlmProcessor>(ctx);
}

}  // namespace

LEADHUB_PLUGIN(llm_info, make_llm)
