#!/usr/bin/env bash
# The ingest benchmark: web form POSTs at 64 concurrent connections, first against a bare Poco::Net
# server that answers 200 with no work, then, in the same run, against leadhub storing every lead
# durably (SQLite WAL, synchronous=FULL, group commit) before it answers. Prints one table:
# req/s, p50, p99, peak RSS, the ratio to the bare server, and leads stored vs acknowledged.
#
# The machines it runs on are shared virtual machines whose speed drifts by 10-20 % within
# minutes, so it runs BENCH_ROUNDS rounds of bare server then leadhub and reports the median
# ratio of the rounds besides each round's figures.
#
# Usage: bench/ingest/run.sh BUILD_DIR
#   BUILD_DIR holds bin/leadhub, bin/leadhub_bench_bare_server and lib/leadhub/plugins/ (build the
#   targets leadhub, leadhub_bench_bare_server, leadhub_plugin_webform first).
# Environment (all optional):
#   BENCH_ROUNDS=3         rounds of (bare server, leadhub), each leadhub on a fresh database
#   BENCH_DURATION=10s     measured load per server (wrk's -d)
#   BENCH_WARMUP=2s        load before the measured one, per server
#   BENCH_CONNECTIONS=64   wrk's -c
#   BENCH_THREADS=2        wrk's -t
#   BENCH_SERVER_THREADS   threads of the bare Poco server; default: the connection count, as Poco
#                          holds a thread per keep-alive connection and connections beyond the
#                          thread count would wait, unserved, for a free one
#   BENCH_HUB_THREADS      leadhub's http.threads (handler threads); default: leadhub's default.
#   BENCH_HUB_IO_THREADS   leadhub's http.io_threads (event loops); default: leadhub's default.
#                          leadhub's server is event-driven: any number of connections is served
#                          by its loop, so its thread count does not follow the connection count
#   BENCH_KEEP=1           keep the temporary directory (config, database, logs) and print its path
#   BENCH_DRAIN_LIMIT=300  seconds to wait after the load for the inbox backlog to become leads
#
# Needs wrk (apt-get install -y wrk) and sqlite3 (apt-get install -y sqlite3); installs nothing.
# Exits 1 when leadhub acknowledged a lead that is not in its database, 2 on a usage or setup error.
set -euo pipefail

die() { echo "run.sh: $*" >&2; exit 2; }

[[ $# -eq 1 ]] || die "usage: bench/ingest/run.sh BUILD_DIR"
build_dir=$(cd "$1" 2>/dev/null && pwd) || die "build directory '$1' does not exist"
script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
lua_script="$script_dir/post-webform.lua"
leadhub_bin="$build_dir/bin/leadhub"
bare_bin="$build_dir/bin/leadhub_bench_bare_server"

rounds=${BENCH_ROUNDS:-3}
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "BENCH_ROUNDS must be a positive number, not '$rounds'"
duration=${BENCH_DURATION:-10s}
warmup=${BENCH_WARMUP:-2s}
connections=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-2}
server_threads=${BENCH_SERVER_THREADS:-$connections}
hub_http=""
[[ -n ${BENCH_HUB_THREADS:-} ]] && hub_http+="  threads: $BENCH_HUB_THREADS"$'\n'
[[ -n ${BENCH_HUB_IO_THREADS:-} ]] && hub_http+="  io_threads: $BENCH_HUB_IO_THREADS"$'\n'

command -v wrk >/dev/null || die "wrk is not installed; install it with: sudo apt-get install -y wrk"
command -v sqlite3 >/dev/null || die "sqlite3 is not installed; install it with: sudo apt-get install -y sqlite3"
[[ -x $leadhub_bin ]] || die "$leadhub_bin not found; build it: cmake --build $build_dir --target leadhub"
[[ -x $bare_bin ]] || die "$bare_bin not found; build it: cmake --build $build_dir --target leadhub_bench_bare_server"
[[ -e $build_dir/lib/leadhub/plugins/leadhub-webform.so ]] ||
  die "the webform plugin is not built; build it: cmake --build $build_dir --target leadhub_plugin_webform"

work_dir=$(mktemp -d "${TMPDIR:-/tmp}/leadhub-bench-ingest.XXXXXX")
# shellcheck source=../lib/server_control.sh
source "$script_dir/../lib/server_control.sh"

cleanup() {
  stop_server
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then
    echo "kept $work_dir" >&2
  else
    rm -rf "$work_dir"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Runs wrk once and prints its BENCH line (see post-webform.lua); the full output goes to a file.
run_wrk() {
  local url=$1 seconds=$2 out=$3 line
  wrk -t "$threads" -c "$connections" -d "$seconds" --timeout 5s -s "$lua_script" "$url" >"$out" 2>&1 ||
    die "wrk failed against $url:
$(cat "$out")"
  line=$(grep '^BENCH ' "$out") || die "wrk printed no BENCH line:
$(cat "$out")"
  echo "$line"
}

# field NAME LINE: the value of NAME=value in a BENCH line.
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }

peak_rss_kib() { awk '/^VmHWM:/ {print $2}' "/proc/$server_pid/status"; }

# CPU time (user + system, in clock ticks) the server has used so far. The text after the last
# ')' of /proc/PID/stat starts at field 3 (state); utime and stime are fields 14 and 15.
cpu_ticks() { sed 's/.*) //' "/proc/$server_pid/stat" | awk '{print $12 + $13}'; }

# Warm-up, then the measured run. Sets: warm_line, run_line, peak_kib, cpu_us (CPU time the
# server spent per request of the measured run: on a shared machine it moves less than req/s).
load_server() {
  local name=$1 url=$2 ticks_before
  warm_line=$(run_wrk "$url" "$warmup" "$work_dir/wrk-$name-warmup.txt")
  ticks_before=$(cpu_ticks)
  run_line=$(run_wrk "$url" "$duration" "$work_dir/wrk-$name.txt")
  cpu_us=$(awk -v t="$(($(cpu_ticks) - ticks_before))" -v hz="$(getconf CLK_TCK)" -v n="$(field requests "$run_line")" \
    'BEGIN {printf "%.0f", (n > 0 ? t / hz * 1e6 / n : 0)}')
  peak_kib=$(peak_rss_kib)
}

acknowledged() { echo $(($(field requests "$1") - $(field http_errors "$1"))); }

# ---- the bare server -------------------------------------------------------------------------
# Sets bare_line, bare_kib, bare_cpu_us, bare_startup_ms.
run_bare() {
  port=$(free_port)
  local started_us=${EPOCHREALTIME/./}  # bash's clock: no `date` process while timing a start
  "$bare_bin" "$port" "$server_threads" >"$work_dir/bare.log" 2>&1 &
  server_pid=$!
  wait_for_port "$port" "$work_dir/bare.log"
  bare_startup_ms=$(((${EPOCHREALTIME/./} - started_us) / 1000))
  load_server bare "http://127.0.0.1:$port/hooks/bench/site?token=bench-form-token"
  bare_line=$run_line
  bare_kib=$peak_kib
  bare_cpu_us=$cpu_us
  stop_server
}

# ---- leadhub ---------------------------------------------------------------------------------
db="$work_dir/leadhub.db"
has_table() { [[ -n $(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '$1'") ]]; }

# One round on a fresh database. Sets hub_line, hub_kib, hub_cpu_us, startup_ms, drain_s,
# lead_rps, hub_file_kib, hub_anon_kib, hub_libs, stored, acked.
run_hub() {
  rm -f "$db" "$db-wal" "$db-shm"
  port=$(free_port)
  local config="$work_dir/leadhub.yaml"
  cat >"$config" <<EOF
# Generated by bench/ingest/run.sh: one web form, no route, so a request's work is to parse the
# form, store the lead durably and answer.
version: 1
listen: 127.0.0.1:$port
admin:
  enabled: false
http:
  max_connections: $((connections + 64))
${hub_http}$(bench_config_tail webform)
EOF
  local started_us=${EPOCHREALTIME/./}
  "$leadhub_bin" run -c "$config" >"$work_dir/leadhub.log" 2>&1 &
  server_pid=$!
  wait_for_port "$port" "$work_dir/leadhub.log"
  startup_ms=$(((${EPOCHREALTIME/./} - started_us) / 1000))
  local load_started_ns load_ended_ns
  load_started_ns=$(date +%s%N)
  load_server leadhub "http://127.0.0.1:$port/hooks/bench/site?token=bench-form-token"
  load_ended_ns=$(date +%s%N)
  hub_line=$run_line
  local hub_warm_line=$warm_line
  hub_cpu_us=$cpu_us

  # Since schema 3 a post is acknowledged once it is in the inbox, and the background stage makes
  # the lead. Wait (at most BENCH_DRAIN_LIMIT seconds) until it has made every lead, to report how
  # fast leads are made, not only acknowledged: the rate of the whole run, warm-up to last lead.
  # The next round starts only then, so that a backlog does not take CPU from the next server.
  drain_s="-"
  lead_rps="-"
  if has_table inbox; then
    local limit_ns=$((load_ended_ns + ${BENCH_DRAIN_LIMIT:-300} * 1000000000)) drained_ns made
    while [[ $(sqlite3 -cmd ".timeout 5000" "$db" "SELECT count(*) FROM inbox") != 0 ]]; do
      (($(date +%s%N) < limit_ns)) || break
      sleep 0.2
    done
    drained_ns=$(date +%s%N)
    drain_s=$(awk -v ns="$((drained_ns - load_ended_ns))" 'BEGIN {printf "%.1f s", ns / 1e9}')
    made=$(sqlite3 -cmd ".timeout 5000" "$db" "SELECT count(*) FROM messages WHERE tenant = 'bench' AND source = 'site'")
    lead_rps=$(awk -v n="$made" -v ns="$((drained_ns - load_started_ns))" 'BEGIN {printf "%.0f", n / (ns / 1e9)}')
  fi
  hub_kib=$(peak_rss_kib)  # after the backlog is processed: the peak of the whole run
  # What the RSS is made of now (the kernel keeps no peak of these): pages of the binary and the
  # shared libraries (file-backed) against heaps, stacks and SQLite's caches (anonymous).
  hub_file_kib=$(awk '/^RssFile:/ {print $2}' "/proc/$server_pid/status")
  hub_anon_kib=$(awk '/^RssAnon:/ {print $2}' "/proc/$server_pid/status")
  hub_libs=$(awk '/\.so/ {print $6}' "/proc/$server_pid/maps" | sort -u | wc -l)
  stop_server  # SIGTERM: leadhub finishes the requests in progress and closes the store

  # Each acknowledged post is one stored message: in the inbox (acknowledged, not yet a lead) or
  # among the messages (a lead then groups a contact's messages); the first schema kept one lead
  # row per message.
  local query
  if has_table messages; then
    query="SELECT count(*) FROM messages WHERE tenant = 'bench' AND source = 'site'"
    has_table inbox && query="SELECT ($query) + (SELECT count(*) FROM inbox WHERE tenant = 'bench' AND source = 'site')"
  else
    query="SELECT count(*) FROM leads WHERE tenant = 'bench' AND source = 'site'"
  fi
  stored=$(sqlite3 "$db" "$query") || die "cannot count the stored messages in $db"
  # Every 2xx of the warm-up and of the measured run was a promise that the lead is on disk.
  acked=$(($(acknowledged "$hub_warm_line") + $(acknowledged "$hub_line")))
}

# ---- the rounds and the table ----------------------------------------------------------------
ms() { awk -v us="$1" 'BEGIN {printf "%.2f ms", us / 1000}'; }
mib() { awk -v kib="$1" 'BEGIN {printf "%.1f MiB", kib / 1024}'; }
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
row='%-12s %9s %9s %9s %10s %7s %9s  %s\n'

load_before=$(cut -d' ' -f1-3 /proc/loadavg)  # other work on the machine skews both servers
echo
echo "ingest benchmark: $connections connections, $threads wrk threads, $duration after a $warmup warm-up, $rounds rounds"
echo "bare server: $server_threads threads; leadhub: http.threads ${BENCH_HUB_THREADS:-default}, http.io_threads ${BENCH_HUB_IO_THREADS:-default}"
echo "machine: $(nproc) CPUs, $(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), load average before the run $load_before"
printf "$row" server req/s p50 p99 "peak RSS" "× bare" "CPU/req" "posts stored / acknowledged"

ratios=() hub_p99s=() hub_rates=() bare_rates=() peak_kibs=() startups=() lost=0
for round in $(seq 1 "$rounds"); do
  run_bare
  run_hub
  bare_rps=$(field rps "$bare_line")
  hub_rps=$(field rps "$hub_line")
  ratio=$(awk -v a="$hub_rps" -v b="$bare_rps" 'BEGIN {printf "%.2f", (b > 0 ? a / b : 0)}')
  ratios+=("$ratio") hub_p99s+=("$(field p99_us "$hub_line")") hub_rates+=("$hub_rps") bare_rates+=("$bare_rps")
  peak_kibs+=("$hub_kib") startups+=("$startup_ms")
  printf "$row" "$round: bare" "$bare_rps" "$(ms "$(field p50_us "$bare_line")")" "$(ms "$(field p99_us "$bare_line")")" \
    "$(mib "$bare_kib")" "1.00" "$bare_cpu_us µs" "- (stores nothing)"
  printf "$row" "$round: leadhub" "$hub_rps" "$(ms "$(field p50_us "$hub_line")")" "$(ms "$(field p99_us "$hub_line")")" \
    "$(mib "$hub_kib")" "$ratio" "$hub_cpu_us µs" "$stored / $acked"
  echo "   leadhub listened $startup_ms ms after its start (bare $bare_startup_ms ms); leads made $lead_rps/s over the round, backlog done $drain_s after the load; then file-backed $(mib "$hub_file_kib") + anonymous $(mib "$hub_anon_kib") resident, $hub_libs shared objects"
  for name in bare leadhub; do
    line=$bare_line
    [[ $name == leadhub ]] && line=$hub_line
    if [[ $(field http_errors "$line") != 0 || $(field socket_errors "$line") != 0 ]]; then
      echo "   $name: $(field http_errors "$line") answers >= 400, $(field socket_errors "$line") socket errors or timeouts"
    fi
  done
  if ((stored < acked)); then
    echo "LOST LEADS in round $round: leadhub acknowledged $acked posts but only $stored are in its database" >&2
    lost=1
  fi
done

max_kib=$(printf '%s\n' "${peak_kibs[@]}" | sort -n | tail -1)
echo "median of $rounds rounds: bare $(median "${bare_rates[@]}") req/s, leadhub $(median "${hub_rates[@]}") req/s, ratio $(median "${ratios[@]}") × bare (rounds: ${ratios[*]}), leadhub p99 $(ms "$(median "${hub_p99s[@]}")"), highest peak RSS $(mib "$max_kib"), listening after $(median "${startups[@]}") ms"
echo "aims: leadhub >= 0.50 × bare, p99 <= 10 ms, peak RSS <= 30 MiB, every acknowledged lead stored, listening <= 150 ms after start"
exit "$lost"
