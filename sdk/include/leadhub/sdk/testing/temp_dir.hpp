// A fresh directory under the system's temp dir for one test, removed with everything in it when
// the test ends. The one temp-dir helper of plugin tests and of the hub's own tests.
//
//   leadhub::sdk::testing::TempDir dir("leadhub-file-sink");
//   std::string path = dir.file("leads.jsonl");         // or dir / "leads.jsonl"
//   dir.write("conf/app.yaml", "a: 1\n");                // parent folders created
#pragma once

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>
#include <system_error>

namespace leadhub::sdk::testing {

class TempDir {
public:
    // The name is <prefix>-<pid>-<counter>-<random>: unique across parallel test processes and
    // within one, and a leftover of a crashed run never collides with a new one.
    explicit TempDir(const std::string& prefix = "leadhub-test") {
        static std::atomic<unsigned> counter{0};
        std::random_device random;
        path_ = std::filesystem::temp_directory_path() /
                (prefix + "-" + std::to_string(::getpid()) + "-" + std::to_string(++counter) + "-" + std::to_string(random()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }

    // The full path of `name` inside the directory (not created).
    std::string file(const std::string& name) const { return (path_ / name).string(); }
    std::string operator/(const std::string& name) const { return file(name); }

    // Writes `text` to `name` (parent folders created) and returns the file's full path.
    std::string write(const std::string& name, const std::string& text) const {
        const std::filesystem::path target = path_ / name;
        std::filesystem::create_directories(target.parent_path());
        std::ofstream out(target, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out.flush()) throw std::runtime_error("TempDir: cannot write " + target.string());
        return target.string();
    }

private:
    std::filesystem::path path_;
};

}  // namespace leadhub::sdk::testing
