// A log record is one line whatever it quotes, and secrets never reach it.
#include "runtime/logger.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using leadhub::app::Logger;

namespace {
std::size_t lines(const std::string& text) {
    std::size_t n = 0;
    for (char c : text) n += c == '\n' ? 1 : 0;
    return n;
}
}  // namespace

TEST_CASE("a message with a line break cannot write a second record") {
    std::ostringstream out;
    Logger logger(out);
    // A field name a client sent, quoted in a plugin's warning.
    logger.warn("t1/site", "refused: field 'x\n2026-03-10T05:00:00.000Z error [leadhub] disk full' is bad");
    INFO(out.str());
    CHECK(lines(out.str()) == 1);
    CHECK(out.str().find(" warn  [t1/site] refused: field 'x\\n2026-03-10T05:00:00.000Z error [leadhub] disk full' is bad\n") !=
          std::string::npos);
}

TEST_CASE("every control character of a record is escaped, the scope's too; other text is left alone") {
    std::ostringstream out;
    Logger logger(out);
    logger.error("t1/\x1b[31mred", "a\rb\tc\x7f d \u2028 e \xc2\x85 — Привет");
    INFO(out.str());
    CHECK(lines(out.str()) == 1);
    CHECK(out.str().find("[t1/\\x1b[31mred] a\\rb\\tc\\x7f d \\u2028 e \\u0085 — Привет\n") != std::string::npos);
}

TEST_CASE("secrets are masked before the escaping, so one with a line break is still found") {
    std::ostringstream out;
    Logger logger(out);
    logger.set_mask([](const std::string& text) {
        std::string masked = text;
        const std::string secret = "key-line-1\nkey-line-2";
        if (auto at = masked.find(secret); at != std::string::npos) masked.replace(at, secret.size(), "***");
        return masked;
    });
    logger.info("t1/crm", "sent key-line-1\nkey-line-2 to the API");
    INFO(out.str());
    CHECK(out.str().find("[t1/crm] sent *** to the API\n") != std::string::npos);
    CHECK(out.str().find("key-line") == std::string::npos);
}
