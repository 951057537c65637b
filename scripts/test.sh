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
# Robustness (README, "Robustness"): the suite again against an ASan+UBSan build
# of the plugin, then valgrind on every capture. SIPADV_TEST_QUICK=1 skips both.
if [ "${SIPADV_TEST_QUICK:-0}" != 1 ]; then
    cd ..
    # Peak memory means nothing under ASan (shadow memory, quarantine): not measured there.
    scripts/test-sanitized.sh -E 'fuzz_libfuzzer|e2e_bounded_memory|e2e_memory_per_call' "$@"
    scripts/test-valgrind.sh --build "$build"
fi
