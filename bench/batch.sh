#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-or-later
# batch.sh [--plugin PATH] [--capture FILE] [--packets N] [--copies N] [--rounds N]
#
# How scripts/sipadv-batch scales (issue 12's budget): the wall time of the
# batch over N copies of a capture against one file's time × N / cores, where
# one file's time is the same command on one copy. Budget: at most 1.2.
# Each round times one file, then the N copies, back to back (the machine's
# speed drifts; the median of the rounds' ratios is printed).
#
# Defaults: --plugin build/sipadv.so, --capture bench/out/sip-heavy.pcap cut
# to its first --packets 20000 packets, --copies 8, --rounds 3.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
plugin=$repo/build/sipadv.so
capture=$repo/bench/out/sip-heavy.pcap
packets=20000
copies=8
rounds=3
while [ $# -gt 0 ]; do
    case $1 in
    --plugin) plugin=$(realpath "$2"); shift 2 ;;
    --capture) capture=$(realpath "$2"); shift 2 ;;
    --packets) packets=$2; shift 2 ;;
    --copies) copies=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    *) echo "usage: $0 [--plugin PATH] [--capture FILE] [--packets N] [--copies N] [--rounds N]" >&2; exit 2 ;;
    esac
done
[ -f "$capture" ] || "$repo/bench/make-capture.sh" "$capture"
work=$(mktemp -d /tmp/sipadv-bench-batch.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
"$repo/scripts/stage-plugin" "$plugin" "$work/home"
"$repo/scripts/require-plugin" "$work/home"
mkdir "$work/one" "$work/many"
editcap -r "$capture" "$work/one/capture.pcap" "1-$packets"
for i in $(seq "$copies"); do cp "$work/one/capture.pcap" "$work/many/copy$i.pcap"; done
chmod -R a+rX "$work/one" "$work/many"
export SIPADV_TSHARK="$repo/scripts/tshark-as-user $work/home"
cores=$(nproc)

seconds() {  # the batch's wall time over FOLDER
    local start=$EPOCHREALTIME
    "$repo/scripts/sipadv-batch" -o "$work/out" "$1" 2> /dev/null
    awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { print b - a }'
}
echo "sipadv-batch over $copies copies of the first $packets packets of $(basename "$capture"), $cores cores"
echo "round  one_file_s  batch_s  ratio (batch / (one × $copies / $cores))"
ratios=()
for r in $(seq "$rounds"); do
    one=$(seconds "$work/one")
    many=$(seconds "$work/many")
    ratio=$(awk -v o="$one" -v m="$many" -v n="$copies" -v c="$cores" 'BEGIN { printf "%.3f", m / (o * n / c) }')
    ratios+=("$ratio")
    printf '%5d  %10.2f  %7.2f  %s\n' "$r" "$one" "$many" "$ratio"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "median ratio %.3f (budget 1.2)\n", v[int((NR + 1) / 2)] }'
