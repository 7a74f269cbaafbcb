#include "mango_setup.hpp"

#include <leadhub/sdk/safe_text.hpp>

#include <stdexcept>

namespace leadhub::mango {

sdk::Json connect_steps(const std::string& webhook_url) {
    if (!(webhook_url.starts_with("https://") || webhook_url.starts_with("http://")) || !sdk::is_safe_text(webhook_url) ||
        webhook_url.find(' ') != std::string::npos)
        throw std::invalid_argument("connect needs \"webhook_url\": the hub's https://.../hooks/<tenant>/<instance> address");
    std::string base = webhook_url;
    while (!base.empty() && base.back() == '/') base.pop_back();  // Mango appends /events/... itself
    sdk::Json steps = sdk::Json::array({
        "Mango Office has no API for this: paste the address by hand.",
        "1. Sign in to the Mango Office personal account and open the VPBX (Виртуальная АТС) -> Integrations "
        "(Интеграции) -> API connection (API-подключение).",
        "2. Paste this base URL into \"External system address\" (Адрес внешней системы): " + base +
            " (Mango posts to " + base + "/events/summary, /events/call and so on by itself).",
        "3. Copy \"Unique code of your VPBX\" (Уникальный код вашей АТС) into the option vpbx_api_key and "
        "\"Signing key\" (Ключ для создания подписи) into vpbx_api_salt, then reload the hub's config.",
        "4. Save, then press \"Check connection\": the hub answers " + base + "/ping.",
        "5. Call the business number from another phone and hang up before anyone answers: a missed-call lead appears.",
    });
    return {{"performed", false},
            {"url", base},
            {"paths", {base + "/events/summary", base + "/events/call", base + "/ping"}},
            {"steps", std::move(steps)}};
}

}  // namespace leadhub::mango
