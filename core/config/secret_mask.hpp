// Secret values hidden in text that leaves the process (invariant 7).
//
// Secrets are what the config names as such: every value that came from a `${NAME}` or
// `${file:path}` reference, every option a plugin's manifest marks secret, and admin.token (see
// config.hpp). They reach text in many ways: a plugin quotes its options in an error, an API echoes
// the request (with its token) in a 400 body, a config error quotes the bad value. So text is masked
// where it is produced or stored (a log line, an instance's failure, a reload's error, a dead
// letter's reason, a config error), always with mask_secret_values() below: one function, one rule.
#pragma once

#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

namespace leadhub::config {

// `text` with every occurrence of every secret of 4 characters or more replaced by "***".
// Shorter values ("1", "yes") would mask ordinary words. `secrets` must be longest first (see
// longest_first), so a secret that contains another is masked whole. The one masking function:
// Config::mask_secrets, SecretMask and load_config's error messages all call it.
std::string mask_secret_values(std::string text, const std::vector<std::string>& secrets);

// The secrets to mask for `values`: each value, and also its form inside a JSON string when that
// differs (a secret with a quote, a backslash or a line break, echoed back in JSON), longest
// first, without duplicates.
std::vector<std::string> secrets_to_mask(std::vector<std::string> values);

// A running hub's secrets: those of every config it loaded, refused ones included, and it never
// forgets one. So a reload that rotates a secret keeps the old value masked too (a call still
// running on the old instance, an error quoting it), and a refused config's error is masked with
// the secrets of that config, not only of the running one. Safe to use from any thread.
class SecretMask {
public:
    void add(const std::vector<std::string>& values);
    std::string apply(const std::string& text) const;

private:
    mutable std::shared_mutex mutex_;
    std::vector<std::string> values_;   // everything added, once each
    std::vector<std::string> secrets_;  // secrets_to_mask(values_)
};

using MaskFunction = std::function<std::string(const std::string&)>;

// `mask`'s apply() as a function, for the parts that must not know the config (the logger, the
// dispatcher, plugin processes). It shares the mask, so a call that outlives its owner is safe.
MaskFunction mask_function(std::shared_ptr<const SecretMask> mask);

}  // namespace leadhub::config
