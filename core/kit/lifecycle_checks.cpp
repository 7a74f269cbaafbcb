#include "kit/checks.hpp"

namespace leadhub::kit {

namespace {

// Creates an instance with the suite's options or explains why it could not.
host::CreateResult create(const PluginUnderTest& plugin, std::string& problem) {
    auto created = make_instance(load_plugin(plugin), plugin.options);
    if (!created) problem = "create failed: " + created.error;
    return created;
}

Verdict check_create(const PluginUnderTest& plugin) {
    std::string problem;
    auto created = create(plugin, problem);
    if (!created) return fail(problem);
    created.instance.reset();  // destroy
    return pass();
}

Verdict check_start_stop(const PluginUnderTest& plugin) {
    std::string problem;
    auto created = create(plugin, problem);
    if (!created) return fail(problem);
    if (std::string error = created.instance->start(); !error.empty()) return fail("start failed: " + error);
    if (!created.instance->running()) return fail("the instance is not running after a successful start");
    created.instance->stop();
    if (created.instance->running()) return fail("the instance still runs after stop");
    created.instance.reset();
    return pass();
}

Verdict check_second_start(const PluginUnderTest& plugin) {
    std::string problem;
    auto created = create(plugin, problem);
    if (!created) return fail(problem);
    if (std::string error = created.instance->start(); !error.empty()) return fail("the first start failed: " + error);
    if (created.instance->start().empty()) return fail("a second start was accepted");
    created.instance->stop();
    if (created.instance->start().empty()) return fail("a start after stop was accepted");
    return pass();
}

Verdict check_stop_without_start(const PluginUnderTest& plugin) {
    std::string problem;
    auto created = create(plugin, problem);
    if (!created) return fail(problem);
    created.instance->stop();
    created.instance->stop();
    created.instance.reset();
    return pass();
}

Verdict check_two_instances(const PluginUnderTest& plugin) {
    auto library = load_plugin(plugin);
    auto first = make_instance(library, plugin.options);
    auto second = make_instance(library, plugin.options);
    if (!first || !second) return fail("create failed: " + (first ? second.error : first.error));
    if (std::string error = first.instance->start(); !error.empty()) return fail("the first instance did not start: " + error);
    if (std::string error = second.instance->start(); !error.empty())
        return fail("a second instance did not start next to the first: " + error);
    second.instance->stop();
    second.instance.reset();
    if (!first.instance->running()) return fail("stopping one instance stopped the other");
    first.instance->stop();
    return pass();
}

}  // namespace

std::vector<Check> lifecycle_checks(const PluginUnderTest&) {
    return {
        {"lifecycle: create and destroy with valid options", true, &check_create},
        {"lifecycle: start, then stop", true, &check_start_stop},
        {"lifecycle: a second start is refused", true, &check_second_start},
        {"lifecycle: stop without start is harmless", true, &check_stop_without_start},
        {"lifecycle: two instances run side by side", true, &check_two_instances},
    };
}

}  // namespace leadhub::kit
