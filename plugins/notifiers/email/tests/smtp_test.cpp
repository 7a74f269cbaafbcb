// The email notifier through its real C exports against a REAL SMTP server: Debian's
// python3-aiosmtpd (tests/data/smtp_server.py), started per test on 127.0.0.1 and an ephemeral
// port with a throwaway self-signed certificate (openssl), AUTH required. The server decodes
// what arrives with Python's email package: the subject and body are checked as a mail client
// reads them. Each server is stopped by its own PID.
#include <catch2/catch.hpp>

#include <leadhub/sdk/testing.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

extern char** environ;

using namespace leadhub::sdk;
using leadhub::sdk::testing::FakeHost;
using leadhub::sdk::testing::Harness;
using leadhub::sdk::testing::TempDir;

LEADHUB_README_OPTIONS_TEST(std::string(LEADHUB_TEST_DATA) + "/../../README.md")

namespace {

std::string python() { return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3"; }

// A self-signed certificate for 127.0.0.1, made once per test run.
const TempDir& certificate_dir() {
    static TempDir dir("leadhub-email-test");
    static bool made = [] {
        const std::string command = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=127.0.0.1 "
                                    "-addext subjectAltName=IP:127.0.0.1 -keyout " + dir.file("key.pem") + " -out " + dir.file("cert.pem") +
                                    " >/dev/null 2>&1";
        return std::system(command.c_str()) == 0;
    }();
    if (!made) throw std::runtime_error("openssl could not make a test certificate");
    return dir;
}

class SmtpServer {
public:
    explicit SmtpServer(const std::string& mode) : log_(dir_.file("events.jsonl")) {
        const auto& certs = certificate_dir();
        int out[2];
        if (pipe(out) != 0) throw std::runtime_error("pipe");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, out[1], 1);
        posix_spawn_file_actions_addclose(&actions, out[0]);
        const std::string errors = dir_.file("server.err");  // aiosmtpd's log, kept out of the test output
        posix_spawn_file_actions_addopen(&actions, 2, errors.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const std::string py = python(), script = std::string(LEADHUB_TEST_DATA) + "/smtp_server.py", cert = certs.file("cert.pem"),
                          key = certs.file("key.pem");
        std::vector<std::string> args = {py, script, "--mode", mode, "--cert", cert, "--key", key, "--log", log_};
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        const int spawned = posix_spawnp(&pid_, py.c_str(), &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        close(out[1]);
        if (spawned != 0) {
            close(out[0]);
            throw std::runtime_error("cannot start " + py);
        }
        std::string line;
        pollfd ready{out[0], POLLIN, 0};
        char c = 0;
        while (line.find('\n') == std::string::npos && poll(&ready, 1, 10000) > 0 && read(out[0], &c, 1) == 1) line += c;
        close(out[0]);
        port_ = std::atoi(line.c_str());
        if (port_ <= 0) {
            stop();
            throw std::runtime_error("the SMTP test server did not start (is python3-aiosmtpd installed? scripts/install-deps)");
        }
    }
    ~SmtpServer() { stop(); }
    int port() const { return port_; }
    std::vector<Json> events(const std::string& kind) const {
        std::vector<Json> out;
        std::ifstream in(log_);
        for (std::string line; std::getline(in, line);) {
            Json event = Json::parse(line);
            if (event.at("event") == kind) out.push_back(event);
        }
        return out;
    }

private:
    void stop() {
        if (pid_ <= 0) return;
        kill(pid_, SIGTERM);  // only the process this test started
        waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }
    TempDir dir_{"leadhub-smtp"};
    std::string log_;
    pid_t pid_ = -1;
    int port_ = 0;
};

const Json kLead = {{"id", 42}, {"tenant", "salon"}, {"name", "Анна Петрова"}, {"phone", "+79161234567"}, {"channel_title", "Telegram"},
                    {"text", "Хочу записаться на стрижку в субботу"}, {"service_names", {"Стрижка"}}, {"assignee", "olga"},
                    {"assignee_name", "Ольга"}, {"assignee_contacts", {{"email", "olga@salon.example"}}}};

Delivery notice(int attempt = 1) {
    auto d = testing::make_delivery(kLead, 42, attempt);
    d.kind = "notice";
    return d;
}

Json options(const SmtpServer& server, const std::string& security = "starttls") {
    return {{"host", "127.0.0.1"}, {"port", server.port()}, {"security", security}, {"username", "hub"}, {"password", "secret"},
            {"from", "hub@salon.example"}, {"ca_file", certificate_dir().file("cert.pem")}, {"timeout_ms", 5000}};
}

}  // namespace

TEST_CASE("STARTTLS, AUTH, and the message arrives with its UTF-8 subject and body decoded") {
    SmtpServer server("starttls");
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("mail", options(server)) == "");
    auto o = plugin.deliver(notice());
    INFO(o.reason);
    REQUIRE(o.kind == Outcome::Kind::ok);
    CHECK(o.external_id == "<leadhub.lead-42@salon.example>");
    auto auth = server.events("auth");
    REQUIRE(auth.size() == 1);
    CHECK(auth[0].at("ok") == true);
    auto messages = server.events("message");
    REQUIRE(messages.size() == 1);
    const Json& m = messages[0];
    CHECK(m.at("to") == Json::array({"olga@salon.example"}));
    CHECK(m.at("from") == "hub@salon.example");
    CHECK(m.at("subject") == "Новая заявка: Анна Петрова, +79161234567");
    CHECK(m.at("raw_subject").get<std::string>().starts_with("=?UTF-8?B?"));
    CHECK(m.at("charset") == "utf-8");
    CHECK(m.at("transfer_encoding") == "base64");
    CHECK(m.at("from_header") == "Заявки <hub@salon.example>");
    const std::string body = m.at("body");
    CHECK(body.find("Новая заявка №42 (Telegram)") != std::string::npos);
    CHECK(body.find("Сообщение:\r\nХочу записаться на стрижку в субботу") != std::string::npos);
    CHECK(body.find("Ответственный: Ольга") != std::string::npos);
    CHECK_FALSE(host.logged("secret"));
}

TEST_CASE("a server that offers no STARTTLS gets no credentials and no mail: permanent") {
    SmtpServer server("plain");
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("mail", options(server)) == "");
    auto o = plugin.deliver(notice());
    CHECK(o.kind == Outcome::Kind::permanent);
    CHECK(o.reason.find("STARTTLS") != std::string::npos);
    CHECK(server.events("auth").empty());
    CHECK(server.events("message").empty());
}

TEST_CASE("a certificate the client cannot verify ends the dialogue before AUTH: permanent") {
    SmtpServer server("starttls");
    FakeHost host;
    auto plugin = Harness::linked(host);
    Json o = options(server);
    o.erase("ca_file");  // the system's CAs do not know the throwaway certificate
    REQUIRE(plugin.create("mail", o) == "");
    auto outcome = plugin.deliver(notice());
    CHECK(outcome.kind == Outcome::Kind::permanent);
    CHECK(outcome.reason.find("пароль не отправлен") != std::string::npos);
    CHECK(server.events("auth").empty());
}

TEST_CASE("451 to a recipient is retried, 550 is permanent, a wrong password is permanent, no server is retried") {
    SmtpServer server("tls");  // implicit TLS, port 465 style
    FakeHost host;
    auto plugin = Harness::linked(host);
    Json o = options(server, "tls");
    o["to"] = {"tempfail@salon.example"};
    REQUIRE(plugin.create("mail", o) == "");
    auto temp = plugin.deliver(notice());
    CHECK(temp.kind == Outcome::Kind::retry);
    CHECK(temp.reason.find("451") != std::string::npos);
    o["to"] = {"reject@salon.example"};
    REQUIRE(plugin.create("mail", o) == "");
    auto rejected = plugin.deliver(notice());
    CHECK(rejected.kind == Outcome::Kind::permanent);
    CHECK(rejected.reason.find("550") != std::string::npos);
    o["to"] = {"boss@salon.example"};
    o["password"] = "wrong";
    REQUIRE(plugin.create("mail", o) == "");
    auto login = plugin.deliver(notice());
    INFO(login.reason);
    CHECK(login.kind == Outcome::Kind::permanent);
    CHECK(login.reason.find("password") != std::string::npos);
    CHECK(server.events("message").empty());
    o["password"] = "secret";
    REQUIRE(plugin.create("mail", o) == "");
    CHECK(plugin.deliver(notice()).kind == Outcome::Kind::ok);
    CHECK(server.events("message").size() == 1);

    int gone_port = 0;
    {
        SmtpServer gone("plain");
        gone_port = gone.port();
    }  // stopped: nobody listens there now
    o["port"] = gone_port;
    REQUIRE(plugin.create("mail", o) == "");
    CHECK(plugin.deliver(notice()).kind == Outcome::Kind::retry);
}

// Alerts (email_alert.cpp): the hub's text, one mail per named address.
namespace {
const std::string kAlertText = "⏰ Заявка №42 (Анна, маникюр) ждёт ответа 15 минут.\nВозьмите её в работу.";

Delivery alert(const Json& to, int attempt = 1) {
    auto d = notice(attempt);
    d.payload["event"] = "alert";
    d.payload["alert"] = "sla_reminder";
    d.payload["text"] = kAlertText;
    d.payload["to"] = to;
    return d;
}
Json staff(const std::string& marina, const std::string& ivan) {
    return Json::array({{{"id", "marina"}, {"name", "Марина"}, {"contacts", {{"email", marina}, {"phone", "+79130000001"}}}},
                        {{"id", "ivan"}, {"name", "Иван"}, {"contacts", {{"email", ivan}}}}});
}
std::vector<std::string> recipients(const std::vector<Json>& messages) {
    std::vector<std::string> out;
    for (const auto& m : messages) out.push_back(m.at("to").at(0));
    return out;
}
}  // namespace

TEST_CASE("alert: one mail per named address with the hub's text, the subject its first line") {
    SmtpServer server("starttls");
    FakeHost host;
    auto plugin = Harness::linked(host);
    Json o = options(server);
    o["to"] = {"assignee", "owner@salon.example"};
    REQUIRE(plugin.create("mail", o) == "");
    auto outcome = plugin.deliver(alert(staff("marina@salon.example", "ivan@salon.example")));
    INFO(outcome.reason);
    REQUIRE(outcome.kind == Outcome::Kind::ok);
    CHECK(outcome.external_id == "<leadhub.lead-42.ivan_salon.example@salon.example>,<leadhub.lead-42.marina_salon.example@salon.example>");
    auto messages = server.events("message");
    REQUIRE(messages.size() == 2);
    CHECK(recipients(messages) == std::vector<std::string>{"marina@salon.example", "ivan@salon.example"});
    for (const auto& m : messages) {
        CHECK(m.at("to").size() == 1);
        CHECK(m.at("subject") == "leadhub: ⏰ Заявка №42 (Анна, маникюр) ждёт ответа 15 минут.");
        CHECK(m.at("body") == "⏰ Заявка №42 (Анна, маникюр) ждёт ответа 15 минут.\r\nВозьмите её в работу.\r\n");
    }
    CHECK(host.state.empty());
}

TEST_CASE("alert: nobody named has an address: the fixed addresses, naming them; none is permanent") {
    SmtpServer server("starttls");
    FakeHost host;
    auto plugin = Harness::linked(host);
    Json o = options(server);
    o["to"] = {"assignee", "owner@salon.example"};
    REQUIRE(plugin.create("mail", o) == "");
    Json to = staff("", "не адрес");
    REQUIRE(plugin.deliver(alert(to)).kind == Outcome::Kind::ok);
    auto messages = server.events("message");
    REQUIRE(messages.size() == 1);
    CHECK(messages[0].at("to") == Json::array({"owner@salon.example"}));
    CHECK(messages[0].at("body") == "Марина, Иван, ⏰ Заявка №42 (Анна, маникюр) ждёт ответа 15 минут.\r\nВозьмите её в работу.\r\n");
    CHECK(host.logged("fixed addresses instead of: Марина, Иван"));

    REQUIRE(plugin.create("mail", options(server)) == "");  // to: ["assignee"] only
    auto nobody = plugin.deliver(alert(to));
    CHECK(nobody.kind == Outcome::Kind::permanent);
    CHECK(nobody.reason == "email: the alert reached nobody: nobody it names has an e-mail address; Марина: no e-mail in their contacts; "
                           "Иван: not an e-mail address: не адрес, and option to has no fixed address");
    CHECK(server.events("message").size() == 1);
}

TEST_CASE("alert: a mailbox busy for a moment is the only one the retry mails; a refused one does not fail the others") {
    SmtpServer server("tls");
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("mail", options(server, "tls")) == "");
    const Json to = staff("marina@salon.example", "tempfail-once@salon.example");
    auto first = plugin.deliver(alert(to, 1));
    CHECK(first.kind == Outcome::Kind::retry);
    CHECK(first.reason.find("Иван (tempfail-once@salon.example): SMTP-сервер просит повторить позже") != std::string::npos);
    CHECK(host.state.at("email-sent/lead-42") == R"({"marina@salon.example":"<leadhub.lead-42.marina_salon.example@salon.example>"})");
    CHECK(plugin.deliver(alert(to, 2)).kind == Outcome::Kind::ok);
    CHECK(recipients(server.events("message")) == std::vector<std::string>{"marina@salon.example", "tempfail-once@salon.example"});

    host.state.clear();
    auto refused = plugin.deliver(alert(staff("marina@salon.example", "reject@salon.example")));
    CHECK(refused.kind == Outcome::Kind::ok);
    CHECK(host.logged("alert delivered, but not to: Иван (reject@salon.example): SMTP-сервер отказал (RCPT TO reject@salon.example: 550"));
    CHECK(server.events("message").size() == 3);

    auto nobody = plugin.deliver(alert(Json::array({{{"name", "Иван"}, {"contacts", {{"email", "reject@salon.example"}}}}})));
    CHECK(nobody.kind == Outcome::Kind::permanent);
    CHECK(nobody.reason.starts_with("email: the alert reached nobody: Иван (reject@salon.example): SMTP-сервер отказал"));
}

TEST_CASE("alert: a malformed payload is permanent with the field named; nothing is mailed") {
    SmtpServer server("starttls");
    FakeHost host;
    auto plugin = Harness::linked(host);
    REQUIRE(plugin.create("mail", options(server)) == "");
    auto bad = alert("marina@salon.example");
    CHECK(plugin.deliver(bad).reason == "email: the alert's payload.to is not a list of recipients");
    bad = alert(Json::array());
    bad.payload.erase("text");
    CHECK(plugin.deliver(bad).reason == "email: the alert has no text (payload.text is missing or not a string)");
    bad.payload["text"] = "";
    auto empty = plugin.deliver(bad);
    CHECK(empty.kind == Outcome::Kind::permanent);
    CHECK(empty.reason == "email: the alert's text is empty (payload.text)");
    CHECK(server.events("message").empty());
}
