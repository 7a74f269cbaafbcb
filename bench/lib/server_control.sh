# Sourced by the benchmark scripts: the one server a script runs at a time, started by the
# script, waited for and stopped by its PID (server_pid). The caller defines die() and work_dir
# (an empty temporary directory) before sourcing this file.

server_pid=""

# Stops the server this script started (by its PID), waiting for it to exit.
stop_server() {
  if [[ -n $server_pid ]]; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}

# A port on 127.0.0.1 that nothing answers on now. Another process may take it before the server
# binds; the server then fails to start and the script says so.
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 12000))  # below the ephemeral range the probes connect from
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "found no free port on 127.0.0.1"
}

# Waits about 5 ms without starting a process: forking a subshell and a `sleep` every 10 ms took
# CPU from the server whose start is being timed (on 2 loaded CPUs it doubled the bare server's
# measured start-up; see docs/benchmarks.md, "Start-up").
mkfifo "$work_dir/tick"
exec 9<>"$work_dir/tick"
tick() { read -r -t 0.005 -u 9 || true; }

# Whether something accepts connections on the port: a redirection on the builtin `:` fails
# without forking or ending the shell.
listening() { { : 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null; }

# Waits until the server accepts connections on PORT (at most 10 s), or fails with its LOG if it
# exited first.
wait_for_port() {
  local port=$1 log=$2
  for _ in {1..2000}; do
    if listening "$port"; then return; fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      wait "$server_pid" 2>/dev/null || true
      server_pid=""
      die "the server exited before listening on port $port; its output:
$(cat "$log")"
    fi
    tick
  done
  die "the server did not listen on port $port within 10 s"
}

# The storage, logging and tenant part of the benchmarks' generated configs: one web form source
# "site" of plugin $1 with the token the load scripts post with, the database in work_dir.
bench_config_tail() {
  cat <<YAML
storage:
  path: $work_dir/leadhub.db
logging:
  level: warn
tenants:
  - id: bench
    name: Салон красоты «Лилия»
    timezone: Europe/Moscow
    sources:
      - name: site
        plugin: $1
        options:
          token: bench-form-token
YAML
}
