#!/usr/bin/env bash
# Runs the socialNetwork load test for a bounded time on loopback: builds and
# starts the deployment (loaded data, ephemeral port), runs wrk with the
# original's mixed workload, then a compose-post-only run, and prints the
# throughput, p50/p99 latency and the front end's per-request breakdown of
# compose-post. Stops the server at the end, whatever happens.
#
#   bench/social/run.sh [--build DIR] [--duration SECONDS] [--connections N] [--wrk-threads N] [--config FILE]
# (--config bench/social/sequential.json: no threads for parallel branches)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=$root/build
duration=20
connections=8
wrk_threads=2
config=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --build) build=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --wrk-threads) wrk_threads=$2; shift 2 ;;
    --config) config=(--config "$2"); shift 2 ;;
    *) echo "usage: $0 [--build DIR] [--duration SECONDS] [--connections N] [--wrk-threads N] [--config FILE]" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }
binary=$build/bin/social_network
if ! cmake --build "$build" --target social_network >/dev/null; then
  [[ -x $binary ]] || { echo "cannot build social_network in $build" >&2; exit 1; }
  echo "warning: building social_network failed; using the existing $binary" >&2
fi

start_server() {
  log=$(mktemp)
  # one HTTP worker per wrk connection: httplib holds a thread per keep-alive connection
  "$binary" --port 0 --threads "$connections" "${config[@]}" >"$log" 2>&1 &
  pid=$!
  base=
  for _ in $(seq 200); do
    base=$(sed -n 's/^social_network: listening on \(http:[^ ]*\).*/\1/p' "$log")
    [[ -n $base ]] && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  cat "$log" >&2
  exit 1
}
stop_server() {
  if [[ -n ${pid:-} ]]; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=
  fi
  rm -f "${log:-}"
}
trap stop_server EXIT

calls_total() {  # all calls recorded at the generated stubs so far
  curl -s "$base/metrics" | awk '/^meshwa_calls_total/ { n += $NF } END { printf "%d\n", n }'
}

breakdown() {  # compose-post: time in the front end vs in the services; crossings per request
  local before=$1
  curl -s "$base/metrics" | awk -v route="/wrk2-api/post/compose" -v before="$before" '
    index($0, "route=\"" route "\"") {
      split($0, kv, " "); value = kv[2]
      if ($0 ~ /^social_http_requests_total/) n = value
      if ($0 ~ /^social_http_handler_seconds_total/) handler = value
      if ($0 ~ /^social_http_service_seconds_total/) service = value
    }
    /^meshwa_calls_total/ { calls += $NF }
    END {
      if (n > 0) {
        printf "compose-post: %d requests, handler %.1f us/request = services %.1f us + front end (parse, reply) %.1f us\n",
          n, handler / n * 1e6, service / n * 1e6, (handler - service) / n * 1e6
        printf "stub crossings during the run: %.1f per request (all routes)\n", (calls - before) / total_requests
      }
    }' total_requests="$2"
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); wrk -t$wrk_threads -c$connections -d${duration}s ${config[*]}"
for workload in mixed compose-post; do
  start_server
  echo "== $workload workload against $base"
  before=$(calls_total)
  out=$(WORKLOAD=$workload wrk -t"$wrk_threads" -c"$connections" -d"${duration}s" --timeout 5s \
    -s "$here/mixed-workload.lua" "$base")
  echo "$out" | grep -E "^result:|Non-2xx|Socket errors"
  requests=$(echo "$out" | sed -n 's/^result: requests=\([0-9]*\).*/\1/p')
  breakdown "$before" "${requests:-1}"
  stop_server
done
