#include "smtp_client.hpp"

#include "email_message.hpp"

#include <leadhub/sdk/safe_text.hpp>

#include <Poco/Net/Context.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SecureSMTPClientSession.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>

#include <sstream>

namespace leadhub::email {

using sdk::Outcome;

namespace {

// Poco's session with its socket reachable, so STARTTLS attaches TLS naming the server (Poco's
// own startTLS() names it only when the session opened the connection itself, without a timeout).
class Session : public Poco::Net::SecureSMTPClientSession {
public:
    using SecureSMTPClientSession::SecureSMTPClientSession;
    void upgrade(const std::string& host, Poco::Net::Context::Ptr context) {
        socket() = Poco::Net::SecureStreamSocket::attach(socket(), host, context);
    }
};

// Thrown inside submit() to end the dialogue with an outcome.
struct Stop {
    Outcome outcome;
};

std::string one_line(const std::string& reply) {
    std::string text = reply;
    for (auto& c : text)
        if (c == '\r' || c == '\n') c = ' ';
    return sdk::escape_control(text.substr(0, 300));
}

bool offers(const std::string& ehlo_reply, const std::string& keyword) {
    std::istringstream lines(ehlo_reply);
    for (std::string line; std::getline(lines, line);) {
        // "250-STARTTLS", "250 AUTH PLAIN LOGIN", "250-AUTH=PLAIN": the keyword after the code.
        std::string upper = line.size() > 4 ? line.substr(4) : "";
        for (auto& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
        if (upper.rfind(keyword, 0) == 0) return true;
    }
    return false;
}

void expect(Session& s, const std::string& command, const std::string& step) {
    std::string reply;
    const int code = s.sendCommand(command, reply);
    Outcome o = classify_reply(code, step, reply);
    if (o.kind != Outcome::Kind::ok) throw Stop{o};
}

Poco::Net::Context::Ptr tls_context(const EmailOptions& o) {
    auto verification = o.verify ? Poco::Net::Context::VERIFY_RELAXED : Poco::Net::Context::VERIFY_NONE;
    Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", o.ca_file, verification, 9,
                                                             o.ca_file.empty());
    context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
    return context;
}

std::string ehlo(Session& s) {
    std::string reply;
    const int code = s.sendCommand("EHLO", "leadhub", reply);
    Outcome o = classify_reply(code, "EHLO", reply);
    if (o.kind != Outcome::Kind::ok) throw Stop{o};
    return reply;
}

void authenticate(Session& s, const EmailOptions& o, const std::string& capabilities) {
    std::string reply;
    int code = 0;
    if (offers(capabilities, "AUTH") && capabilities.find("PLAIN") != std::string::npos) {
        code = s.sendCommand("AUTH PLAIN " + base64(std::string(1, '\0') + o.username + std::string(1, '\0') + o.password), reply);
    } else if (offers(capabilities, "AUTH") && capabilities.find("LOGIN") != std::string::npos) {
        code = s.sendCommand("AUTH LOGIN", reply);
        if (code == 334) code = s.sendCommand(base64(o.username), reply);
        if (code == 334) code = s.sendCommand(base64(o.password), reply);
    } else {
        throw Stop{Outcome::permanent("SMTP-сервер " + o.host + " не предлагает вход AUTH PLAIN или LOGIN: проверьте host и port")};
    }
    if (code / 100 == 2) return;
    if (code / 100 == 4) throw Stop{Outcome::retry("SMTP-сервер временно не принял вход: " + one_line(reply))};
    throw Stop{Outcome::permanent("SMTP-сервер не принял логин и пароль (опции username и password; для Яндекса, Mail.ru и Gmail нужен "
                                  "пароль приложения): " + one_line(reply))};
}

Outcome dialogue(const EmailOptions& o, const Envelope& e) {
    const Poco::Timespan timeout(static_cast<Poco::Timespan::TimeDiff>(o.timeout_ms) * 1000);
    const Poco::Net::SocketAddress address(o.host, o.port);
    Poco::Net::Context::Ptr context = o.security == Security::none ? nullptr : tls_context(o);
    Poco::Net::StreamSocket socket;
    if (o.security == Security::tls) {
        Poco::Net::SecureStreamSocket tls(context);
        tls.setPeerHostName(o.host);
        try {
            tls.connect(address, timeout);
            tls.completeHandshake();
        } catch (const Poco::Net::SSLException& ex) {
            return Outcome::permanent("TLS с " + o.host + ":" + std::to_string(o.port) + " не установлен (" + one_line(ex.displayText()) +
                                      "): пароль не отправлен; проверьте port, ca_file и verify");
        }
        socket = tls;
    } else {
        socket.connect(address, timeout);
    }
    Session s(socket);
    s.setTimeout(timeout);
    s.open();  // reads the greeting; a non-2xx throws SMTPException with its code
    std::string capabilities = ehlo(s);
    if (o.security == Security::starttls) {
        if (!offers(capabilities, "STARTTLS"))
            return Outcome::permanent("SMTP-сервер " + o.host + ":" + std::to_string(o.port) +
                                      " не предлагает STARTTLS: письмо и пароль не отправлены открытым текстом; "
                                      "проверьте port (587) или security (tls для 465)");
        expect(s, "STARTTLS", "STARTTLS");
        try {
            s.upgrade(o.host, context);
        } catch (const Poco::Net::SSLException& ex) {
            return Outcome::permanent("STARTTLS с " + o.host + " не удался (" + one_line(ex.displayText()) +
                                      "): пароль не отправлен; проверьте ca_file и verify");
        }
        capabilities = ehlo(s);  // RFC 3207: forget what was learnt before TLS
    }
    if (!o.username.empty()) authenticate(s, o, capabilities);
    expect(s, "MAIL FROM:<" + e.from + ">", "MAIL FROM");
    for (const auto& rcpt : e.to) expect(s, "RCPT TO:<" + rcpt + ">", "RCPT TO " + rcpt);
    std::string reply;
    const int data = s.sendCommand("DATA", reply);
    if (data != 354) {
        Outcome o2 = classify_reply(data, "DATA", reply);
        throw Stop{o2.kind == Outcome::Kind::ok ? Outcome::retry("DATA: неожиданный ответ " + one_line(reply)) : o2};
    }
    std::istringstream message(e.message);
    s.sendMessage(message);  // dot-stuffs, ends with ".", reads the reply: not 2xx throws SMTPException
    try {
        s.close();  // QUIT; the message is already accepted
    } catch (const Poco::Exception&) {
    }
    return Outcome::ok();
}

}  // namespace

Outcome classify_reply(int code, const std::string& step, const std::string& reply) {
    if (code / 100 == 2 || code / 100 == 3) return Outcome::ok();
    const std::string what = step + ": " + one_line(reply.empty() ? std::to_string(code) : reply);
    if (code / 100 == 4) return Outcome::retry("SMTP-сервер просит повторить позже (" + what + ")");
    if (code / 100 == 5) return Outcome::permanent("SMTP-сервер отказал (" + what + ")");
    return Outcome::retry("SMTP-сервер ответил не по протоколу (" + what + ")");
}

Outcome submit(const EmailOptions& options, const Envelope& envelope) {
    try {
        return dialogue(options, envelope);
    } catch (const Stop& stop) {
        return stop.outcome;
    } catch (const Poco::Net::SMTPException& ex) {
        // The greeting or the message's reply; code() is the SMTP code when Poco knew one.
        const int code = ex.code();
        if (code >= 200) return classify_reply(code, "SMTP", ex.message());
        return Outcome::retry("SMTP: " + one_line(ex.displayText()));
    } catch (const Poco::Net::SSLException& ex) {
        return Outcome::permanent("TLS с " + options.host + " не удался (" + one_line(ex.displayText()) + "): пароль не отправлен");
    } catch (const Poco::Exception& ex) {
        return Outcome::retry("SMTP-сервер " + options.host + ":" + std::to_string(options.port) + " недоступен: " + one_line(ex.displayText()));
    } catch (const std::exception& ex) {
        return Outcome::retry("SMTP: " + one_line(ex.what()));
    }
}

}  // namespace leadhub::email
