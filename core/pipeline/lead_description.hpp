// What people call the things a lead names, from the tenant's config, added to the lead a sink or
// notifier is given (docs/crm-and-notifiers.md): so that no plugin reads the hub's config and an
// SMS says «маникюр», «Ольга», «ВКонтакте» instead of manicure, olga, vk.
#pragma once

#include "config/config.hpp"

#include <leadhub/sdk/json.hpp>

namespace leadhub::pipeline {

// Sets service_names, channel_title, assignee_name and assignee_contacts on `lead` (the JSON of
// store::Lead::to_json()). An id the config no longer has is shown as the id.
void describe_lead(const config::TenantConfig& tenant, nlohmann::json& lead);

// «Telegram», «ВКонтакте», «Звонок», «Сайт»; an unknown channel as its own name.
std::string channel_title(const std::string& channel);

}  // namespace leadhub::pipeline
