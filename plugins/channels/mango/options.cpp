#include "options.hpp"

#include <leadhub/sdk/ascii_text.hpp>

#include <stdexcept>

namespace leadhub::mango {

using sdk::OptionSpec;

const sdk::OptionSet<MangoOptions>& mango_options() {
    static const sdk::OptionSet<MangoOptions> set{
        OptionSpec::string("vpbx_api_key",
                           "The VPBX's unique code (Integrations -> API connection: \"Уникальный код вашей АТС\"); "
                           "every event must carry it")
            .is_required()
            .bind(&MangoOptions::vpbx_api_key),
        OptionSpec::string("vpbx_api_salt",
                           "The signing key from the same page (\"Ключ для создания подписи\"); checks the sign of "
                           "every event")
            .is_required()
            .is_secret()
            .bind(&MangoOptions::vpbx_api_salt),
    };
    return set;
}

MangoOptions read_mango_options(const sdk::Options& options) {
    MangoOptions out = mango_options().read(options);
    if (sdk::trim(out.vpbx_api_key).empty())
        throw std::invalid_argument("option 'vpbx_api_key' is empty: copy the VPBX's unique code from Mango Office");
    if (sdk::trim(out.vpbx_api_salt).empty())
        throw std::invalid_argument("option 'vpbx_api_salt' is empty: copy the signing key from Mango Office");
    return out;
}

}  // namespace leadhub::mango
