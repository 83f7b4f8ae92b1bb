#!/usr/bin/env bash
# Starts the social_network binary on an ephemeral loopback port, drives it
# with curl (compose, read back, login, a bad request) and stops it with
# SIGTERM. Usage: social_network_binary.sh <path to social_network>
set -euo pipefail
binary=$1

# --list says how domains are isolated on this machine, then the services.
listing=$("$binary" --list)
head -n1 <<<"$listing" | grep -Eq '^mpk: (hardware isolation|software-only isolation \(.+\))' ||
  { echo "$listing"; echo "FAIL: --list does not start with the isolation mode"; exit 1; }
grep -Eq '^crypto \(social::OpenSslCrypto\) provides social::Crypto \[MPK domain(, software-only here: no MPK)?: ' <<<"$listing" ||
  { echo "$listing"; echo "FAIL: --list does not show crypto's MPK domain"; exit 1; }

log=$(mktemp)
"$binary" --port 0 >"$log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; rm -f "$log"; }
trap cleanup EXIT

base=
for _ in $(seq 100); do
  base=$(sed -n 's/^social_network: listening on \(http:[^ ]*\).*/\1/p' "$log")
  [[ -n $base ]] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "FAIL: the binary exited"; exit 1; }
  sleep 0.1
done
[[ -n $base ]] || { cat "$log"; echo "FAIL: no 'listening on' line"; exit 1; }
grep -q "loaded 962 users and 37624 follows" "$log" || { cat "$log"; echo "FAIL: loader"; exit 1; }

expect() {  # expect <status> <substring> curl-args...
  local want=$1 says=$2; shift 2
  local body status
  body=$(curl -s -w '\n%{http_code}' "$@")
  status=${body##*$'\n'}
  body=${body%$'\n'*}
  if [[ $status != "$want" || $body != *"$says"* ]]; then
    echo "FAIL: curl $* -> $status '$body' (wanted $want with '$says')"
    exit 1
  fi
}
expect 200 "Successfully upload post" -d 'username=username_1&user_id=1&text=hi @username_2 http://example.com&media_ids=["5"]&media_types=["png"]' "$base/wrk2-api/post/compose"
expect 200 '"username":"username_2"' "$base/wrk2-api/user-timeline/read?user_id=1&start=0&stop=10"
expect 200 "http://short-url/" "$base/wrk2-api/home-timeline/read?user_id=2&start=0&stop=10"
expect 200 "." -d 'username=username_3&password=password_3' "$base/api/user/login"
expect 401 "Login Failed" -d 'username=username_3&password=nope' "$base/api/user/login"
expect 400 "Incomplete arguments" -d 'username=username_3' "$base/wrk2-api/post/compose"

kill -TERM "$pid"
for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then echo "FAIL: did not stop on SIGTERM"; exit 1; fi
wait "$pid" || { cat "$log"; echo "FAIL: non-zero exit"; exit 1; }
grep -q "social_network: stopped" "$log" || { cat "$log"; echo "FAIL: no clean stop"; exit 1; }
echo "PASS: $base"
