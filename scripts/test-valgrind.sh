#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tshark with the plugin under valgrind memcheck, on every capture of captures/
# and captures/crafted/ (-V, both languages, expert tap: every code path that
# tshark reaches). Only errors whose stack passes through sipadv.so count:
# tshark and its libraries have their own (and leak by design, so leak kinds
# are not errors). Slow: about 15-30 s per capture.
#
#   scripts/test-valgrind.sh [--jobs N] [--build DIR] [CAPTURE...]
#
# --build  a build folder holding sipadv.so (default build-test; built if missing)
# --jobs   captures checked in parallel (default: nproc)
set -eu
cd "$(dirname "$0")/.."
ROOT=$(pwd)
build=build-test jobs=$(nproc)
while [ $# -gt 0 ]; do
    case $1 in
    --build) build=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --) shift; break ;;
    -*) echo "usage: $0 [--jobs N] [--build DIR] [CAPTURE...]" >&2; exit 2 ;;
    *) break ;;
    esac
done
scripts/deps.sh valgrind >&2
if [ ! -f "$build/sipadv.so" ]; then
    cmake -S . -B "$build" -DSIPADV_WERROR=ON > /dev/null
    cmake --build "$build" -j"$(nproc)"
fi
[ $# -gt 0 ] || set -- "$ROOT"/captures/*.pcapng "$ROOT"/captures/crafted/*.pcap

work=$(mktemp -d /tmp/sipadv-valgrind.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
scripts/stage-plugin "$build/sipadv.so" "$work/home"
# tshark-as-user runs "tshark" from PATH with a cleared environment: each
# capture gets its own wrapper that puts valgrind in front of the real tshark.
mkdir -p "$work/logs"
chmod 777 "$work/logs"
real_tshark=$(command -v tshark)

# check_one CAPTURE: prints "ok"/"FAIL" lines; the XML report stays in logs/
check_one() {
    name=$(basename "$1")
    cp "$1" "$work/$name.cap"; chmod 644 "$work/$name.cap"
    mkdir -p "$work/path-$name"
    printf '#!/bin/sh\nexec valgrind --tool=memcheck --error-exitcode=0 --errors-for-leak-kinds=none --leak-check=no --num-callers=40 --xml=yes --xml-file=%s %s "$@"\n' \
        "$work/logs/$name.xml" "$real_tshark" > "$work/path-$name/tshark"
    chmod 755 "$work/path-$name" "$work/path-$name/tshark"
    rc=0
    PATH="$work/path-$name:$PATH" scripts/tshark-as-user "$work/home" -r "$work/$name.cap" -V \
        -o sipadv.language:both -z expert,sip > /dev/null 2> "$work/logs/$name.stderr" || rc=$?
    # One <error> block per error; count those with sipadv.so in their stack.
    n=$(awk '/<error>/ { e = ""; on = 1 } on { e = e $0 "\n" }
             /<\/error>/ { on = 0; if (e ~ /sipadv\.so/) { n++; printf "%s", e > "/dev/stderr" } }
             END { print n + 0 }' "$work/logs/$name.xml" 2> "$work/logs/$name.sipadv")
    total=$(grep -c "<error>" "$work/logs/$name.xml" || true)
    if [ "$rc" -ne 0 ] || [ "$n" -ne 0 ]; then
        echo "FAIL: $name: tshark exit $rc, $n valgrind error(s) in sipadv.so ($total in all)"
        grep -E "<kind>|<fn>|<file>|<line>" "$work/logs/$name.sipadv" | head -60 | sed 's/^/    /'
        tail -5 "$work/logs/$name.stderr" | sed 's/^/    /'
    else
        echo "ok: $name ($total valgrind error(s) elsewhere, none in sipadv.so)"
    fi
}
export work
for c in "$@"; do echo "$c"; done | {
    running=0
    while read -r c; do
        check_one "$c" > "$work/result-$(basename "$c")" &
        running=$((running + 1))
        if [ "$running" -ge "$jobs" ]; then wait; running=0; fi
    done
    wait
}
cat "$work"/result-*
! grep -q "^FAIL" "$work"/result-*
