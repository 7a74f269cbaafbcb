#!/usr/bin/env python3
"""Pre-signed request pools for the channel benchmark (bench/channels/run.sh).

WhatsApp and Instagram sign the whole body (X-Hub-Signature-256: HMAC-SHA256 with the app
secret) and Mango signs the body's json field (sign = SHA-256 of key + json + salt), and every
request must carry a platform message id of its own (the hub drops a repeat by that id, so a
repeated body would be acknowledged without becoming a new message). wrk's Lua has no crypto, so
the signed bodies are made here, before the load, and post-channel.lua cycles through them: the
cost of signing stays out of the measured run, as the platform's own signing is not the hub's
work either. The hub still verifies every signature over the raw bytes.

Usage: make_pool.py CHANNEL PREFIX COUNT OUT_FILE
  One request per line: "<header value>\t<body>" (the header value is the signature header for
  WhatsApp and Instagram, "-" for Mango, whose sign is a form field). PREFIX (digits) makes the ids
  of one pool distinct from another's (warm-up and measured run).
The secrets are the test fixtures' (plugins/channels/*/tests/data), which run.sh configures.
"""
import hashlib
import hmac
import json
import sys
import urllib.parse

META_APP_SECRET = b"6f1d2c3b4a5e6f708192a3b4c5d6e7f8"
MANGO_KEY = "w4ggl7bxjnssn0h2bq6ysq9d8ymdx4pl"
MANGO_SALT = "k9r2sd7q1x0m5n8b"
TEXT = "Здравствуйте! Есть окошко на маникюр в субботу после 14:00?"


def compact(value):
    # Meta sends compact JSON with non-ASCII as \uXXXX escapes; ensure_ascii does the same.
    return json.dumps(value, separators=(",", ":"), ensure_ascii=True)


def whatsapp(prefix, i):
    wa_id = "7916%07d" % (i % 10_000_000)
    body = compact({
        "object": "whatsapp_business_account",
        "entry": [{"id": "102290129340398", "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp",
            "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
            "contacts": [{"profile": {"name": "Анна Смирнова"}, "wa_id": wa_id}],
            "messages": [{"from": wa_id, "id": "wamid.bench%s_%09d" % (prefix, i), "timestamp": "1749416383",
                          "type": "text", "text": {"body": TEXT}}]}}]}],
    })
    return "sha256=" + hmac.new(META_APP_SECRET, body.encode(), hashlib.sha256).hexdigest(), body


def instagram(prefix, i):
    body = compact({
        "object": "instagram",
        "entry": [{"time": 1773136801234, "id": "17841400123456789", "messaging": [{
            "sender": {"id": "9%s%012d" % (prefix, i)}, "recipient": {"id": "17841400123456789"},
            "timestamp": 1773136800987,
            "message": {"mid": "aWdfbench%s_%09d" % (prefix, i), "text": TEXT}}]}],
    })
    return "sha256=" + hmac.new(META_APP_SECRET, body.encode(), hashlib.sha256).hexdigest(), body


def mango(prefix, i):
    event = compact({
        "entry_id": "bench%s_%09d" % (prefix, i), "call_direction": 1,
        "from": {"number": "7903%07d" % (i % 10_000_000)},
        "to": {"number": "74951234567", "line_number": "74951234567"}, "line_number": "74951234567",
        "create_time": 1773137100, "forward_time": 1773137103, "talk_time": 0, "end_time": 1773137131,
        "entry_result": 0, "disconnect_reason": 1100,
    })
    sign = hashlib.sha256((MANGO_KEY + event + MANGO_SALT).encode()).hexdigest()
    body = "vpbx_api_key=%s&sign=%s&json=%s" % (MANGO_KEY, sign, urllib.parse.quote(event, safe=""))
    return "-", body


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    channel, prefix, count, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    make = {"whatsapp": whatsapp, "instagram": instagram, "mango": mango}[channel]
    with open(out, "w", encoding="ascii") as f:
        for i in range(count):
            header, body = make(prefix, i)
            f.write(header + "\t" + body + "\n")


if __name__ == "__main__":
    main()
