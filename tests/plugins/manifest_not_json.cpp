// A manifest that is not JSON at all.
#include <leadhub/sdk/abi.h>

extern "C" LEADHUB_EXPORT uint32_t leadhub_abi_version(void) { return LEADHUB_ABI_VERSION; }

extern "C" LEADHUB_EXPORT const char* leadhub_manifest(void) { return "name: test-not-json, kinds: [sink"; }

extern "C" LEADHUB_EXPORT const lh_plugin_api* leadhub_plugin(void) { return nullptr; }
