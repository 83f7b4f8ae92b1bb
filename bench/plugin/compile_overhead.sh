#!/usr/bin/env bash
# Compile-time cost of the meshwa plugin: `clang++-19 -fsyntax-only` with and
# without -fplugin on
#   1. one large translation unit (tests/plugin/robustness/heavy_headers.cpp:
#      ~35 standard headers, Boost.Hana, meshwa.hpp, service-style code), and
#   2. every service translation unit of the build (the compile_commands.json
#      entries compiled with the plugin: samples/, tests/codegen/shop),
# each run RUNS times, alternating without/with so that machine noise hits
# both sides alike; the figure is the ratio of the medians. Time is the CPU
# time (user + sys) of the compiler process: on a machine shared with other
# builds, wall time mostly measures the neighbours.
#
# usage: bench/plugin/compile_overhead.sh <build-dir> [RUNS]
# (CMake target: `cmake --build <build> --target bench_plugin_overhead`)
set -euo pipefail

build=${1:?usage: compile_overhead.sh <build-dir> [runs]}
build=$(cd "$build" && pwd)  # absolute: the service TUs compile in their own directories
runs=${2:-7}
repo=$(cd "$(dirname "$0")/../.." && pwd)
plugin="$build/lib/libmeshwa_plugin.so"
cxx=${CXX:-clang++-19}
[[ -f "$plugin" ]] || { echo "no plugin at $plugin: build the meshwa_plugin target first" >&2; exit 1; }

# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2] + a[NR/2+1]) / 2}'; }

# time_once <command...>: CPU time (user + sys, children included) in ms of
# one run; a failing compile is an error (the bench must measure real,
# successful work).
time_once() {
  local t
  t=$( { TIMEFORMAT='%3U %3S'; time "$@" >/dev/null 2>&1 || echo FAILED; } 2>&1 )
  [[ "$t" != *FAILED* ]] || { echo "command failed: $*" >&2; exit 1; }
  awk -v u="${t% *}" -v s="${t#* }" 'BEGIN {printf "%.0f\n", (u + s) * 1000}'
}

# measure <label> <command-without-plugin...> : runs it with and without the plugin
measure() {
  local label=$1; shift
  local without=() with=()
  for ((i = 0; i < runs; ++i)); do
    without+=("$(time_once "$@")")
    with+=("$(time_once "$@" "-fplugin=$plugin")")
  done
  local m0 m1
  m0=$(printf '%s\n' "${without[@]}" | median)
  m1=$(printf '%s\n' "${with[@]}" | median)
  awk -v l="$label" -v a="$m0" -v b="$m1" \
    'BEGIN {printf "%-44s without %7.0f ms   with %7.0f ms   overhead %+5.1f %%  (CPU time)\n", l, a, b, (b - a) * 100 / a}'
}

echo "clang: $($cxx --version | head -1); runs per side: $runs (median)"
measure "large TU (heavy_headers.cpp)" \
  "$cxx" -std=c++20 -fsyntax-only -D_GLIBCXX_ASSERTIONS -I"$repo/include" \
  "$repo/tests/plugin/robustness/heavy_headers.cpp"

# The service translation units: their own flags from compile_commands.json,
# minus outputs and the plugin, all compiled in one timed command per side.
db="$build/compile_commands.json"
if [[ -f "$db" ]]; then
  script=$(mktemp)
  trap 'rm -f "$script"' EXIT
  python3 - "$db" "$cxx" "$plugin" >"$script" <<'PY'
import json, shlex, subprocess, sys, os
db, cxx, plugin = sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3])
print('set -e')
count = skipped = 0
for e in json.load(open(db)):
    cmd = e.get('command', '')
    if '-fplugin=' not in cmd or not os.path.exists(e['file']):
        continue
    args = shlex.split(cmd)
    out, skip = [], False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in ('-o', '-MF', '-MT', '-MQ'):
            skip = True
            continue
        if a in ('-c', '-MD', '-MMD') or a.startswith('-fplugin='):
            continue
        out.append(a)
    # Only files that compile in this build (generated headers exist) and
    # that the plugin accepts (tests/codegen/invalid holds services that are
    # wrong on purpose; they are test inputs, not service code to time).
    if any(subprocess.run([cxx] + out + extra + ['-fsyntax-only'], cwd=e['directory'],
                          capture_output=True).returncode != 0 for extra in ([], ['-fplugin=' + plugin])):
        skipped += 1
        continue
    print('(cd %s && %s %s -fsyntax-only "$@")' % (shlex.quote(e['directory']), cxx, ' '.join(map(shlex.quote, out))))
    count += 1
print('# %d translation units, %d skipped (not compilable in this build, or rejected on purpose)' % (count, skipped))
PY
  n=$(grep -c '^(cd' "$script" || true)
  grep '^# ' "$script" | sed 's/^# /service TUs: /' 
  if [[ "$n" -gt 0 ]]; then
    measure "service TUs of the build ($n files)" bash "$script"
  fi
fi
