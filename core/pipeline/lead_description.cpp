#include "pipeline/lead_description.hpp"

#include <map>

namespace leadhub::pipeline {

std::string channel_title(const std::string& channel) {
    static const std::map<std::string, std::string> titles = {
        {"telegram", "Telegram"}, {"whatsapp", "WhatsApp"}, {"instagram", "Instagram"}, {"vk", "ВКонтакте"},
        {"call", "Звонок"},       {"webform", "Сайт"},       {"email", "E-mail"},        {"avito", "Авито"}};
    auto it = titles.find(channel);
    return it == titles.end() ? channel : it->second;
}

void describe_lead(const config::TenantConfig& tenant, nlohmann::json& lead) {
    nlohmann::json names = nlohmann::json::array();
    if (auto services = lead.find("services"); services != lead.end() && services->is_array())
        for (const auto& id : *services) {
            if (!id.is_string()) continue;
            const auto* service = tenant.find_service(id.get<std::string>());
            names.push_back(service ? service->name : id.get<std::string>());
        }
    lead["service_names"] = std::move(names);
    lead["channel_title"] = channel_title(lead.value("channel", std::string()));
    lead["assignee_name"] = nullptr;
    lead["assignee_contacts"] = nlohmann::json::object();
    if (auto assignee = lead.find("assignee"); assignee != lead.end() && assignee->is_string()) {
        const auto* person = tenant.find_staff(assignee->get<std::string>());
        lead["assignee_name"] = person ? person->name : assignee->get<std::string>();
        if (person)
            for (const auto& [kind, value] : person->contacts)
                if (!lead["assignee_contacts"].contains(kind)) lead["assignee_contacts"][kind] = value;
    }
}

}  // namespace leadhub::pipeline
