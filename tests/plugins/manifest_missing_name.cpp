// Valid JSON that lacks the plugin's name.
#include <leadhub/sdk/abi.h>

extern "C" LEADHUB_EXPORT uint32_t leadhub_abi_version(void) { return LEADHUB_ABI_VERSION; }

extern "C" LEADHUB_EXPORT const char* leadhub_manifest(void) {
    return R"({"version":"1.0.0","kinds":["sink"],"options":[]})";
}

extern "C" LEADHUB_EXPORT const lh_plugin_api* leadhub_plugin(void) { return nullptr; }
