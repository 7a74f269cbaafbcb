// Built against a "future" ABI. The host must refuse it after reading the version alone: if the
// manifest or the table is ever read, this library leaves a mark in the environment the tests check.
#include <leadhub/sdk/abi.h>

#include <cstdlib>

namespace {
void leave_mark(const char* which) { setenv("LEADHUB_TEST_WRONG_ABI_TOUCHED", which, 1); }
}  // namespace

extern "C" LEADHUB_EXPORT uint32_t leadhub_abi_version(void) { return LEADHUB_ABI_VERSION + 6; }

extern "C" LEADHUB_EXPORT const char* leadhub_manifest(void) {
    leave_mark("leadhub_manifest");
    return R"({"name":"test-wrong-abi","version":"1.0.0","kinds":["sink"],"options":[]})";
}

extern "C" LEADHUB_EXPORT const lh_plugin_api* leadhub_plugin(void) {
    leave_mark("leadhub_plugin");
    return nullptr;
}
