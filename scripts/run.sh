#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: install what is missing, build
# the sample deployment and start it on its embedded default.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset default >/dev/null
cmake --build --preset default --target meshwa_demo
exec build/bin/meshwa_demo "$@"
