// Exports the ABI version and the table but no manifest, as a library written without the
// LEADHUB_PLUGIN macro might.
#include <leadhub/sdk/abi.h>

extern "C" LEADHUB_EXPORT uint32_t leadhub_abi_version(void) { return LEADHUB_ABI_VERSION; }

extern "C" LEADHUB_EXPORT const lh_plugin_api* leadhub_plugin(void) { return nullptr; }
