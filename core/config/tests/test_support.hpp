// Shared helpers of the config tests: temporary files, a fake environment, fake plugin manifests.
#pragma once

#include "config/config.hpp"

#include <leadhub/sdk/testing/temp_dir.hpp>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace leadhub::config::testing {

// The checked-in YAML files of these tests.
std::string data_dir();

// The test kit's temp dir (write() puts a file in it), the one helper of every test.
using sdk::testing::TempDir;

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
