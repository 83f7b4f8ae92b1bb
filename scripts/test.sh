#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: install what is missing,
# configure, build everything, run CTest (ends with CTest's summary).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset default
cmake --build --preset default
ctest --preset default
