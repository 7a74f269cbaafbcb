#!/usr/bin/env python3
"""Reply latency of the channel benchmark (bench/channels/run.sh): from POST /api/leads/{id}/reply
to the reply's sendMessage call reaching a fake Telegram Bot API on 127.0.0.1.

  reply_probe.py serve PORT LOG        the fake Bot API (the telegram instance's api_url points at
                                       it): answers every call as Telegram does and appends
                                       "<seq> <monotonic ns>" to LOG for each sendMessage
  reply_probe.py drive HUB_URL TOKEN LEADS_FILE RATE SECONDS FIRST_SEQ OUT
                                       posts RATE replies a second for SECONDS, round robin over
                                       the lead ids in LEADS_FILE, each text carrying its sequence
                                       number; appends "<seq> <monotonic ns before the POST> <status>
                                       <API answer µs>" to OUT
  reply_probe.py report SENT_FILE... -- RECEIVED_FILE...
                                       joins them and prints one REPLY line for run.sh

Both sides read CLOCK_MONOTONIC, which is one clock for every process of the machine. Python on
a loaded machine adds its own scheduling delay to both ends (the request is timed before it is
sent, the arrival after the fake server has read it), so the figures are an upper bound of the
hub's part. Python, not C++: nothing here is on the hub's path, and it needs no build step.
"""
import http.client
import http.server
import json
import re
import sys
import time

SEQ = re.compile(r"bench-reply-(\d+)")


def serve(port, log_path):
    log = open(log_path, "a", buffering=1)

    class FakeBotApi(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as api.telegram.org

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            now = time.monotonic_ns()
            result = True
            if self.path.endswith("/sendMessage"):
                request = json.loads(body or b"{}")
                match = SEQ.search(request.get("text", ""))
                seq = int(match.group(1)) if match else -1
                log.write("%d %d\n" % (seq, now))
                result = {"message_id": seq if seq >= 0 else 1, "date": int(time.time()),
                          "chat": {"id": request.get("chat_id"), "type": "private"}, "text": request.get("text", "")}
            answer = json.dumps({"ok": True, "result": result}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        do_GET = do_POST

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", int(port)), FakeBotApi)
    server.daemon_threads = True
    server.serve_forever()


def drive(hub_url, token, leads_file, rate, seconds, first_seq, out_path):
    leads = [line.strip() for line in open(leads_file) if line.strip()]
    if not leads:
        sys.exit("reply_probe.py: no lead ids in " + leads_file)
    host_port = hub_url.split("//", 1)[1].rstrip("/")
    connection = http.client.HTTPConnection(host_port, timeout=10)
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    interval = 1.0 / float(rate)
    count = int(float(rate) * float(seconds))
    start = time.monotonic()
    with open(out_path, "a", buffering=1) as out:
        for i in range(count):
            # A fixed schedule, not "as fast as answers come": a slow answer does not thin the probe.
            delay = start + i * interval - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            seq = int(first_seq) + i
            body = json.dumps({"text": "bench-reply-%d Здравствуйте! Да, в субботу в 15:00 свободно." % seq,
                               "author": "bench"}, ensure_ascii=False).encode()
            sent = time.monotonic_ns()
            try:
                connection.request("POST", "/api/leads/%s/reply" % leads[i % len(leads)], body, headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(host_port, timeout=10)
                status = 0
            out.write("%d %d %d %d\n" % (seq, sent, status, (time.monotonic_ns() - sent) // 1000))


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100.0 * (len(values) - 1))))]


def report(args):
    split = args.index("--")
    sent, received = {}, {}
    api_us, accepted = [], 0
    for path in args[:split]:
        for line in open(path):
            seq, t, status, us = (int(x) for x in line.split())
            api_us.append(us)
            if status == 202:
                accepted += 1
                sent[seq] = t
    for path in args[split + 1:]:
        for line in open(path):
            seq, t = (int(x) for x in line.split())
            if seq in sent and seq not in received:
                received[seq] = t
    latencies = [(received[s] - sent[s]) / 1e6 for s in received]
    print("REPLY sent=%d accepted=%d delivered=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f api_p50_ms=%.1f api_p99_ms=%.1f"
          % (len(api_us), accepted, len(latencies), percentile(latencies, 50), percentile(latencies, 99),
             max(latencies) if latencies else float("nan"), percentile(api_us, 50) / 1000, percentile(api_us, 99) / 1000))


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "serve" and len(sys.argv) == 4:
        serve(*sys.argv[2:])
    elif mode == "drive" and len(sys.argv) == 9:
        drive(*sys.argv[2:])
    elif mode == "report" and "--" in sys.argv:
        report(sys.argv[2:])
    else:
        sys.exit(__doc__)
