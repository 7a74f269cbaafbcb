#include "options.hpp"

#include <stdexcept>

namespace leadhub::webform {

using sdk::OptionSpec;

std::vector<OptionSpec> webform_option_specs() {
    return {
        OptionSpec::string("token",
                           "Secret the form's webhook URL carries as ?token=...; requests without it get 403. "
                           "Empty: no check (not recommended)")
            .is_secret()
            .with_default(""),
        OptionSpec::string("provider", "Body format: auto (tell Tilda from a plain form), tilda, html or json; "
                           "a fixed format refuses the other kind of body with 415")
            .with_default("auto")
            .one_of({"auto", "tilda", "html", "json"}),
        OptionSpec::string_map("field_map",
                               "Extra field aliases: the site's field name -> name, phone, email or text, "
                               "e.g. {\"Ваше имя\": \"name\"}")
            .with_default(sdk::Json::object()),
        OptionSpec::string_list("allowed_origins",
                                "Sites whose browsers may post directly (CORS), e.g. https://example.ru; "
                                "\"*\" allows any. Empty: no CORS answer, Origin not checked")
            .with_default(sdk::Json::array()),
        OptionSpec::string("phone_country",
                           "Country (ISO 3166 code) of numbers written without +: RU and KZ numbers are "
                           "normalised here, others are left to the hub")
            .with_default("RU"),
    };
}

namespace {
Provider provider_from(const std::string& text) {
    if (text == "tilda") return Provider::tilda;
    if (text == "html") return Provider::html;
    if (text == "json") return Provider::json;
    return Provider::automatic;
}

bool is_lead_field(const std::string& target) {
    return target == "name" || target == "phone" || target == "email" || target == "text";
}
}  // namespace

WebformOptions read_webform_options(const sdk::Options& options) {
    WebformOptions out;
    out.token = options.str("token");
    out.provider = provider_from(options.str("provider", "auto"));
    out.field_map = options.map("field_map");
    for (const auto& [field, target] : out.field_map) {
        if (!is_lead_field(target))
            throw std::invalid_argument("option 'field_map': field '" + field + "' maps to '" + target +
                                        "', expected one of name, phone, email, text");
    }
    out.allowed_origins = options.list("allowed_origins");
    out.phone_country = options.str("phone_country", "RU");
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
