// A sink that delivers normally except on a "trigger" input, where it misbehaves the way a broken
// third-party plugin does. The isolation tests run these with `isolation: process`; each .cpp of
// a misbehaving plugin defines only its name and what it does when triggered.
//
// Option `trigger`: a piece of text; a lead whose text contains it sets the plugin off. Empty (the
// default) sets it off on every delivery.
#pragma once

#include <leadhub/sdk/sdk.hpp>

#include <string>

namespace misbehaving {

using namespace leadhub::sdk;

template <void (*Misbehave)()>
class MisbehavingSink final : public Sink {
public:
    explicit MisbehavingSink(const Context& ctx) : Sink(ctx) {}

    Outcome deliver(const Delivery& delivery) override {
        const std::string trigger = options().str("trigger");
        if (trigger.empty() || delivery.lead.text.value_or("").find(trigger) != std::string::npos) Misbehave();
        host().metric("misbehaving.delivered");
        return Outcome::ok("delivered-" + std::to_string(delivery.job_id));
    }
};

inline PluginInfo info(const char* name, const char* what) {
    return {name, "1.0.0", what, {"sink"},
            {OptionSpec::string("trigger", "text that sets the plugin off; empty: every delivery").with_default("")}};
}

}  // namespace misbehaving

// Defines the plugin's exports: its manifest name, its description and what it does when set off.
#define LEADHUB_MISBEHAVING_SINK(NAME, WHAT, MISBEHAVE)                                                       \
    namespace {                                                                                             \
    leadhub::sdk::PluginInfo plugin_info() { return misbehaving::info(NAME, WHAT); }                        \
    std::unique_ptr<leadhub::sdk::Instance> make(const leadhub::sdk::Context& ctx) {                        \
        return std::make_unique<misbehaving::MisbehavingSink<MISBEHAVE>>(ctx);                              \
    }                                                                                                       \
    }                                                                                                       \
    LEADHUB_PLUGIN(plugin_info, make)
