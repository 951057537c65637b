#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Mutation fuzzing of the plugin inside tshark: every capture of captures/ and
# captures/crafted/ is corrupted with `editcap -E 0.02 --seed S` (2 % of the
# bytes of each frame changed at random, reproducibly per seed) and dissected
# with the plugin, as nobody, with everything on (-V, both languages, the
# expert tap). Fails on a non-zero exit, a signal, or "Dissector bug",
# assertion or sanitizer text in tshark's stderr.
#
#   editcap-fuzz.sh [--seeds N] [--first S] [--prob P] [--keep DIR]
#
# --seeds N   seeds S .. S+N-1 per capture (default 3)
# --first S   first seed (default 1)
# --prob P    editcap error probability (default 0.02)
# --keep DIR  keep the mutated captures that failed in DIR (default: the work folder is printed)
# Environment: SIPADV_PLUGIN (the .so), SIPADV_SRC (source tree), as for tests/e2e/run.sh;
# SIPADV_TSHARK_PRELOAD / ASAN_OPTIONS / UBSAN_OPTIONS go to tshark (scripts/test-sanitized.sh).
set -eu
: "${SIPADV_PLUGIN:?}" "${SIPADV_SRC:?}"
seeds=3 first=1 prob=0.02 keep=
while [ $# -gt 0 ]; do
    case $1 in
    --seeds) seeds=$2; shift 2 ;;
    --first) first=$2; shift 2 ;;
    --prob) prob=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    *) echo "usage: $0 [--seeds N] [--first S] [--prob P] [--keep DIR]" >&2; exit 2 ;;
    esac
done
scripts=$SIPADV_SRC/scripts
work=$(mktemp -d /tmp/sipadv-editcap.XXXXXX)
chmod 755 "$work"
"$scripts/stage-plugin" "$SIPADV_PLUGIN" "$work/home"
ts() { "$scripts/tshark-as-user" "$work/home" "$@"; }

"$scripts/require-plugin" "$work/home"

failures=0 runs=0
for capture in "$SIPADV_SRC"/captures/*.pcapng "$SIPADV_SRC"/captures/crafted/*.pcap; do
    name=$(basename "$capture")
    s=$first
    while [ "$s" -lt $((first + seeds)) ]; do
        mutated=$work/$s-$name
        editcap -E "$prob" --seed "$s" "$capture" "$mutated" 2> /dev/null
        chmod 644 "$mutated"
        rc=0
        ts -r "$mutated" -V -o sipadv.language:both -z expert,sip > /dev/null 2> "$work/stderr" || rc=$?
        runs=$((runs + 1))
        bad=
        [ "$rc" -eq 0 ] || bad="exit status $rc"
        if grep -qE "Dissector bug|assert|Assert|Segmentation|AddressSanitizer|LeakSanitizer|runtime error|ERROR SUMMARY: [1-9]" "$work/stderr"; then
            bad="${bad:+$bad, }tshark complained"
        fi
        if [ -n "$bad" ]; then
            failures=$((failures + 1))
            echo "FAIL: $name seed $s ($bad): editcap -E $prob --seed $s $capture" >&2
            sed 's/^/    /' "$work/stderr" | head -40 >&2
            if [ -n "$keep" ]; then mkdir -p "$keep"; cp "$mutated" "$keep/"; fi
        fi
        rm -f "$mutated"
        s=$((s + 1))
    done
done
rm -rf "$work"
if [ "$failures" -ne 0 ]; then
    echo "FAIL: $failures of $runs mutated captures broke tshark with the plugin" >&2
    exit 1
fi
echo "ok: $runs mutated captures (seeds $first..$((first + seeds - 1)), -E $prob), no crash or complaint"
