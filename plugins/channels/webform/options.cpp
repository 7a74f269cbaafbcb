#include "options.hpp"

#include <stdexcept>

namespace leadhub::webform {

using sdk::OptionSpec;

const sdk::OptionSet<WebformOptions>& webform_options() {
    static const sdk::OptionSet<WebformOptions> set{
        OptionSpec::string("token",
                           "Secret the form's webhook URL carries as ?token=...; requests without it get 403. "
                           "Empty: no check (not recommended)")
            .is_secret()
            .with_default("")
            .bind(&WebformOptions::token),
        OptionSpec::string("provider", "Body format: auto (tell Tilda from a plain form), tilda, html or json; "
                           "a fixed format refuses the other kind of body with 415")
            .with_default("auto")
            .bind_choice(&WebformOptions::provider, {{"auto", Provider::automatic},
                                                     {"tilda", Provider::tilda},
                                                     {"html", Provider::html},
                                                     {"json", Provider::json}}),
        OptionSpec::string_map("field_map",
                               "Extra field aliases: the site's field name -> name, phone, email or text, "
                               "e.g. {\"Ваше имя\": \"name\"}")
            .with_default(sdk::Json::object())
            .bind(&WebformOptions::field_map),
        OptionSpec::string_list("allowed_origins",
                                "Sites whose browsers may post directly (CORS), e.g. https://example.ru; "
                                "\"*\" allows any. Empty: no CORS answer, Origin not checked")
            .with_default(sdk::Json::array())
            .bind(&WebformOptions::allowed_origins),
        OptionSpec::string("phone_country",
                           "Country (ISO 3166 code) of numbers written without +: RU and KZ numbers are "
                           "normalised here, others are left to the hub")
            .with_default("RU")
            .bind(&WebformOptions::phone_country),
    };
    return set;
}

namespace {
bool is_lead_field(const std::string& target) {
    return target == "name" || target == "phone" || target == "email" || target == "text";
}
}  // namespace

WebformOptions read_webform_options(const sdk::Options& options) {
    WebformOptions out = webform_options().read(options);
    for (const auto& [field, target] : out.field_map) {
        if (!is_lead_field(target))
            throw std::invalid_argument("option 'field_map': field '" + field + "' maps to '" + target +
                                        "', expected one of name, phone, email, text");
    }
    if (out.phone_country.empty()) out.phone_country = "RU";
    return out;
}

const char* to_string(Provider provider) {
    switch (provider) {
        case Provider::tilda: return "tilda";
        case Provider::html: return "html";
        case Provider::json: return "json";
        case Provider::automatic: return "auto";
    }
    return "auto";
}

}  // namespace leadhub::webform
