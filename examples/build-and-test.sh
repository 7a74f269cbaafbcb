#!/usr/bin/env bash
# Proves the third-party plugin path end to end, from a built leadhub tree:
#   1. installs only the SDK of that build into a temporary prefix;
#   2. configures, builds and tests examples/csv-sink against that prefix (nothing of the
#      leadhub source tree on its include path);
#   3. checks that `leadhub plugins` lists it, then runs that build's `leadhub` with
#      LEADHUB_PLUGIN_PATH at the example's plugins, on a generated config (127.0.0.1, a free
#      port, a webform source, the csv sink, LEADHUB_ADMIN_TOKEN set);
#   4. posts one lead with curl, waits for its CSV row, stops the hub with SIGTERM by its PID.
# Exits non-zero with a message naming the failed step.
#
# Usage: bash examples/build-and-test.sh <leadhub build directory>     (e.g. build)
# LEADHUB_EXAMPLE_JOBS sets the parallel compile jobs of the example (default: all cores).
set -euo pipefail

fail() {
    echo "build-and-test: FAILED: $*" >&2
    exit 1
}
step() { echo "build-and-test: $*"; }

[[ $# -eq 1 ]] || fail "usage: $0 <leadhub build directory>"
[[ -d $1 ]] || fail "'$1' is not a directory (give the leadhub build directory, e.g. build)"
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
leadhub=$build/bin/leadhub
[[ -x $leadhub ]] || fail "$leadhub does not exist: build the leadhub target first"
for tool in cmake curl; do
    command -v "$tool" >/dev/null || fail "'$tool' is not installed"
done
generator=()
if command -v ninja >/dev/null; then generator=(-G Ninja); fi
jobs=${LEADHUB_EXAMPLE_JOBS:-$(nproc 2>/dev/null || echo 1)}

work=$(mktemp -d "${TMPDIR:-/tmp}/leadhub-example.XXXXXX")
hub_pid=""
cleanup() {
    if [[ -n $hub_pid ]] && kill -0 "$hub_pid" 2>/dev/null; then
        kill -KILL "$hub_pid" 2>/dev/null || true
        wait "$hub_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

# 1. The SDK alone, as a plugin author gets it.
step "installing the SDK of $build into a temporary prefix"
cmake --install "$build" --prefix "$work/sdk" --component leadhub-sdk >"$work/install.log" 2>&1 ||
    { cat "$work/install.log" >&2; fail "cmake --install of the SDK"; }
sdk_config=$(find "$work/sdk" -name leadhub-sdk-config.cmake -print -quit)
[[ -n $sdk_config ]] ||
    fail "the install put no leadhub-sdk-config.cmake under the prefix: re-run cmake on $build (it predates the leadhub-sdk install component)"

# 2. The example, against the installed SDK only.
step "building examples/csv-sink against the installed SDK"
# Debug (-O0) compiles about twice as fast as an optimised build; the hub loads it all the same.
cmake -S "$here/csv-sink" -B "$work/csv-build" "${generator[@]}" -DCMAKE_PREFIX_PATH="$work/sdk" \
    -DCMAKE_BUILD_TYPE=Debug -DCSV_SINK_WERROR=ON >"$work/configure.log" 2>&1 || { cat "$work/configure.log" >&2; fail "configuring the example"; }
if grep -rqF -- "$repo/sdk" "$work/csv-build/CMakeCache.txt" "$work/csv-build"/*.ninja "$work/csv-build"/Makefile 2>/dev/null; then
    fail "the example's build reaches into the leadhub source tree ($repo/sdk) instead of the installed SDK"
fi
cmake --build "$work/csv-build" -j"$jobs" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; fail "building the example"; }
plugins=$work/csv-build/plugins
[[ -f $plugins/leadhub-csv.so ]] || fail "the example built no $plugins/leadhub-csv.so"
step "testing the example"
(cd "$work/csv-build" && ctest --output-on-failure) >"$work/ctest.log" 2>&1 ||
    { cat "$work/ctest.log" >&2; fail "the example's tests"; }

# 3. The hub finds and lists it...
step "checking that 'leadhub plugins' lists the example"
LEADHUB_PLUGIN_PATH=$plugins "$leadhub" plugins >"$work/plugins.txt" 2>&1 ||
    { cat "$work/plugins.txt" >&2; fail "'leadhub plugins' failed"; }
grep -q "^csv 1.0.0  (sink)  $plugins/leadhub-csv.so" "$work/plugins.txt" ||
    { cat "$work/plugins.txt" >&2; fail "'leadhub plugins' does not list the csv plugin from $plugins"; }

# ...and runs it.
admin_token=example-admin-token-$RANDOM$RANDOM
form_token=example-form-token-$RANDOM$RANDOM
csv=$work/leads.csv
write_config() {
    cat >"$work/leadhub.yaml" <<YAML
version: 1
listen: 127.0.0.1:$1
admin:
  token: \${LEADHUB_ADMIN_TOKEN}
storage:
  path: leadhub.db
tenants:
  - id: salon
    timezone: Asia/Krasnoyarsk
    sources:
      - name: site
        plugin: webform
        options:
          token: $form_token
    sinks:
      - name: sheet
        plugin: csv
        options:
          path: $csv
          columns: [name, phone, text, utm_source]
          fsync: false
    routes:
      - from: [site]
        to: [sheet]
YAML
}

# A port nobody listens on; another process may still take it before the hub binds it, so a
# start that fails is tried again on another port.
free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

log=$work/leadhub.log
port=""
for attempt in 1 2 3; do
    port=$(free_port) || fail "found no free port on 127.0.0.1"
    write_config "$port"
    step "starting $leadhub on 127.0.0.1:$port with LEADHUB_PLUGIN_PATH=$plugins (attempt $attempt)"
    LEADHUB_PLUGIN_PATH=$plugins LEADHUB_ADMIN_TOKEN=$admin_token "$leadhub" run -c "$work/leadhub.yaml" >"$log" 2>&1 &
    hub_pid=$!
    ready=no
    for _ in $(seq 1 150); do
        kill -0 "$hub_pid" 2>/dev/null || break
        if curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null; then
            ready=yes
            break
        fi
        sleep 0.1
    done
    [[ $ready == yes ]] && break
    if kill -0 "$hub_pid" 2>/dev/null; then cat "$log" >&2; fail "leadhub did not become ready within 15 s"; fi
    wait "$hub_pid" 2>/dev/null || true
    hub_pid=""
    grep -qi "address already in use" "$log" || { cat "$log" >&2; fail "leadhub exited during start-up"; }
done
[[ -n $hub_pid ]] || { cat "$log" >&2; fail "leadhub could not listen on a free port in 3 attempts"; }

# 4. One lead, as a site's form posts it.
step "posting a lead to http://127.0.0.1:$port/hooks/salon/site"
status=$(curl -sS -o "$work/reply.txt" -w '%{http_code}' \
    --data-urlencode 'name=Анна Иванова' --data-urlencode 'phone=8 913 123-45-67' \
    --data-urlencode 'message=Хочу на маникюр, завтра после 18' --data-urlencode 'utm_source=vk' \
    "http://127.0.0.1:$port/hooks/salon/site?token=$form_token") || fail "curl could not post the lead"
[[ $status == 200 ]] || { cat "$work/reply.txt" "$log" >&2; fail "the webhook answered $status, expected 200"; }

expected_header=$'Имя,Телефон,Сообщение,utm_source\r'
expected_row=$'Анна Иванова,+79131234567,"Хочу на маникюр, завтра после 18",vk\r'
for _ in $(seq 1 100); do
    [[ -f $csv ]] && grep -qxF -- "$expected_row" "$csv" && break
    sleep 0.1
done
[[ -f $csv ]] || { cat "$log" >&2; fail "the csv sink wrote no $csv within 10 s"; }
[[ $(head -n 1 "$csv") == "$expected_header" ]] ||
    { cat -A "$csv" >&2; fail "the CSV header is not '${expected_header%$'\r'}'"; }
grep -qxF -- "$expected_row" "$csv" || { cat -A "$csv" "$log" >&2; fail "the lead's row did not appear in $csv"; }
[[ $(wc -l <"$csv") -eq 2 ]] || { cat -A "$csv" >&2; fail "$csv should hold the header and one row"; }

step "stopping leadhub (PID $hub_pid) with SIGTERM"
kill -TERM "$hub_pid"
code=0
wait "$hub_pid" || code=$?
hub_pid=""
[[ $code -eq 0 ]] || { cat "$log" >&2; fail "leadhub exited with $code after SIGTERM, expected 0"; }
step "OK: the out-of-tree csv plugin built against the installed SDK, passed its tests and wrote the lead's row"
