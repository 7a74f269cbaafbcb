#include "conversation/reply_templates.hpp"

#include "reply_fixture.hpp"

#include <catch2/catch.hpp>

using namespace leadhub::conversation;
using namespace leadhub::conversation::testing;
using leadhub::config::reply_template_names;
using leadhub::config::reply_template_problem;

TEST_CASE("every template name has a built-in text that passes the config's own check") {
    for (const auto& name : reply_template_names()) {
        INFO(name);
        std::string text(default_template(name));
        CHECK_FALSE(text.empty());
        auto problem = reply_template_problem(name, text);
        CHECK(problem.value_or("") == "");
    }
    CHECK(default_template("first_spam").empty());
}

TEST_CASE("a channel's template beats the tenant's, which beats the built-in one") {
    auto tenant = salon();
    tenant.replies.templates["ask_name"] = "Ваше имя?";
    tenant.replies.channels["vk"].templates["ask_name"] = "Как вас зовут?";
    CHECK(template_for(tenant, "vk", "ask_name") == "Как вас зовут?");
    CHECK(template_for(tenant, "telegram", "ask_name") == "Ваше имя?");
    CHECK(template_for(tenant, "vk", "ask_phone") == default_template("ask_phone"));
}
