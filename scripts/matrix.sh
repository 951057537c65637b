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
cache=${SIPADV_MATRIX_CACHE:-/var/cache/sipadv-matrix}
logs=${SIPADV_MATRIX_LOGS:-/tmp/sipadv-matrix-logs}
mirror=${SIPADV_MATRIX_MIRROR:-http://deb.debian.org/debian}
# Step time limits, in seconds.
t_create=${SIPADV_MATRIX_T_CREATE:-1200}
t_build=${SIPADV_MATRIX_T_BUILD:-900}
t_test=${SIPADV_MATRIX_T_TEST:-1200}

[ "$(id -u)" -eq 0 ] || { echo "matrix.sh: run as root (debootstrap, chroot, tests as nobody)" >&2; exit 2; }
[ $# -gt 0 ] || set -- trixie forky host
for r in "$@"; do
    case $r in trixie|forky|host) ;; *) echo "matrix.sh: unknown release $r (trixie, forky, host)" >&2; exit 2 ;; esac
done
mkdir -p "$cache" "$logs"

mounted=""
cleanup() {
    for m in $mounted; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
    mounted=""
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM HUP

log() { echo "matrix: $*" >&2; }

# mount_proc DIR: tshark as nobody via setpriv, ctest -j and glib need /proc.
# Called in this shell, never in a $(...) subshell, so cleanup knows the mount.
mount_proc() {
    if ! mountpoint -q "$1/proc"; then
        mount -t proc proc "$1/proc"
        mounted="$mounted $1/proc"
    fi
}

# in_root DIR TIMEOUT CMD: CMD in the chroot DIR (mount_proc DIR first).
in_root() {
    dir=$1 limit=$2; shift 2
    timeout -k 30 "$limit" chroot "$dir" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive /bin/sh -c "$*"
}

# create RELEASE DIR: a minimal Debian with what scripts/deps.sh would install.
create() {
    rel=$1 dir=$2
    [ -f "$dir/.sipadv-matrix-ready" ] && return 0
    log "creating the $rel chroot in $dir (once; cached afterwards)"
    script=$rel
    if [ ! -e "/usr/share/debootstrap/scripts/$rel" ]; then
        # Old debootstraps do not know the newest code names; they bootstrap like sid.
        ln -s sid "/usr/share/debootstrap/scripts/$rel"
    fi
    command -v debootstrap > /dev/null || { apt-get update -q && apt-get install -y -q debootstrap; }
    rm -rf "$dir"
    # minbase only: debootstrap's own resolver fails on Wireshark 4.6's virtual
    # dependencies, so everything else comes from apt inside the chroot.
    timeout -k 30 "$t_create" debootstrap --variant=minbase "$script" "$dir" "$mirror"
    # The mirror's testing index may be past its Valid-Until date.
    echo 'Acquire::Check-Valid-Until "false";' > "$dir/etc/apt/apt.conf.d/99sipadv-matrix"
    cp /etc/resolv.conf "$dir/etc/resolv.conf" 2>/dev/null || true
    # scripts/deps.sh installs the rest (it runs apt-get update itself).
    mkdir -p "$dir/root/deps"
    cp scripts/deps.sh "$dir/root/deps/deps.sh"
    mount_proc "$dir"
    in_root "$dir" "$t_create" /root/deps/deps.sh
    touch "$dir/.sipadv-matrix-ready"
}

# copy_tree DEST: the working tree (tracked and untracked, not ignored) into DEST.
copy_tree() {
    rm -rf "$1"
    mkdir -p "$1"
    if git -C "$src" rev-parse --git-dir > /dev/null 2>&1; then
        git -C "$src" ls-files -z -co --exclude-standard |
            xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
            tar --null -T - -cf - | tar -xf - -C "$1"
    else
        tar --exclude='./build*' -cf - . | tar -xf - -C "$1"
    fi
}

rows=""
status=0
for rel in "$@"; do
    start=$(date +%s)
    if [ "$rel" = host ]; then
        root=""
        tree=$(mktemp -d /tmp/sipadv-matrix-host.XXXXXX)
        chmod 755 "$tree"
        run() { limit=$1; shift; (cd "$tree" && timeout -k 30 "$limit" /bin/sh -c "$*"); }
        label="host ($(. /etc/os-release && echo "${VERSION_CODENAME:-?}"))"
    else
        root=$cache/$rel
        if ! create "$rel" "$root" > "$logs/$rel.create.log" 2>&1; then
            log "creating the $rel chroot failed: see $logs/$rel.create.log"
            tail -n 20 "$logs/$rel.create.log" >&2
            rows="$rows$rel|?|chroot failed|-\n"
            status=1
            cleanup
            continue
        fi
        tree=$root/root/sipadv
        mount_proc "$root"
        run() { limit=$1; shift; in_root "$root" "$limit" "cd /root/sipadv && $*"; }
        label=$rel
    fi
    created=$(date +%s)
    copy_tree "$tree"
    ver=$(run 60 "pkg-config --modversion wireshark 2>/dev/null || tshark -v 2>/dev/null | sed -n '1s/.*) \([0-9.]*\).*/\1/p'" 2>/dev/null || echo "?")
    ver=$(echo "$ver" | head -n 1)
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
    awk -F'|' '{ for (i = 1; i <= NF; i++) { c[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } n = NR; if (NF > nf) nf = NF }
        END { for (r = 1; r <= n; r++) { line = ""; for (i = 1; i <= nf; i++) line = line sprintf("%-" w[i] + 2 "s", c[r, i]); sub(/ +$/, "", line); print line } }'
echo "logs: $logs"
exit "$status"
