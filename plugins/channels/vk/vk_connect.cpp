#include "vk_connect.hpp"

namespace leadhub::vk {

using sdk::Json;

const std::vector<std::string>& needed_event_types() {
    static const std::vector<std::string> types{"message_new", "message_reply", "message_deny"};
    return types;
}

namespace {
std::string manage_page(const VkOptions& options) {
    return "https://vk.com/club" + std::to_string(options.group_id) + "?act=api";
}
const char* kEventTypesLine =
    "Event types: tick \"Входящее сообщение\" (message_new), \"Исходящее сообщение\" (message_reply) and "
    "\"Запрет на получение сообщений\" (message_deny); leave the rest unticked";
const char* kMessagesLine =
    "Community → Управление → Сообщения: switch community messages on; under \"Настройки для бота\" switch "
    "\"Возможности ботов\" on so replies can carry buttons";
}  // namespace

Json callback_connect_steps(const VkOptions& options, const std::string& webhook_url) {
    const std::string url = webhook_url.empty() ? "https://<hub address>/hooks/<tenant>/<instance>" : webhook_url;
    Json steps = Json::array({
        std::string("VK cannot be connected from here with a messages-only token: do it once in the community's "
                    "settings (") + manage_page(options) + ")",
        kMessagesLine,
        "Управление → Работа с API → Callback API → Настройки сервера: API version " + options.api_version,
        "Address (Адрес): " + url,
        "Secret key (Секретный ключ): " + options.secret,
        "The string to be returned (Строка, которую должен вернуть сервер) must be " + options.confirmation_code +
            " (option confirmation_code); if VK shows another one, put it into the config and reload first",
        "Press \"Подтвердить\" (Confirm): the hub answers VK's check with that string",
        kEventTypesLine,
    });
    return {{"performed", false},
            {"steps", steps},
            {"url", url},
            {"api_version", options.api_version},
            {"confirmation_code", options.confirmation_code},
            {"event_types", needed_event_types()}};
}

Json longpoll_connect_steps(const VkOptions& options, const std::string& why) {
    Json steps = Json::array();
    if (!why.empty()) steps.push_back(why);
    steps.push_back("Open the community's settings: " + manage_page(options));
    steps.push_back(kMessagesLine);
    steps.push_back("Управление → Работа с API → Long Poll API: Long Poll API \"Включён\", API version " +
                    options.api_version);
    steps.push_back(kEventTypesLine);
    steps.push_back("No address is needed: the hub asks VK for events itself (mode longpoll)");
    return {{"performed", false}, {"steps", steps}, {"api_version", options.api_version},
            {"event_types", needed_event_types()}};
}

}  // namespace leadhub::vk
