// Shared helpers of the pipeline tests: a tenant as a config would give it, and a temporary
// directory for a real store.
#pragma once

#include "config/config.hpp"

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

class TempDir {
public:
    TempDir() {
        std::random_device random;
        auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
        path_ = std::filesystem::temp_directory_path() /
                ("leadhub-pipeline-test-" + std::to_string(stamp) + "-" + std::to_string(random()));
        std::filesystem::create_directories(path_);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

}  // namespace leadhub::pipeline::testing
