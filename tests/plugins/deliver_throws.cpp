// A hand-written table (no SDK macro) whose deliver lets a C++ exception escape across the C
// boundary: the host's last line of defence must turn it into a retryable outcome.
#include <leadhub/sdk/abi.h>

#include <stdexcept>

namespace {

int instance_token = 0;

lh_status create(const lh_host_api*, const char*, const char*, void** instance, lh_write_fn, void*) {
    *instance = &instance_token;
    return LH_OK;
}

void destroy(void*) {}

void deliver(void*, const char*, size_t, lh_write_fn, void*) { throw std::runtime_error("deliver exploded on purpose"); }

}  // namespace

extern "C" LEADHUB_EXPORT uint32_t leadhub_abi_version(void) { return LEADHUB_ABI_VERSION; }

extern "C" LEADHUB_EXPORT const char* leadhub_manifest(void) {
    return R"({"name":"test-deliver-throws","version":"1.0.0","kinds":["sink"],"options":[]})";
}

extern "C" LEADHUB_EXPORT const lh_plugin_api* leadhub_plugin(void) {
    static const lh_plugin_api table = {sizeof(lh_plugin_api), &create, &destroy, nullptr, nullptr,
                                        nullptr, &deliver, nullptr, nullptr};
    return &table;
}
