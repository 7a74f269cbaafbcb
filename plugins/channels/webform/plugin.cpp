// Registration only: the manifest, the factory and the C exports of the webform source.
#include "options.hpp"
#include "webform_source.hpp"

#include <leadhub/sdk/plugin.hpp>

namespace {

leadhub::sdk::PluginInfo webform_info() {
    return {"webform", "1.0.0",
            "Web forms: Tilda webhooks, plain HTML forms and JSON posts from a site, each submission a lead",
            {"source"},
            leadhub::webform::webform_options().specs()};
}

std::unique_ptr<leadhub::sdk::Instance> make_webform(const leadhub::sdk::Context& ctx) {
    return std::make_unique<leadhub::webform::WebformSource>(ctx);
}

}  // namespace

LEADHUB_PLUGIN(webform_info, make_webform)
