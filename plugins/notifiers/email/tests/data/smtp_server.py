#!/usr/bin/env python3
"""A real SMTP submission server for the email plugin's tests (Debian's python3-aiosmtpd).

  smtp_server.py --mode starttls|plain|tls --cert C --key K --log FILE

Listens on 127.0.0.1 on an ephemeral port and prints the port on stdout. AUTH is required
(user "hub", password "secret"). starttls: STARTTLS offered and required before AUTH; plain: no
TLS at all (the client must not send its password); tls: TLS from the first byte (port 465 style).
RCPT TO a local part "tempfail" answers 451, "reject" 550, "tempfail-once" 451 the first time
and 250 after (a mailbox that is busy for a moment). Each event is a JSON line in FILE:
{"event": "auth", "login", "ok"}, {"event": "message", "from", "to", "subject", "body",
"content_type", "transfer_encoding", "raw_subject"} (subject and body decoded by Python's email
package, an independent reader of what the plugin wrote).
"""
import argparse, asyncio, email, email.policy, json, socket, ssl, sys, warnings

warnings.filterwarnings("ignore")  # aiosmtpd warns of AUTH without TLS: the "plain" mode is that on purpose

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--mode", required=True)
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--log", required=True)
    a = p.parse_args()
    log = open(a.log, "a", buffering=1)

    def record(event):
        log.write(json.dumps(event, ensure_ascii=False) + "\n")

    def authenticator(server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword):
            ok = auth_data.login == b"hub" and auth_data.password == b"secret"
            record({"event": "auth", "login": auth_data.login.decode(errors="replace"), "ok": ok})
            return AuthResult(success=ok, handled=False)  # not handled: aiosmtpd answers 235 or 535
        record({"event": "auth", "login": None, "ok": False})
        return AuthResult(success=False, handled=False)

    refused_once = set()

    class Handler:
        async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
            local = address.split("@")[0]
            if local == "tempfail-once" and address not in refused_once:
                refused_once.add(address)
                return "451 4.3.0 Try again later"
            if local == "tempfail":
                return "451 4.3.0 Try again later"
            if local == "reject":
                return "550 5.1.1 No such user"
            envelope.rcpt_tos.append(address)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            raw = envelope.original_content or envelope.content
            msg = email.message_from_bytes(raw, policy=email.policy.default)
            raw_msg = email.message_from_bytes(raw, policy=email.policy.compat32)
            record({"event": "message", "from": envelope.mail_from, "to": envelope.rcpt_tos,
                    "subject": str(msg["subject"]), "body": msg.get_content(),
                    "content_type": msg.get_content_type(), "charset": msg.get_content_charset(),
                    "transfer_encoding": msg["content-transfer-encoding"],
                    "raw_subject": raw_msg["subject"], "message_id": msg["message-id"],
                    "from_header": str(msg["from"])})
            return "250 2.0.0 Ok: queued"

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(a.cert, a.key)
    kwargs = dict(auth_required=True, authenticator=authenticator, auth_exclude_mechanism=["CRAM-MD5"])
    if a.mode == "starttls":
        factory = lambda: SMTP(Handler(), tls_context=context, require_starttls=True, auth_require_tls=True, **kwargs)
    else:
        factory = lambda: SMTP(Handler(), auth_require_tls=False, **kwargs)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(
        loop.create_server(factory, sock=sock, ssl=context if a.mode == "tls" else None))
    print(sock.getsockname()[1], flush=True)
    try:
        loop.run_forever()
    finally:
        server.close()


if __name__ == "__main__":
    main()
