#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: install what is missing, build
# the socialNetwork deployment (samples/social_network) and start it on its
# embedded stores with the loaded users and graph, serving HTTP on
# 127.0.0.1:8080 until Ctrl-C. Arguments go to the binary (--port, --no-load,
# --config FILE, --list, --help).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset default >/dev/null
cmake --build --preset default --target social_network
exec build/bin/social_network "$@"
