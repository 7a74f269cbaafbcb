#!/usr/bin/env python3
"""First-reply latency of bench/first_reply/run.sh: from a Telegram webhook POST of a new customer
to the hub's automatic first reply (sendMessage to that customer's chat) at a fake Bot API.

  probe.py serve PORT LOG        the fake Bot API (every bot's api_url points at it): answers every
                                 call as Telegram does; appends "<chat_id> <wall ms>" to LOG for
                                 each sendMessage
  probe.py drive URL SECRET RATE SECONDS FIRST_CHAT OUT
                                 posts RATE new customers a second for SECONDS on one keep-alive
                                 connection (chat ids from FIRST_CHAT); appends "<chat_id> <wall ms
                                 before the POST> <status> <answer µs>" to OUT
  probe.py burst URL SECRET COUNT CONNECTIONS FIRST_CHAT OUT
                                 posts COUNT new customers as fast as CONNECTIONS keep-alive
                                 connections take them; OUT as for drive
  probe.py report SENT... -- RECEIVED
                                 joins them: one REPLY line for run.sh
  probe.py wait COUNT RECEIVED CHAT_MIN CHAT_MAX SECONDS
                                 waits until COUNT sendMessages to chats in [CHAT_MIN, CHAT_MAX]
                                 were received, or SECONDS passed

The hub stamps its rows with the wall clock, so both ends read it too (one clock for every process
of the machine). Python's own scheduling delay on a loaded machine is in both ends: the figures
are an upper bound of the hub's part.
"""
import http.client
import http.server
import json
import sys
import threading
import time

TEXT = "Здравствуйте! Есть окошко на маникюр в субботу после 14:00?"


def wall_ms():
    return time.time_ns() // 1_000_000


def serve(port, log_path):
    log = open(log_path, "a", buffering=1)
    lock = threading.Lock()
    counter = [0]

    class FakeBotApi(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as api.telegram.org

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            now = wall_ms()
            try:
                request = json.loads(body or b"{}")
            except ValueError:
                request = {}
            chat = request.get("chat_id", 0)
            with lock:
                counter[0] += 1
                message_id = counter[0]
                if self.path.endswith("/sendMessage"):
                    log.write("%s %d\n" % (chat, now))
            result = {"message_id": message_id, "date": now // 1000, "chat": {"id": chat, "type": "private"},
                      "text": request.get("text", "")}
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


def update(chat):
    # A private chat of its own per customer: a new contact, a new lead, a first reply.
    return json.dumps({"update_id": chat % 2_000_000_000, "message": {
        "message_id": 1, "date": int(time.time()),
        "chat": {"id": chat, "type": "private", "first_name": "Анна", "last_name": "Смирнова"},
        "from": {"id": chat, "is_bot": False, "first_name": "Анна", "last_name": "Смирнова", "language_code": "ru"},
        "text": TEXT}}, ensure_ascii=False).encode()


class Poster:
    def __init__(self, url, secret):
        rest = url.split("//", 1)[1]
        self.host_port, self.path = rest.split("/", 1)[0], "/" + rest.split("/", 1)[1]
        self.headers = {"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": secret}
        self.connection = http.client.HTTPConnection(self.host_port, timeout=10)

    def post(self, chat):
        """Returns (wall ms before the POST, status, answer µs); status 0 on a connection error."""
        sent, started = wall_ms(), time.monotonic_ns()
        try:
            self.connection.request("POST", self.path, update(chat), self.headers)
            response = self.connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection(self.host_port, timeout=10)
            status = 0
        return sent, status, (time.monotonic_ns() - started) // 1000


def drive(url, secret, rate, seconds, first_chat, out_path):
    poster = Poster(url, secret)
    interval, count = 1.0 / float(rate), int(float(rate) * float(seconds))
    start = time.monotonic()
    with open(out_path, "a", buffering=1) as out:
        for i in range(count):
            # A fixed schedule, not "as fast as answers come": a slow answer does not thin the probe.
            delay = start + i * interval - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            chat = int(first_chat) + i
            out.write("%d %d %d %d\n" % ((chat,) + poster.post(chat)))


def burst(url, secret, count, connections, first_chat, out_path):
    lines, lock, next_index = [], threading.Lock(), [0]

    def worker():
        poster = Poster(url, secret)
        while True:
            with lock:
                i = next_index[0]
                next_index[0] += 1
            if i >= int(count):
                return
            chat = int(first_chat) + i
            line = "%d %d %d %d\n" % ((chat,) + poster.post(chat))
            with lock:
                lines.append(line)

    threads = [threading.Thread(target=worker) for _ in range(int(connections))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with open(out_path, "a") as out:
        out.writelines(lines)


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100.0 * (len(values) - 1))))]


def received_times(path):
    received = {}
    for line in open(path):
        chat, t = line.split()
        received.setdefault(int(chat), int(t))  # the first sendMessage to the chat: its first reply
    return received


def report(args):
    split = args.index("--")
    sent, answer_us = {}, []
    for path in args[:split]:
        for line in open(path):
            chat, t, status, us = (int(x) for x in line.split())
            answer_us.append(us)
            if status == 200:
                sent[chat] = t
    received = received_times(args[split + 1])
    latencies = [received[c] - sent[c] for c in sent if c in received]
    span = (max(received[c] for c in sent if c in received) - min(sent.values())) / 1000.0 if latencies else 0
    print("REPLY posted=%d acknowledged=%d replied=%d p50_ms=%.0f p99_ms=%.0f max_ms=%.0f webhook_p50_ms=%.1f webhook_p99_ms=%.1f span_s=%.1f"
          % (len(answer_us), len(sent), len(latencies), percentile(latencies, 50), percentile(latencies, 99),
             max(latencies) if latencies else float("nan"), percentile(answer_us, 50) / 1000, percentile(answer_us, 99) / 1000, span))


def wait(count, received_path, chat_min, chat_max, seconds):
    deadline = time.monotonic() + float(seconds)
    while time.monotonic() < deadline:
        try:
            n = sum(1 for c in received_times(received_path) if int(chat_min) <= c <= int(chat_max))
        except FileNotFoundError:
            n = 0
        if n >= int(count):
            return
        time.sleep(0.5)


if __name__ == "__main__":
    mode, args = (sys.argv[1] if len(sys.argv) > 1 else ""), sys.argv[2:]
    if mode == "serve" and len(args) == 2:
        serve(*args)
    elif mode == "drive" and len(args) == 6:
        drive(*args)
    elif mode == "burst" and len(args) == 6:
        burst(*args)
    elif mode == "report" and "--" in args:
        report(args)
    elif mode == "wait" and len(args) == 5:
        wait(*args)
    else:
        sys.exit(__doc__)
