// The built-in Russian texts of every reply template, and which text applies on a channel: the
// channel's override, else the tenant's, else the built-in one. The names are
// config::reply_template_names(); the fields they use, config::reply_context_fields()
// (documented in docs/replies.md, filled in by reply_context.hpp).
#pragma once

#include "config/config.hpp"

#include <string>
#include <string_view>

namespace leadhub::conversation {

// The built-in text of template `name`, "" for a name that is not a template.
std::string_view default_template(std::string_view name);

// The text of template `name` for a reply on `channel` of `tenant`.
std::string_view template_for(const config::TenantConfig& tenant, const std::string& channel, const std::string& name);

}  // namespace leadhub::conversation
