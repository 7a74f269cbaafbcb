// Shared helpers of the config tests: temporary files, a fake environment, fake plugin manifests.
#pragma once

#include "config/config.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace leadhub::config::testing {

// The checked-in YAML files of these tests.
std::string data_dir();

// A fresh directory under the system's temp dir, removed with everything in it on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    // Writes `text` to `name` (parent dirs created) and returns the file's full path.
    std::string write(const std::string& name, const std::string& text) const;

private:
    std::filesystem::path path_;
};

Environment fake_env(std::map<std::string, std::string> variables);

// Manifests as real plugins declare them through the SDK:
//   webform  (source):           token (string, secret, required)
//   http     (sink):             url (string, required), headers (string_map), api_key (secret),
//                                retries (integer 0..10), mode (normal|fast); defaults rate 5/s,
//                                burst 10, concurrency 3, timeout 20000 ms
//   telegram (source, notifier): bot_token (string, secret, required), chat_id (string)
std::vector<Json> fake_manifests();
ManifestLookup fake_lookup();

// Writes `yaml` as leadhub.yaml in `dir` and loads it with the fake manifests and `env`.
LoadResult load_text(const TempDir& dir, const std::string& yaml, const Environment& env = fake_env({}));

// True when the result has an error at exactly line:column whose message contains `text`.
bool has_error(const LoadResult& result, int line, int column, const std::string& text);

}  // namespace leadhub::config::testing
