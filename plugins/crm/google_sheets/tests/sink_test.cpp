// The google_sheets sink through its real C exports on the SDK's fake host, against a fake token
// endpoint that verifies the assertion's RS256 signature with the key's public half and a fake
// Sheets API fed the documented answers.
#include <catch2/catch.hpp>

#include <leadhub/sdk/testing.hpp>

#include <Poco/Base64Decoder.h>
#include <Poco/Crypto/EVPPKey.h>
#include <Poco/Crypto/RSADigestEngine.h>
#include <Poco/Crypto/RSAKey.h>

#include <fstream>
#include <sstream>

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::FakeHttpServer;
using leadhub::sdk::testing::Harness;
using leadhub::sdk::testing::make_delivery;
using leadhub::sdk::testing::RecordedResponse;
using leadhub::sdk::testing::TempDir;

namespace {

const std::string kEmail = "lead-hub@salon-project.iam.gserviceaccount.com";
const std::string kTokenUrl = "https://oauth2.example.test/token";
const std::string kAppend = "/v4/spreadsheets/SHEET1/values/Leads%21A%3AK:append";
const std::string kLookup = "/v4/spreadsheets/SHEET1/values/Leads%21K%3AK";

// One throwaway 2048-bit key per test run (generating it is the slow part), kept in PKCS#8 PEM
// as Google's JSON keys carry it.
const Poco::Crypto::RSAKey& test_key() {
    static const Poco::Crypto::RSAKey key(Poco::Crypto::RSAKey::KL_2048, Poco::Crypto::RSAKey::EXP_LARGE);
    return key;
}

std::string private_pem() {
    std::ostringstream pem;
    Poco::Crypto::EVPPKey(test_key().impl()->getRSA()).save(nullptr, &pem);
    return pem.str();
}

std::string key_json() {
    return Json{{"type", "service_account"}, {"project_id", "salon-project"}, {"private_key_id", "abc"},
                {"private_key", private_pem()}, {"client_email", kEmail}, {"token_uri", "https://oauth2.googleapis.com/token"}}
        .dump();
}

std::string unbase64url(std::string text) {
    for (auto& c : text) c = c == '-' ? '+' : c == '_' ? '/' : c;
    while (text.size() % 4) text += '=';
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in);
    return std::string(std::istreambuf_iterator<char>(decoder), {});
}

// The token endpoint: answers a token only to an assertion signed by the test key whose claims are
// what Google requires; anything else gets Google's invalid_grant.
struct TokenEndpoint {
    int minted = 0;
    std::string last_error;
    std::vector<HttpResponse> queued;  // answered before any verification (faults)

    HttpResponse operator()(const HttpRequest& request) {
        if (!queued.empty()) {
            HttpResponse next = queued.front();
            queued.erase(queued.begin());
            return next;
        }
        const std::string form = request.body;
        const std::string prefix = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=";
        if (form.rfind(prefix, 0) != 0) return refuse("bad grant_type: " + form);
        const std::string jwt = form.substr(prefix.size());
        auto dot1 = jwt.find('.'), dot2 = jwt.rfind('.');
        if (dot1 == std::string::npos || dot1 == dot2) return refuse("not a JWT");
        Json header = Json::parse(unbase64url(jwt.substr(0, dot1)));
        Json claims = Json::parse(unbase64url(jwt.substr(dot1 + 1, dot2 - dot1 - 1)));
        const std::string signature = unbase64url(jwt.substr(dot2 + 1));
        Poco::Crypto::RSADigestEngine engine(test_key(), "SHA256");
        engine.update(jwt.substr(0, dot2));
        if (!engine.verify(Poco::DigestEngine::Digest(signature.begin(), signature.end()))) return refuse("Invalid JWT Signature.");
        if (header.value("alg", "") != "RS256" || header.value("typ", "") != "JWT") return refuse("bad header " + header.dump());
        if (claims.value("iss", "") != kEmail || claims.value("aud", "") != kTokenUrl ||
            claims.value("scope", "") != "https://www.googleapis.com/auth/spreadsheets")
            return refuse("bad claims " + claims.dump());
        const int64_t iat = claims.value("iat", int64_t{0}), exp = claims.value("exp", int64_t{0});
        if (exp <= iat || exp - iat > 3600 || iat == 0) return refuse("Token must be a short-lived token (60 minutes)");
        ++minted;
        return {200, {{"Content-Type", "application/json"}},
                Json{{"access_token", "token-" + std::to_string(minted)}, {"token_type", "Bearer"}, {"expires_in", 3600}}.dump(), ""};
    }
    HttpResponse refuse(const std::string& why) {
        last_error = why;
        return {400, {}, Json{{"error", "invalid_grant"}, {"error_description", why}}.dump(), ""};
    }
};

const std::string kAppended = R"({"spreadsheetId": "SHEET1", "tableRange": "Leads!A1:K41",
  "updates": {"spreadsheetId": "SHEET1", "updatedRange": "Leads!A42:K42", "updatedRows": 1, "updatedColumns": 11, "updatedCells": 11}})";

std::string sample_body(const std::string& file) {
    std::ifstream in(std::string(LEADHUB_TEST_DATA) + "/" + file);
    return Json::parse(in).at("response").at("body").dump();
}

Json lead(const std::string& name = "Анна Иванова") {
    return {{"id", 77}, {"tenant", "salon"}, {"key", "salon:77"}, {"name", name}, {"phone", "+79161234567"},
            {"channel_title", "Telegram"}, {"service_names", {"Маникюр", "Педикюр"}}, {"date", "2026-01-03"}, {"time", "15:00"},
            {"score", 80}, {"display_text", "Хочу в субботу"}, {"utm", {{"utm_source", "yandex"}}}, {"created_at", "2026-01-01T10:00:00Z"}};
}

// A harness with a key file, the token endpoint and a fake Sheets API wired into the host.
struct Rig {
    TempDir dir{"leadhub-gsheets"};
    FakeHost host;
    FakeHttpServer sheets;
    TokenEndpoint tokens;
    Harness plugin = Harness::linked(host);
    Rig() {
        host.on_http = [this](const HttpRequest& r) { return r.target == kTokenUrl ? tokens(r) : sheets.handler()(r); };
    }
    std::string create(Json extra = Json::object()) {
        Json options = {{"key_file", dir.write("key.json", key_json())}, {"spreadsheet_id", "SHEET1"}, {"range", "Leads!A:K"},
                        {"token_url", kTokenUrl}, {"api_url", sheets.url()}};
        options.update(extra);
        return plugin.create("sheet", options);
    }
    std::vector<HttpRequest> sheet_calls() const { return sheets.requests(); }
};

}  // namespace

TEST_CASE("a lead is appended RAW as one row, with a verified service-account token") {
    Rig rig;
    REQUIRE(rig.create() == "");
    rig.sheets.respond("POST", kAppend, {200, {{"Content-Type", "application/json"}}, kAppended});
    auto outcome = rig.plugin.deliver(make_delivery(lead(), 77));
    INFO(outcome.reason << rig.tokens.last_error);
    CHECK(outcome.kind == Outcome::Kind::ok);
    CHECK(outcome.external_id == "Leads!A42:K42");
    REQUIRE(rig.sheet_calls().size() == 1);
    const HttpRequest sent = rig.sheet_calls()[0];
    CHECK(sent.method == "POST");
    CHECK(sent.query == "valueInputOption=RAW&insertDataOption=INSERT_ROWS");
    CHECK(sent.header("Authorization") == "Bearer token-1");
    CHECK(Json::parse(sent.body) ==
          Json{{"majorDimension", "ROWS"},
               {"values", {{"2026-01-01T10:00:00Z", "Анна Иванова", "+79161234567", "Telegram", "Маникюр, Педикюр", "2026-01-03 15:00",
                            "80", "", "Хочу в субботу", "yandex", "salon:77"}}}});
    // The token is cached: a second lead mints none.
    CHECK(rig.plugin.deliver(make_delivery(lead(), 78)).kind == Outcome::Kind::ok);
    CHECK(rig.tokens.minted == 1);
    // ...until 5 minutes before it ends.
    rig.host.now += 56 * 60000;
    CHECK(rig.plugin.deliver(make_delivery(lead(), 79)).kind == Outcome::Kind::ok);
    CHECK(rig.tokens.minted == 2);
    CHECK(rig.sheet_calls().back().header("Authorization") == "Bearer token-2");
}

TEST_CASE("a customer's formula stays text") {
    Rig rig;
    REQUIRE(rig.create({{"columns", {"{{name}}", "{{display_text}}", "", "", "", "", "", "", "", "", "{{key}}"}}}) == "");
    rig.sheets.respond("POST", kAppend, {200, {}, kAppended});
    Json l = lead("=HYPERLINK(\"http://evil.example\";\"Жми\")");
    l["display_text"] = "=IMPORTXML(A1)";
    CHECK(rig.plugin.deliver(make_delivery(l)).kind == Outcome::Kind::ok);
    const HttpRequest sent = rig.sheet_calls().at(0);
    CHECK(sent.query.find("valueInputOption=RAW") != std::string::npos);
    CHECK(sent.query.find("USER_ENTERED") == std::string::npos);
    const Json row = Json::parse(sent.body)["values"][0];
    CHECK(row[0] == "=HYPERLINK(\"http://evil.example\";\"Жми\")");
    CHECK(row[1] == "=IMPORTXML(A1)");
}

TEST_CASE("a retry finds the row its lost first try wrote and does not append again") {
    Rig rig;
    REQUIRE(rig.create() == "");
    rig.sheets.respond("GET", kLookup, {200, {}, R"({"range": "Leads!K1:K42", "majorDimension": "ROWS",
        "values": [["Ключ"], ["salon:12"], [], ["salon:77"]]})"});
    auto outcome = rig.plugin.deliver(make_delivery(lead(), 77, 2));
    CHECK(outcome.kind == Outcome::Kind::ok);
    CHECK(outcome.external_id == "Leads!A4:K4");
    REQUIRE(rig.sheet_calls().size() == 1);
    CHECK(rig.sheet_calls()[0].method == "GET");
}

TEST_CASE("a retry whose first try was not written appends") {
    Rig rig;
    REQUIRE(rig.create() == "");
    rig.sheets.respond("GET", kLookup, {200, {}, R"({"range": "Leads!K1:K1000", "majorDimension": "ROWS", "values": [["salon:7"]]})"});
    rig.sheets.respond("POST", kAppend, {200, {}, kAppended});
    CHECK(rig.plugin.deliver(make_delivery(lead(), 77, 3)).external_id == "Leads!A42:K42");
    REQUIRE(rig.sheet_calls().size() == 2);
    CHECK(rig.sheet_calls()[1].method == "POST");
    // An empty sheet answers without "values".
    rig.sheets.respond("GET", kLookup, {200, {}, R"({"range": "Leads!K1:K1000", "majorDimension": "ROWS"})"});
    CHECK(rig.plugin.deliver(make_delivery(lead(), 77, 2)).kind == Outcome::Kind::ok);
}

TEST_CASE("Google's errors are classified for the dispatcher") {
    // A section per answer: the fake answers its last queued response to every later request.
    Rig rig;
    REQUIRE(rig.create() == "");
    SECTION("429 quota: retried after a minute") {
        rig.sheets.respond("POST", kAppend, {429, {}, sample_body("error.429.json")});
        auto limited = rig.plugin.deliver(make_delivery(lead()));
        CHECK(limited.kind == Outcome::Kind::retry);
        CHECK(limited.retry_after_ms == 60000);
        CHECK_THAT(limited.reason, Catch::Contains("RESOURCE_EXHAUSTED"));
    }
    SECTION("403: the sheet is not shared with the service account") {
        rig.sheets.respond("POST", kAppend, {403, {}, sample_body("error.403.json")});
        auto denied = rig.plugin.deliver(make_delivery(lead()));
        CHECK(denied.kind == Outcome::Kind::permanent);
        CHECK_THAT(denied.reason, Catch::StartsWith("таблица не открыта для " + kEmail + ": откройте доступ на редактирование"));
    }
    SECTION("HTML from a proxy: retried") {
        rig.sheets.respond("POST", kAppend, {502, {{"Content-Type", "text/html"}}, "<html><body>502 Bad Gateway</body></html>"});
        CHECK(rig.plugin.deliver(make_delivery(lead())).kind == Outcome::Kind::retry);
    }
    SECTION("an empty 200: retried, and the retry looks first") {
        rig.sheets.respond("POST", kAppend, {200, {}, ""});
        CHECK(rig.plugin.deliver(make_delivery(lead())).kind == Outcome::Kind::retry);
    }
    SECTION("404: permanent with Google's words") {
        rig.sheets.respond("POST", kAppend,
                           {404, {}, R"({"error": {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND"}})"});
        auto missing = rig.plugin.deliver(make_delivery(lead()));
        CHECK(missing.kind == Outcome::Kind::permanent);
        CHECK_THAT(missing.reason, Catch::Contains("Requested entity was not found.") && Catch::Contains("spreadsheet_id"));
    }
    SECTION("a retry's look-up that hits the quota is a retry, without an append") {
        rig.sheets.respond("GET", kLookup, {429, {}, sample_body("error.429.json")});
        CHECK(rig.plugin.deliver(make_delivery(lead(), 1, 2)).retry_after_ms == 60000);
        CHECK(rig.sheet_calls().size() == 1);
    }
    SECTION("no answer at all") {
        FakeHost down;
        auto plugin = Harness::linked(down);
        REQUIRE(plugin.create("s", {{"key_file", rig.dir.file("key.json")}, {"spreadsheet_id", "SHEET1"}}) == "");
        CHECK(plugin.deliver(make_delivery(lead())).kind == Outcome::Kind::retry);
    }
}

TEST_CASE("a refused token is minted again once, then the call repeated once") {
    Rig rig;
    REQUIRE(rig.create() == "");
    SECTION("the second token is taken") {
        rig.sheets.respond("POST", kAppend, {401, {}, sample_body("error.401.json")});
        rig.sheets.respond("POST", kAppend, {200, {}, kAppended});
        auto outcome = rig.plugin.deliver(make_delivery(lead()));
        CHECK(outcome.kind == Outcome::Kind::ok);
        CHECK(rig.tokens.minted == 2);
        REQUIRE(rig.sheet_calls().size() == 2);
        CHECK(rig.sheet_calls()[1].header("Authorization") == "Bearer token-2");
    }
    SECTION("401 to a fresh token as well: permanent, no third try") {
        rig.sheets.respond("POST", kAppend, {401, {}, sample_body("error.401.json")});
        auto refused = rig.plugin.deliver(make_delivery(lead()));
        CHECK(refused.kind == Outcome::Kind::permanent);
        CHECK_THAT(refused.reason, Catch::Contains(kEmail));
        CHECK(rig.sheet_calls().size() == 2);
    }
}

TEST_CASE("the token endpoint's answers") {
    Rig rig;
    REQUIRE(rig.create() == "");
    rig.sheets.respond("POST", kAppend, {200, {}, kAppended});
    rig.tokens.queued = {{0, {}, "", "timeout after 10000 ms"}, {503, {}, "<html>busy</html>", ""}, {200, {}, "{}", ""},
                         {400, {}, sample_body("oauth2.token.invalid-grant.json"), ""}};
    CHECK(rig.plugin.deliver(make_delivery(lead())).kind == Outcome::Kind::retry);
    CHECK(rig.plugin.deliver(make_delivery(lead())).kind == Outcome::Kind::retry);
    CHECK(rig.plugin.deliver(make_delivery(lead())).kind == Outcome::Kind::retry);
    auto revoked = rig.plugin.deliver(make_delivery(lead()));
    CHECK(revoked.kind == Outcome::Kind::permanent);
    CHECK_THAT(revoked.reason, Catch::StartsWith("ключ сервисного аккаунта отозван или часы сервера сбиты: invalid_grant: Invalid JWT"));
    CHECK(rig.sheet_calls().empty());
    CHECK(rig.plugin.deliver(make_delivery(lead())).kind == Outcome::Kind::ok);  // the verified path still works
}

TEST_CASE("a later message of the lead is not a new row") {
    Rig rig;
    REQUIRE(rig.create() == "");
    Json payload = to_json(make_delivery(lead()));
    payload["event"] = "message_added";
    payload["lead"]["external_ids"] = {{"test", "Leads!A42:K42"}};
    auto outcome = rig.plugin.deliver(delivery_from_json(payload));
    CHECK(outcome.kind == Outcome::Kind::ok);
    CHECK(outcome.external_id == "Leads!A42:K42");
    CHECK(rig.host.http_calls.empty());
}

TEST_CASE("a key file that does not load is a create error naming the file") {
    Rig rig;
    const Json base = {{"spreadsheet_id", "SHEET1"}};
    auto with_key = [&](const std::string& text) {
        Json options = base;
        options["key_file"] = rig.dir.write("bad.json", text);
        return rig.plugin.create("s", options);
    };
    CHECK_THAT(rig.plugin.create("s", {{"key_file", rig.dir.file("none.json")}, {"spreadsheet_id", "S"}}),
               Catch::Contains("none.json") && Catch::Contains("cannot read"));
    CHECK_THAT(with_key("<html>"), Catch::Contains("bad.json") && Catch::Contains("not a JSON key"));
    CHECK_THAT(with_key(R"({"client_email": "a@b", "private_key": "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"})"),
               Catch::Contains("bad.json") && Catch::Contains("private_key is not an RSA key"));
    CHECK_THAT(with_key(R"({"private_key": "x"})"), Catch::Contains("no client_email"));
    CHECK_THAT(rig.create({{"columns", {"{{name}}", "{{phone}}"}}}), Catch::Contains("{{key}}"));
    CHECK_THAT(rig.create({{"key_column", "L"}}), Catch::Contains("written to column K"));
    CHECK(rig.create({{"range", "Leads!B:L"}, {"key_column", "L"}}) == "");
}
