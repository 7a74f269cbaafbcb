#!/usr/bin/env bash
# The start-up benchmark: how long `leadhub run` takes from exec to accepting connections on a
# fresh database, against the bare Poco server started the same way in the same run (as
# bench/ingest/run.sh times both), repeated to see past a noisy machine; and what the idle hub
# maps: RSS split into file-backed (shared libraries, the binary) and anonymous memory.
#
# Usage: bench/startup/run.sh BUILD_DIR [BUILD_DIR...]
#   Each BUILD_DIR holds bin/leadhub and lib/leadhub/ (build the targets leadhub and
#   leadhub_plugin_webform; every other plugin library in lib/leadhub/plugins is "installed" but
#   unused by the config); the first one also bin/leadhub_bench_bare_server. Several build
#   directories are started in turn within each round, so a machine whose load changes during
#   the run weighs on all of them alike: compare builds in one run.
# Environment (optional):
#   STARTUP_ROUNDS=10        starts of each server; the table gives the median, fastest and slowest
#   STARTUP_PLUGIN=webform   the plugin the generated config's one source uses
# Installs nothing. Exits 2 on a usage or setup error.
set -euo pipefail

die() { echo "run.sh: $*" >&2; exit 2; }

[[ $# -ge 1 ]] || die "usage: bench/startup/run.sh BUILD_DIR [BUILD_DIR...]"
builds=()
for dir in "$@"; do
  builds+=("$(cd "$dir" 2>/dev/null && pwd)") || die "build directory '$dir' does not exist"
  [[ -x ${builds[-1]}/bin/leadhub ]] || die "${builds[-1]}/bin/leadhub not found; build it: cmake --build $dir --target leadhub"
done
rounds=${STARTUP_ROUNDS:-10}
[[ $rounds =~ ^[1-9][0-9]*$ ]] || die "STARTUP_ROUNDS must be a positive number, not '$rounds'"
bare_bin="${builds[0]}/bin/leadhub_bench_bare_server"
plugin=${STARTUP_PLUGIN:-webform}
[[ -x $bare_bin ]] || die "$bare_bin not found; build it: cmake --build $1 --target leadhub_bench_bare_server"

work_dir=$(mktemp -d "${TMPDIR:-/tmp}/leadhub-bench-startup.XXXXXX")
# shellcheck source=../lib/server_control.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib/server_control.sh"
cleanup() { stop_server; rm -rf "$work_dir"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts "$@", prints the milliseconds until the port accepts a connection. The server keeps
# running (server_pid) for the caller to inspect.
start_timed() {
  local port=$1 log=$2 started_us
  shift 2
  started_us=${EPOCHREALTIME/./}  # bash's clock: no `date` process while timing
  "$@" >"$log" 2>&1 &
  server_pid=$!
  wait_for_port "$port" "$log"
  echo $(((${EPOCHREALTIME/./} - started_us) / 1000))
}

status_kib() { awk -v k="$1:" '$1 == k {print $2}' "/proc/$server_pid/status"; }

# median / min / max of numbers, one a line
summary() { sort -n | awk '{v[NR] = $1} END {m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%g %g %g\n", m, v[1], v[NR]}'; }

write_config() {
  cat >"$work_dir/leadhub.yaml" <<YAML
version: 1
listen: 127.0.0.1:$1
admin:
  enabled: false
$(bench_config_tail "$plugin")
YAML
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
: >"$work_dir/bare.ms"
for i in "${!builds[@]}"; do : >"$work_dir/hub-$i.ms"; : >"$work_dir/rss-$i"; done
for _ in $(seq 1 "$rounds"); do
  port=$(free_port)
  start_timed "$port" "$work_dir/bare.log" "$bare_bin" "$port" 16 >>"$work_dir/bare.ms"
  stop_server

  for i in "${!builds[@]}"; do
    port=$(free_port)
    write_config "$port"
    rm -f "$work_dir"/leadhub.db*  # a fresh database each time, as the ingest benchmark starts on one
    start_timed "$port" "$work_dir/hub.log" "${builds[$i]}/bin/leadhub" run -c "$work_dir/leadhub.yaml" >>"$work_dir/hub-$i.ms"
    sleep 0.3  # let start-up work that follows the listen (the inbox's first look) settle
    echo "$(status_kib VmRSS) $(status_kib RssFile) $(status_kib RssAnon) $(awk '/\.so/ {print $6}' "/proc/$server_pid/maps" | sort -u | wc -l)" >>"$work_dir/rss-$i"
    stop_server
  done
done

mib() { awk -v kib="$1" 'BEGIN {printf "%.1f", kib / 1024}'; }
echo
echo "start-up benchmark: $rounds rounds, each starting every server once; leadhub on a fresh database with one '$plugin' source"
echo "machine: $(nproc) CPUs, load average before the run $load_before, after $(cut -d' ' -f1-3 /proc/loadavg)"
row='%-8s %6s %6s %6s %9s %9s %9s %5s  %s\n'
printf "$row" server median min max "RSS idle" "file" "anon" "libs" "(listening after, ms; RSS in MiB, of the median start; shared objects mapped)"
read -r med min max < <(summary <"$work_dir/bare.ms")
printf "$row" bare "$med" "$min" "$max" - - - - "${builds[0]}/bin/leadhub_bench_bare_server"
for i in "${!builds[@]}"; do
  read -r med min max < <(summary <"$work_dir/hub-$i.ms")
  read -r rss file anon libs < <(sort -n "$work_dir/rss-$i" | awk '{l[NR] = $0} END {print l[int((NR + 1) / 2)]}')
  printf "$row" leadhub "$med" "$min" "$max" "$(mib "$rss")" "$(mib "$file")" "$(mib "$anon")" "$libs" \
    "${builds[$i]} (plugins installed: $(cd "${builds[$i]}/lib/leadhub/plugins" 2>/dev/null && ls -- *.so 2>/dev/null | tr '\n' ' '))"
done
echo "aim: listening <= 150 ms after start"
