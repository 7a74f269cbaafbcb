// Options bound to the fields of a plugin's struct: one declaration gives the specs and the read.
#include <catch2/catch.hpp>

#include <leadhub/sdk/option_set.hpp>

#include <chrono>

using namespace leadhub::sdk;

namespace {

enum class Mode { normal, fast };

struct Demo {
    std::string url;
    int64_t retries;
    uint32_t timeout_ms;
    std::chrono::milliseconds pause;
    double ratio;
    bool verbose;
    std::vector<std::string> tags;
    std::map<std::string, std::string> headers;
    Mode mode;
    std::optional<int64_t> max_tokens;
    char delimiter;
};

const OptionSet<Demo>& demo_options() {
    static const OptionSet<Demo> set{
        OptionSpec::string("url", "Where to POST").is_required().bind(&Demo::url),
        OptionSpec::integer("retries", "How often").with_default(3).between(0, 10).bind(&Demo::retries),
        OptionSpec::integer("timeout_ms", "Timeout").with_default(10000).bind(&Demo::timeout_ms),
        OptionSpec::integer("pause_ms", "Pause between tries").with_default(250).bind(&Demo::pause),
        OptionSpec::number("ratio", "A share").with_default(0.5).bind(&Demo::ratio),
        OptionSpec::boolean("verbose", "Talk more").with_default(true).bind(&Demo::verbose),
        OptionSpec::string_list("tags", "Labels").with_default(Json::array({"a", "b"})).bind(&Demo::tags),
        OptionSpec::string_map("headers", "Extra headers").bind(&Demo::headers),
        OptionSpec::string("mode", "Speed").with_default("normal").bind_choice(&Demo::mode, {{"normal", Mode::normal}, {"fast", Mode::fast}}),
        OptionSpec::integer("max_tokens", "Bound, unset by default").bind(&Demo::max_tokens),
        OptionSpec::string("delimiter", "comma or tab").with_default("comma").one_of({"comma", "tab"})
            .bind(&Demo::delimiter, [](const Json& v) { return v.get<std::string>() == "tab" ? '\t' : ','; }),
    };
    return set;
}

}  // namespace

TEST_CASE("an option set gives the specs in declaration order, choices from the enum's names") {
    auto specs = demo_options().specs();
    REQUIRE(specs.size() == 11);
    CHECK(specs[0].name == "url");
    CHECK(specs[0].required);
    CHECK(specs[8].choices == std::vector<std::string>{"normal", "fast"});
    CHECK(options_schema(specs)[1]["default"] == 3);
}

TEST_CASE("read takes each value from the options, else the declared default") {
    Demo d = demo_options().read(Options(Json{{"url", "http://crm"}, {"retries", 5}, {"mode", "fast"}, {"max_tokens", 64},
                                              {"headers", {{"X-A", "1"}}}, {"delimiter", "tab"}}));
    CHECK(d.url == "http://crm");
    CHECK(d.retries == 5);
    CHECK(d.timeout_ms == 10000u);
    CHECK(d.pause == std::chrono::milliseconds(250));
    CHECK(d.ratio == 0.5);
    CHECK(d.verbose);
    CHECK(d.tags == std::vector<std::string>{"a", "b"});
    CHECK(d.headers.at("X-A") == "1");
    CHECK(d.mode == Mode::fast);
    CHECK(d.max_tokens == 64);
    CHECK(d.delimiter == '\t');

    Demo defaults = demo_options().read(Options(Json{{"url", "http://crm"}}));
    CHECK(defaults.mode == Mode::normal);
    CHECK_FALSE(defaults.max_tokens.has_value());
    CHECK(defaults.headers.empty());
    CHECK(defaults.delimiter == ',');

    Demo declared = demo_options().defaults();  // no url needed: only what the declarations say
    CHECK(declared.url.empty());
    CHECK(declared.retries == 3);
    CHECK(declared.mode == Mode::normal);
}

TEST_CASE("read refuses a missing required option and a wrong type with the option's name") {
    CHECK_THROWS_WITH(demo_options().read(Options(Json::object())), "option 'url' is required: Where to POST");
    CHECK_THROWS_WITH(demo_options().read(Options(Json{{"url", "u"}, {"retries", "five"}})),
                      "option 'retries' must be a whole number, got \"five\"");
    CHECK_THROWS_WITH(demo_options().read(Options(Json{{"url", "u"}, {"mode", "slow"}})),
                      "option 'mode' must be one of normal, fast, got \"slow\"");
}

TEST_CASE("a binding of the wrong field type, a doubled name or a default outside the choices is refused at once") {
    struct S {
        std::string text;
        int64_t count;
        Mode mode;
    };
    CHECK_THROWS_WITH(OptionSpec::integer("n", "count").bind(&S::text), "option 'n' (integer) is bound to a field of another type");
    CHECK_THROWS_AS(OptionSpec::string("t", "text").bind(&S::count), std::logic_error);
    CHECK_THROWS_WITH((OptionSet<S>{OptionSpec::string("t", "a").bind(&S::text), OptionSpec::string("t", "b").bind(&S::text)}),
                      "option 't' (string) is declared twice");
    CHECK_THROWS_AS(OptionSpec::string("m", "mode").with_default("slow").bind_choice(&S::mode, {{"normal", Mode::normal}}),
                    std::logic_error);
}
