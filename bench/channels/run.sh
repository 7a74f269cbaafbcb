#!/usr/bin/env bash
# The channel benchmark (issue 13): webhooks per second of each channel plugin at 64 concurrent
# connections, next to the bare Poco server measured in the same round with the same requests;
# the hub's resident memory with every channel plugin loaded, idle and under that load, next to a
# hub with the web form only; and the latency of a staff reply from the admin API to a fake
# Telegram Bot API while the webhook load runs. Prints one table per round and the medians.
#
# Each round:
#   1. a hub with the web form only: idle RSS, the web form load, peak RSS (the ingest benchmark's
#      setting, for the comparison of item 2);
#   2. a hub with one instance of every channel plugin (webform, telegram, whatsapp, instagram, vk,
#      zadarma, mango) and the admin API, its telegram instance's api_url on a fake Bot API
#      (reply_probe.py serve); idle RSS; 50 Telegram customers posted as reply targets;
#   3. for each channel: the load against the bare server, then the same load against the hub
#      while reply_probe.py posts replies to the 50 Telegram leads; then the script waits until
#      the hub has made every inbox row a lead (the next channel must not share the CPU with a
#      backlog) and counts the channel's stored messages against its acknowledged webhooks;
#   4. the hub's peak RSS (VmHWM) over all of it.
#
# Every request carries a platform message id of its own (post-channel.lua); the signed channels'
# bodies are signed before the load by make_pool.py (see there why). The machines are shared and
# drift by 10-20 % within minutes: read each round's ratio to its own bare server, and the median.
#
# Usage: bench/channels/run.sh BUILD_DIR
#   BUILD_DIR holds bin/leadhub, bin/leadhub_bench_bare_server and lib/leadhub/plugins/ with the
#   plugins webform, telegram, whatsapp, instagram, vk, zadarma and mango.
# Environment (all optional):
#   BENCH_ROUNDS=3          rounds
#   BENCH_DURATION=5s       measured load per server and channel (whole seconds)
#   BENCH_WARMUP=1s         load before the measured one (whole seconds)
#   BENCH_CONNECTIONS=64    wrk's -c;  BENCH_THREADS=2: wrk's -t
#   BENCH_SERVER_THREADS    the bare server's threads (default: the connection count, see
#                           docs/benchmarks.md "Why the bare server gets 64 threads")
#   BENCH_CHANNELS          which channels, in order (default: all seven)
#   BENCH_POOL_RATE=30000   signed bodies per second of load made for the signed channels; a faster
#                           load reuses bodies, which the hub drops as repeats (counted, subtracted)
#   BENCH_REPLY_RATE=10     replies per second posted during each measured hub load
#   BENCH_DRAIN_LIMIT=120   seconds to wait for the inbox backlog after a channel's load
#   BENCH_KEEP=1            keep the temporary directory and print its path
#
# Needs wrk, sqlite3, curl and python3; installs nothing. Exits 1 when the hub acknowledged a
# webhook that is not in its database, 2 on a usage or setup error.
set -euo pipefail

die() { echo "run.sh: $*" >&2; exit 2; }

[[ $# -eq 1 ]] || die "usage: bench/channels/run.sh BUILD_DIR"
build_dir=$(cd "$1" 2>/dev/null && pwd) || die "build directory '$1' does not exist"
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lua_script="$script_dir/post-channel.lua"
probe="$script_dir/reply_probe.py"
leadhub_bin="$build_dir/bin/leadhub"
bare_bin="$build_dir/bin/leadhub_bench_bare_server"

rounds=${BENCH_ROUNDS:-3}
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "BENCH_ROUNDS must be a positive number, not '$rounds'"
duration=${BENCH_DURATION:-5s}
warmup=${BENCH_WARMUP:-1s}
[[ $duration =~ ^[1-9][0-9]*s$ && $warmup =~ ^[1-9][0-9]*s$ ]] || die "BENCH_DURATION and BENCH_WARMUP are whole seconds, e.g. 5s"
connections=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-2}
server_threads=${BENCH_SERVER_THREADS:-$connections}
channels=(${BENCH_CHANNELS:-webform telegram whatsapp instagram vk zadarma mango})
pool_rate=${BENCH_POOL_RATE:-30000}
reply_rate=${BENCH_REPLY_RATE:-10}
drain_limit=${BENCH_DRAIN_LIMIT:-120}
admin_token=bench-admin-token-0123456789
reply_targets=50

for tool in wrk sqlite3 curl python3; do
  command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install -y $tool)"
done
[[ -x $leadhub_bin ]] || die "$leadhub_bin not found; build it: ninja -C $build_dir leadhub"
[[ -x $bare_bin ]] || die "$bare_bin not found; build it: ninja -C $build_dir leadhub_bench_bare_server"
for plugin in webform telegram whatsapp instagram vk zadarma mango; do
  [[ -e $build_dir/lib/leadhub/plugins/leadhub-$plugin.so ]] ||
    die "the $plugin plugin is not built; build it: ninja -C $build_dir leadhub_plugin_$plugin"
done

work_dir=$(mktemp -d "${TMPDIR:-/tmp}/leadhub-bench-channels.XXXXXX")
# shellcheck source=../lib/server_control.sh
source "$script_dir/../lib/server_control.sh"

# Three processes may run at once here (the hub, the bare server, the fake Bot API), each
# started by this script and stopped by its own PID; server_control.sh's server_pid is set to
# whichever wait_for_port watches.
hub_pid="" bare_pid="" fake_pid="" driver_pid=""
stop_pid() {
  if [[ -n $1 ]]; then
    kill -TERM "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}
cleanup() {
  stop_pid "$driver_pid"; stop_pid "$hub_pid"; stop_pid "$bare_pid"; stop_pid "$fake_pid"
  server_pid=""
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then echo "kept $work_dir" >&2; else rm -rf "$work_dir"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }
rss_kib() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
ms() { awk -v us="$1" 'BEGIN {printf "%.2f ms", us / 1000}'; }
mib() { awk -v kib="$1" 'BEGIN {printf "%.1f MiB", kib / 1024}'; }
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }

# ---- signed bodies, made once: every round starts on a fresh database, so they can be reused ----
seconds_of() { echo "${1%s}"; }
for channel in "${channels[@]}"; do
  case $channel in
    whatsapp | instagram | mango)
      python3 "$script_dir/make_pool.py" "$channel" 1 $((pool_rate * $(seconds_of "$warmup"))) "$work_dir/pool-$channel-1.txt"
      python3 "$script_dir/make_pool.py" "$channel" 2 $((pool_rate * $(seconds_of "$duration"))) "$work_dir/pool-$channel-2.txt"
      ;;
  esac
done

# wrk with CHANNEL's requests; PREFIX 1 is the warm-up, 2 the measured run. Prints the BENCH line.
run_wrk() {
  local url=$1 seconds=$2 channel=$3 prefix=$4 out=$5 line pool=""
  [[ -e $work_dir/pool-$channel-$prefix.txt ]] && pool="$work_dir/pool-$channel-$prefix.txt"
  wrk -t "$threads" -c "$connections" -d "$seconds" --timeout 5s -s "$lua_script" "$url" -- "$channel" "$prefix" "$threads" $pool \
    >"$out" 2>&1 || die "wrk failed against $url:
$(cat "$out")"
  line=$(grep '^BENCH ' "$out") || die "wrk printed no BENCH line:
$(cat "$out")"
  echo "$line"
}

# The channel's webhook address on a server, as the platform calls it.
channel_url() {
  local port=$1 channel=$2
  case $channel in
    webform) echo "http://127.0.0.1:$port/hooks/bench/site?token=bench-form-token" ;;
    mango) echo "http://127.0.0.1:$port/hooks/bench/mango/events/summary" ;;
    *) echo "http://127.0.0.1:$port/hooks/bench/$channel" ;;
  esac
}
channel_source() { [[ $1 == webform ]] && echo site || echo "$1"; }

# Warm-up and measured run against PID on PORT. Sets warm_line, run_line, cpu_us.
load() {
  local pid=$1 port=$2 channel=$3 name=$4 before
  warm_line=$(run_wrk "$(channel_url "$port" "$channel")" "$warmup" "$channel" 1 "$work_dir/wrk-$name-warmup.txt")
  before=$(cpu_ticks "$pid")
  run_line=$(run_wrk "$(channel_url "$port" "$channel")" "$duration" "$channel" 2 "$work_dir/wrk-$name.txt")
  cpu_us=$(awk -v t="$(($(cpu_ticks "$pid") - before))" -v hz="$(getconf CLK_TCK)" -v n="$(field requests "$run_line")" \
    'BEGIN {printf "%.0f", (n > 0 ? t / hz * 1e6 / n : 0)}')
}
acknowledged() { echo $(($(field requests "$1") - $(field http_errors "$1"))); }

# ---- the hub ----------------------------------------------------------------------------------
db="$work_dir/leadhub.db"
sql() { sqlite3 -cmd ".timeout 5000" "$db" "$1"; }
stored_count() {
  sql "SELECT (SELECT count(*) FROM messages WHERE tenant = 'bench' AND source = '$1' AND kind = 'customer')
            + (SELECT count(*) FROM inbox WHERE tenant = 'bench' AND source = '$1')"
}
# Waits (at most drain_limit s) until the background stage has made every inbox row a message.
drain() {
  local limit=$((SECONDS + drain_limit)) started=$EPOCHREALTIME
  while [[ $(sql "SELECT count(*) FROM inbox") != 0 ]] && ((SECONDS < limit)); do sleep 0.2; done
  drain_s=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN {printf "%.1f", b - a}')
}

# Config for MODE "webform" (the web form alone, as bench/ingest) or "all" (every channel).
hub_config() {
  local mode=$1 port=$2 fake_port=$3
  cat <<EOF
# Generated by bench/channels/run.sh. No route: a webhook's work is to authenticate, read, store.
version: 1
listen: 127.0.0.1:$port
admin:
$([[ $mode == all ]] && echo "  token: $admin_token" || echo "  enabled: false")
http:
  max_connections: $((connections + 64))
storage:
  path: $db
logging:
  level: warn
tenants:
  - id: bench
    name: Салон красоты «Лилия»
    timezone: Europe/Moscow
    sources:
      - name: site
        plugin: webform
        options:
          token: bench-form-token
EOF
  [[ $mode == all ]] || return 0
  # The secrets are the plugins' test fixtures' (plugins/channels/*/tests/data).
  cat <<EOF
      - name: telegram
        plugin: telegram
        options:
          bot_token: "123456789:AAbench-token"
          secret_token: lead-hub_tg_9Xq2Lm7v
          api_url: http://127.0.0.1:$fake_port
      - name: whatsapp
        plugin: whatsapp
        options:
          access_token: bench-access-token
          app_secret: 6f1d2c3b4a5e6f708192a3b4c5d6e7f8
          verify_token: bench-verify-token
          api_url: http://127.0.0.1:$fake_port
      - name: instagram
        plugin: instagram
        options:
          access_token: bench-access-token
          app_secret: 6f1d2c3b4a5e6f708192a3b4c5d6e7f8
          verify_token: bench-verify-token
          api_url: http://127.0.0.1:$fake_port
      - name: vk
        plugin: vk
        options:
          access_token: bench-access-token
          group_id: 218000123
          secret: vk_s3cr3t_b2c4e6
          confirmation_code: d9a1f37c
          api_url: http://127.0.0.1:$fake_port
      - name: zadarma
        plugin: zadarma
        options:
          api_secret: a8e91d214fb728889c7e
      - name: mango
        plugin: mango
        options:
          vpbx_api_key: w4ggl7bxjnssn0h2bq6ysq9d8ymdx4pl
          vpbx_api_salt: k9r2sd7q1x0m5n8b
EOF
}

start_hub() {
  local mode=$1
  rm -f "$db" "$db-wal" "$db-shm"
  hub_port=$(free_port)
  hub_config "$mode" "$hub_port" "$fake_port" >"$work_dir/leadhub-$mode.yaml"
  "$leadhub_bin" run -c "$work_dir/leadhub-$mode.yaml" >>"$work_dir/leadhub-$mode.log" 2>&1 &
  hub_pid=$! server_pid=$hub_pid
  wait_for_port "$hub_port" "$work_dir/leadhub-$mode.log"
  server_pid=""
  sleep 1  # idle: the start-up's allocations are done, no request has come yet
  idle_kib=$(rss_kib "$hub_pid" VmRSS)
}

# ---- the fake Bot API, for the whole run ------------------------------------------------------
fake_port=$(free_port)
python3 "$probe" serve "$fake_port" "$work_dir/replies-received.txt" >"$work_dir/fake-api.log" 2>&1 &
fake_pid=$! server_pid=$fake_pid
wait_for_port "$fake_port" "$work_dir/fake-api.log"
server_pid=""

# ---- the rounds -------------------------------------------------------------------------------
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo
echo "channel benchmark: ${channels[*]}; $connections connections, $threads wrk threads, $duration after a $warmup warm-up, $rounds rounds"
echo "bare server: $server_threads threads; hub: defaults; replies: $reply_rate/s to $reply_targets Telegram leads during each measured hub load"
echo "machine: $(nproc) CPUs, $(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), load average before the run $load_before"

declare -A ratios p99s p50s hub_rates bare_rates cpus peaks
lost=0 seq=0 sent_files=()
row='%-10s %9s %9s %6s %10s %10s %8s %9s %8s  %s\n'
for round in $(seq 1 "$rounds"); do
  echo
  echo "round $round (load average $(cut -d' ' -f1 /proc/loadavg))"

  # 1. The web form alone, as bench/ingest runs it.
  start_hub webform
  wf_idle_kib=$idle_kib
  load "$hub_pid" "$hub_port" webform "r$round-webform-only"
  drain
  wf_line=$run_line
  wf_peak_kib=$(rss_kib "$hub_pid" VmHWM)
  stop_pid "$hub_pid"; hub_pid=""

  # 2. Every channel in one hub.
  start_hub all
  all_idle_kib=$idle_kib all_peak_kib=$idle_kib
  # Reply targets: Telegram customers whose leads the replies answer (a web form or a call has no
  # address to answer; Telegram is the channel whose api_url the fake serves in full).
  for i in $(seq 1 "$reply_targets"); do
    curl -s -o /dev/null -H 'Content-Type: application/json' -H 'X-Telegram-Bot-Api-Secret-Token: lead-hub_tg_9Xq2Lm7v' \
      --data "{\"update_id\":$i,\"message\":{\"message_id\":$i,\"date\":1773136800,\"chat\":{\"id\":$((5000 + i)),\"type\":\"private\",\"first_name\":\"Клиент $i\"},\"from\":{\"id\":$((5000 + i)),\"is_bot\":false,\"first_name\":\"Клиент $i\"},\"text\":\"Здравствуйте, можно записаться?\"}}" \
      "$(channel_url "$hub_port" telegram)"
  done
  drain
  sql "SELECT id FROM leads WHERE tenant = 'bench' AND source = 'telegram' ORDER BY id" >"$work_dir/leads.txt"
  [[ $(wc -l <"$work_dir/leads.txt") == "$reply_targets" ]] || die "expected $reply_targets Telegram leads, found $(wc -l <"$work_dir/leads.txt")"

  bare_port=$(free_port)
  "$bare_bin" "$bare_port" "$server_threads" >"$work_dir/bare.log" 2>&1 &
  bare_pid=$! server_pid=$bare_pid
  wait_for_port "$bare_port" "$work_dir/bare.log"
  server_pid=""

  printf "$row" channel "bare r/s" "hub r/s" "× bare" "hub p50" "hub p99" "CPU/req" "peak RSS" "backlog" "stored / acknowledged (repeats)"
  for channel in "${channels[@]}"; do
    load "$bare_pid" "$bare_port" "$channel" "r$round-bare-$channel"
    bare_line=$run_line
    source_name=$(channel_source "$channel")
    before=$(stored_count "$source_name")
    # The replies run alongside the measured load only (the warm-up is ~1 s of the same load).
    sent_file="$work_dir/replies-sent-r$round-$channel.txt"
    sent_files+=("$sent_file")
    first_seq=$((seq + 1)) seq=$((seq + 100000))
    (sleep "${warmup%s}"; exec python3 "$probe" drive "http://127.0.0.1:$hub_port" "$admin_token" "$work_dir/leads.txt" \
      "$reply_rate" "${duration%s}" "$first_seq" "$sent_file") &
    driver_pid=$!
    # The peak RSS of this channel's load and backlog alone: writing 5 to clear_refs resets the
    # process's VmHWM to its present RSS (Linux 4.0+); where refused, the peak is the round's so far.
    echo 5 >"/proc/$hub_pid/clear_refs" 2>/dev/null || true
    load "$hub_pid" "$hub_port" "$channel" "r$round-hub-$channel"
    hub_line=$run_line hub_warm_line=$warm_line hub_cpu=$cpu_us
    wait "$driver_pid" || true
    driver_pid=""
    drain
    channel_peak_kib=$(rss_kib "$hub_pid" VmHWM)
    ((channel_peak_kib > all_peak_kib)) && all_peak_kib=$channel_peak_kib
    peaks[$channel]+=" $channel_peak_kib"
    stored=$(($(stored_count "$source_name") - before))
    repeats=$(($(field repeats "$hub_line") + $(field repeats "$hub_warm_line")))
    acked=$(($(acknowledged "$hub_warm_line") + $(acknowledged "$hub_line")))
    bare_rps=$(field rps "$bare_line") hub_rps=$(field rps "$hub_line")
    ratio=$(awk -v a="$hub_rps" -v b="$bare_rps" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
    ratios[$channel]+=" $ratio" p99s[$channel]+=" $(field p99_us "$hub_line")" p50s[$channel]+=" $(field p50_us "$hub_line")"
    hub_rates[$channel]+=" $hub_rps" bare_rates[$channel]+=" $bare_rps" cpus[$channel]+=" $hub_cpu"
    printf "$row" "$channel" "$bare_rps" "$hub_rps" "$ratio" "$(ms "$(field p50_us "$hub_line")")" "$(ms "$(field p99_us "$hub_line")")" \
      "$hub_cpu µs" "$(mib "$channel_peak_kib")" "$drain_s s" "$stored / $acked ($repeats)"
    for line in "$bare_line" "$hub_line"; do
      if [[ $(field http_errors "$line") != 0 || $(field socket_errors "$line") != 0 ]]; then
        echo "   $([[ $line == "$bare_line" ]] && echo bare || echo hub): $(field http_errors "$line") answers >= 400, $(field socket_errors "$line") socket errors or timeouts"
      fi
    done
    if ((stored < acked - repeats)); then
      echo "LOST MESSAGES in round $round, $channel: $acked acknowledged ($repeats of them repeats), $stored stored" >&2
      lost=1
    fi
  done
  stop_pid "$bare_pid"; bare_pid=""
  sleep 2  # replies still queued reach the fake before the hub stops
  stop_pid "$hub_pid"; hub_pid=""
  echo "RSS: all channels idle $(mib "$all_idle_kib"), highest peak of the round $(mib "$all_peak_kib"); web form only idle $(mib "$wf_idle_kib"), peak $(mib "$wf_peak_kib") (web form alone: $(field rps "$wf_line") req/s, p99 $(ms "$(field p99_us "$wf_line")"))"
  echo "replies: $(python3 "$probe" report "$work_dir"/replies-sent-r"$round"-*.txt -- "$work_dir/replies-received.txt")"
done

echo
echo "medians of $rounds rounds (× bare: each round's ratio to its own bare server)"
printf '%-10s %10s %10s %22s %10s %10s %8s %9s\n' channel "bare r/s" "hub r/s" "× bare (rounds)" "p50" "p99" "CPU/req" "peak RSS"
for channel in "${channels[@]}"; do
  # shellcheck disable=SC2086
  printf '%-10s %10s %10s %22s %10s %10s %8s %9s\n' "$channel" "$(median ${bare_rates[$channel]})" "$(median ${hub_rates[$channel]})" \
    "$(median ${ratios[$channel]}) (${ratios[$channel]# })" "$(ms "$(median ${p50s[$channel]})")" "$(ms "$(median ${p99s[$channel]})")" "$(median ${cpus[$channel]}) µs" "$(mib "$(median ${peaks[$channel]})")"
done
echo "replies, all rounds: $(python3 "$probe" report "${sent_files[@]}" -- "$work_dir/replies-received.txt")"
echo "aims: each channel >= 0.50 × bare, p99 <= 10 ms, every acknowledged webhook stored, peak RSS with every channel <= 30 MiB, reply p99 < 1 s"
exit "$lost"
