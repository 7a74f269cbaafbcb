#include "amocrm_webhook.hpp"

#include <leadhub/sdk/form.hpp>
#include <leadhub/sdk/safe_text.hpp>

#include <algorithm>

namespace leadhub::amocrm {

namespace {

bool all_digits(const std::string& s) {
    if (s.empty() || s.size() > 19) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// "leads[status][3][status_id]" -> index "3", field "status_id"; false for any other key.
bool split_status_key(const std::string& key, std::string& index, std::string& field) {
    static const std::string prefix = "leads[status][";
    if (!key.starts_with(prefix)) return false;
    auto close = key.find(']', prefix.size());
    if (close == std::string::npos || close + 1 >= key.size() || key[close + 1] != '[' || key.back() != ']') return false;
    index = key.substr(prefix.size(), close - prefix.size());
    field = key.substr(close + 2, key.size() - close - 3);
    return field.find_first_of("[]") == std::string::npos;
}

}  // namespace

StatusWebhook parse_status_webhook(std::string_view body) {
    StatusWebhook out;
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        out.error = "empty body: expected amoCRM's form leads[status][0][id]=...";
        return out;
    }
    std::vector<std::string> order;
    std::map<std::string, StatusChange> by_index;
    for (const auto& [key, value] : sdk::parse_form(body)) {
        if (key == "account[id]") out.account_id = value;
        else if (key == "account[subdomain]") out.subdomain = value;
        std::string index, field;
        if (!split_status_key(key, index, field)) continue;
        if (!by_index.count(index)) order.push_back(index);
        StatusChange& c = by_index[index];
        if (field == "id") c.lead_id = value;
        else if (field == "status_id") c.status_id = value;
        else if (field == "pipeline_id") c.pipeline_id = value;
        else if (field == "old_status_id") c.old_status_id = value;
        else if (field == "old_pipeline_id") c.old_pipeline_id = value;
        else if (field == "modified_user_id") c.modified_user_id = value;
    }
    // amoCRM's index is a list position: [0], [1], ... in that order, whatever order the keys came in.
    std::stable_sort(order.begin(), order.end(), [](const std::string& a, const std::string& b) {
        return a.size() != b.size() ? a.size() < b.size() : a < b;
    });
    for (const auto& index : order) {
        const StatusChange& c = by_index[index];
        if (!all_digits(c.lead_id) || !all_digits(c.status_id)) {
            out.error = "leads[status][" + sdk::escape_control(index.substr(0, 20)) +
                        "] needs a numeric id and status_id";
            out.changes.clear();
            return out;
        }
        out.changes.push_back(c);
    }
    return out;
}

std::vector<sdk::Message> status_messages(const StatusWebhook& hook, const std::map<std::string, std::string>& status_map,
                                          const std::string& request_id) {
    std::vector<sdk::Message> out;
    for (const auto& c : hook.changes) {
        auto mapped = status_map.find(c.status_id);
        if (mapped == status_map.end()) continue;
        sdk::Message m;
        m.channel = "crm";
        m.event = sdk::MessageEvent::lead_status;
        m.external_message_id = "status:" + c.lead_id + ":" + c.status_id + ":" + request_id;
        sdk::LeadStatusUpdate u;
        u.external_id = c.lead_id;
        u.status = mapped->second;
        u.crm_status = c.status_id;
        u.changed_by = c.modified_user_id;
        m.lead_status = u;
        m.extra = {{"provider", "amocrm"}, {"pipeline_id", c.pipeline_id}, {"old_status_id", c.old_status_id},
                   {"old_pipeline_id", c.old_pipeline_id}, {"account_id", hook.account_id}};
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace leadhub::amocrm
