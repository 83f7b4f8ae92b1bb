#!/usr/bin/env bash
# Runs benchmark binaries in turn, N rounds (default 7), and prints for each
# the sorted values of one ratio line and their median. Alternating is what
# makes two builds comparable on a VM whose speed drifts within minutes.
#
#   N=7 bench/common/alternate.sh 'gated call' OLD_BINARY build/bin/mpk_bench
#
# Arguments: a text that picks the ratio line, then the binaries. Each binary
# runs with BENCH_ARGS (default --benchmark_filter=Wrpkru|Gated).
set -euo pipefail
pick="$1"
shift
rounds="${N:-7}"
args="${BENCH_ARGS:---benchmark_filter=Wrpkru|Gated}"
declare -A values
for _ in $(seq "$rounds"); do
  for binary in "$@"; do
    value=$("$binary" $args 2>/dev/null | grep -a "^ratio $pick" | sed -E 's/.*= ([0-9.]+) .*/\1/')
    values[$binary]="${values[$binary]:-} $value"
  done
done
for binary in "$@"; do
  sorted=$(tr ' ' '\n' <<<"${values[$binary]}" | grep . | sort -n | tr '\n' ' ')
  median=$(tr ' ' '\n' <<<"$sorted" | grep . | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')
  echo "$binary: $sorted median $median"
done
