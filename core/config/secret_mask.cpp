#include "config/secret_mask.hpp"

#include <leadhub/sdk/json.hpp>

#include <algorithm>
#include <mutex>

namespace leadhub::config {

namespace {
constexpr std::size_t kMinMaskedLength = 4;
constexpr std::string_view kMasked = "***";
}  // namespace

std::string mask_secret_values(std::string text, const std::vector<std::string>& secrets) {
    for (const auto& secret : secrets) {
        if (secret.size() < kMinMaskedLength) continue;
        for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + kMasked.size()))
            text.replace(at, secret.size(), kMasked);
    }
    return text;
}

std::vector<std::string> secrets_to_mask(std::vector<std::string> values) {
    const std::size_t given = values.size();
    for (std::size_t i = 0; i < given; ++i) {
        std::string quoted = sdk::dump(sdk::Json(values[i]));
        std::string inside = quoted.substr(1, quoted.size() - 2);
        if (inside != values[i]) values.push_back(std::move(inside));
    }
    std::sort(values.begin(), values.end(), [](const std::string& a, const std::string& b) {
        return a.size() != b.size() ? a.size() > b.size() : a < b;
    });
    values.erase(std::unique(values.begin(), values.end()), values.end());
    return values;
}

void SecretMask::add(const std::vector<std::string>& values) {
    std::unique_lock lock(mutex_);
    for (const auto& value : values)
        if (std::find(values_.begin(), values_.end(), value) == values_.end()) values_.push_back(value);
    secrets_ = secrets_to_mask(values_);
}

std::string SecretMask::apply(const std::string& text) const {
    std::shared_lock lock(mutex_);
    return mask_secret_values(text, secrets_);
}

MaskFunction mask_function(std::shared_ptr<const SecretMask> mask) {
    return [mask = std::move(mask)](const std::string& text) { return mask->apply(text); };
}

}  // namespace leadhub::config
