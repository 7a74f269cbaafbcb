#include "zadarma_setup.hpp"

#include <leadhub/sdk/safe_text.hpp>

#include <stdexcept>

namespace leadhub::zadarma {

sdk::Json connect_steps(const std::string& webhook_url) {
    if (!(webhook_url.starts_with("https://") || webhook_url.starts_with("http://")) || !sdk::is_safe_text(webhook_url) ||
        webhook_url.find(' ') != std::string::npos)
        throw std::invalid_argument("connect needs \"webhook_url\": the hub's https://.../hooks/<tenant>/<instance> address");
    sdk::Json steps = sdk::Json::array({
        "Zadarma has no API for this: paste the address by hand.",
        "1. Sign in at https://my.zadarma.com and open Settings -> Integrations and API.",
        "2. Open \"PBX call notifications\" (Уведомления о звонках в АТС) and paste this URL: " + webhook_url,
        "3. Tick the events: NOTIFY_END (end of an incoming call) makes the lead; NOTIFY_START, NOTIFY_INTERNAL, "
        "NOTIFY_ANSWER, NOTIFY_OUT_START, NOTIFY_OUT_END, NOTIFY_RECORD and NOTIFY_IVR may stay ticked, the hub "
        "answers them and makes nothing of them.",
        "4. Save: Zadarma checks the URL at once with ?zd_echo=..., which the hub answers.",
        "5. On the tab \"API keys\" (Ключи API) copy the Secret into the option api_secret (and the Key into "
        "api_key if you like), then reload the hub's config.",
        "6. Call the business number from another phone and hang up before anyone answers: a missed-call lead appears.",
    });
    return {{"performed", false},
            {"url", webhook_url},
            {"events", {"NOTIFY_END"}},
            {"steps", std::move(steps)}};
}

}  // namespace leadhub::zadarma
