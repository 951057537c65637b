#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The whole test suite: a warning-free (-Werror) build, unit and end-to-end tests.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh
build=${SIPADV_TEST_BUILD:-build-test}
cmake -S . -B "$build" -DSIPADV_WERROR=ON > /dev/null
cmake --build "$build" -j"$(nproc)"
cd "$build"
ctest --output-on-failure -j"$(nproc)" "$@"
