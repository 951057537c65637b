#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# matrix.sh [RELEASE...]
# Builds sipadv and runs its whole test suite (scripts/test.sh) against every
# supported Wireshark: Debian 13 "trixie" (4.4) and testing "forky" (4.6) in
# chroots, then this machine (Debian 12, 4.0). RELEASE is trixie, forky or host;
# the default is all three. Prints a summary table; exits non-zero if any fails.
#
# Run as root. The chroots are created once and reused from
# $SIPADV_MATRIX_CACHE/<release> (default /var/cache/sipadv-matrix); delete the
# folder to start afresh. Each run tests a fresh copy of the working tree (tracked
# and untracked files, not ignored ones), so uncommitted changes are tested too.
# Logs: $SIPADV_MATRIX_LOGS (default /tmp/sipadv-matrix-logs)/<release>.*.log
# Mirror: $SIPADV_MATRIX_MIRROR (default http://deb.debian.org/debian).
set -eu
cd "$(dirname "$0")/.."
src=$(pwd)
. "$src/scripts/chroot-lib.sh"
logs=${SIPADV_MATRIX_LOGS:-/tmp/sipadv-matrix-logs}
# Step time limits, in seconds (creating a chroot: SIPADV_MATRIX_T_CREATE, see chroot-lib.sh).
t_build=${SIPADV_MATRIX_T_BUILD:-900}
t_test=${SIPADV_MATRIX_T_TEST:-1200}

[ "$(id -u)" -eq 0 ] || { echo "matrix.sh: run as root (debootstrap, chroot, tests as nobody)" >&2; exit 2; }
[ $# -gt 0 ] || set -- $matrix_releases
check_releases matrix.sh "$@"
mkdir -p "$cache" "$logs"

trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM HUP

log() { echo "matrix: $*" >&2; }

rows=""
status=0
for rel in "$@"; do
    start=$(date +%s)
    if [ "$rel" != host ] && ! create "$rel" "$cache/$rel" > "$logs/$rel.create.log" 2>&1; then
        log "creating the $rel chroot failed: see $logs/$rel.create.log"
        tail -n 20 "$logs/$rel.create.log" >&2
        rows="$rows$rel|?|chroot failed|-\n"
        status=1
        cleanup
        continue
    fi
    use_release "$rel" /root/sipadv /tmp/sipadv-matrix-host
    created=$(date +%s)
    copy_tree "$tree"
    ver=$(wireshark_version)
    log "$label: Wireshark ${ver:-?}: building"
    # The build step is test.sh's own (deps, -Werror configure, build); test.sh
    # then reruns it (a no-op) and runs ctest, so the suite is exactly the project's.
    build=FAIL test=-
    if run "$t_build" 'scripts/deps.sh && cmake -S . -B build-test -DSIPADV_WERROR=ON && cmake --build build-test -j"$(nproc)"' \
        > "$logs/$rel.build.log" 2>&1; then
        build=ok
        built=$(date +%s)
        log "$label: testing"
        if run "$t_test" 'scripts/test.sh' > "$logs/$rel.test.log" 2>&1; then
            # scripts/test.sh runs ctest twice (plain, then sanitized): report both.
            test="ok ($(grep -o '[0-9]* tests failed out of [0-9]*' "$logs/$rel.test.log" | sed 's/.* out of //' | paste -sd+ -) tests)"
        else
            rc=$?
            test="FAIL ($(grep -o '[0-9]* tests failed out of [0-9]*' "$logs/$rel.test.log" | paste -sd, - | grep . || echo "exit $rc"))"
            [ "$rc" -eq 124 ] && test="FAIL (timeout ${t_test}s)"
            status=1
            grep -E '^ *[0-9]+/[0-9]+ Test.*(Failed|Timeout)|^The following tests FAILED' -A 40 "$logs/$rel.test.log" | tail -n 40 >&2 || true
        fi
    else
        rc=$?
        [ "$rc" -eq 124 ] && build="FAIL (timeout ${t_build}s)"
        built=$(date +%s)
        status=1
        tail -n 30 "$logs/$rel.build.log" >&2
    fi
    done_at=$(date +%s)
    rows="$rows$label|${ver:-?}|$build|$test|$((created - start))s|$((built - created))s|$((done_at - built))s\n"
    cleanup
    [ "$rel" = host ] && rm -rf "$tree"
done

echo
printf '%b' "release|Wireshark|build|ctest|chroot|build time|test time\n$rows" |
    print_table
echo "logs: $logs"
exit "$status"
