#!/usr/bin/env bash
# Installs the Debian 12 packages meshwa needs. Idempotent: runs `apt-get update`
# and `apt-get install` only when a package is missing, so a second run is instant.
set -euo pipefail

packages=(
  clang-19 libclang-19-dev libclang-cpp19-dev llvm-19-dev
  libclang-rt-19-dev  # the sanitizers' runtimes: unit.registry_under_thread_sanitizer
  cmake ninja-build ccache
  libboost-dev libcli11-dev nlohmann-json3-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  libcpp-httplib-dev libssl-dev
  wrk curl
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
