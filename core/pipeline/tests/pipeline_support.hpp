// Shared helpers of the pipeline tests: a tenant as a config would give it, and a temporary
// directory for a real store.
#pragma once

#include "config/config.hpp"

#include <leadhub/sdk/testing/temp_dir.hpp>

#include <chrono>
#include <filesystem>
#include <random>
#include <string>

namespace leadhub::pipeline::testing {

inline config::TenantConfig salon_tenant() {
    config::TenantConfig t;
    t.id = "lilia";
    t.name = "Салон «Лилия»";
    t.timezone = "Asia/Krasnoyarsk";
    t.services = {{"haircut", "Стрижка", {"стрижка", "подстричь"}}, {"manicure", "Маникюр", {"маникюр", "ногти"}}};
    return t;
}

using sdk::testing::TempDir;  // the test kit's, the one temp-dir helper of every test

}  // namespace leadhub::pipeline::testing
