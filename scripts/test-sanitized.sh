#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The whole ctest suite against an AddressSanitizer + UndefinedBehaviorSanitizer
# build of the plugin (SIPADV_SANITIZE=ON, its own build folder). tshark itself
# is not instrumented: it runs with the ASan and UBSan runtimes preloaded, leak
# detection off (tshark leaks by design at exit). tests/e2e/run.sh and
# tests/fuzz/editcap-fuzz.sh fail on any sanitizer report in tshark's stderr;
# UBSan aborts on the first error (-fno-sanitize-recover).
#
#   scripts/test-sanitized.sh [ctest arguments...]     e.g. -L fuzz, -R e2e_torture
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh
build=${SIPADV_SANITIZE_BUILD:-build-sanitize}
cmake -S . -B "$build" -DSIPADV_WERROR=ON -DSIPADV_SANITIZE=ON > /dev/null
cmake --build "$build" -j"$(nproc)"
asan=$(gcc -print-file-name=libasan.so)
ubsan=$(gcc -print-file-name=libubsan.so)
[ -f "$asan" ] && [ -f "$ubsan" ] || { echo "test-sanitized: no libasan/libubsan for gcc" >&2; exit 2; }
# Preloaded into tshark only (scripts/tshark-as-user), not into editcap or mergecap.
export SIPADV_TSHARK_PRELOAD="$asan $ubsan"
export ASAN_OPTIONS=detect_leaks=0:verify_asan_link_order=0:abort_on_error=1:detect_odr_violation=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cd "$build"
# The unit tests are instrumented themselves; ctest runs them with the preload too (harmless).
ctest --output-on-failure -j"$(nproc)" "$@"
