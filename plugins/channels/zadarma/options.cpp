#include "options.hpp"

#include <leadhub/sdk/ascii_text.hpp>

#include <stdexcept>

namespace leadhub::zadarma {

using sdk::OptionSpec;

const sdk::OptionSet<ZadarmaOptions>& zadarma_options() {
    static const sdk::OptionSet<ZadarmaOptions> set{
        OptionSpec::string("api_secret",
                           "The API key's Secret (personal account -> Settings -> Integrations and API -> Keys); "
                           "checks the Signature of every call notification")
            .is_required()
            .is_secret()
            .bind(&ZadarmaOptions::api_secret),
        OptionSpec::string("api_key", "The API key's Key from the same page (optional: only shown in the status)")
            .with_default("")
            .bind(&ZadarmaOptions::api_key),
    };
    return set;
}

ZadarmaOptions read_zadarma_options(const sdk::Options& options) {
    ZadarmaOptions out = zadarma_options().read(options);
    if (sdk::trim(out.api_secret).empty())
        throw std::invalid_argument("option 'api_secret' is empty: copy the Secret of your Zadarma API key");
    return out;
}

}  // namespace leadhub::zadarma
