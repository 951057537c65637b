#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# bench/instructions.sh [--plugin PATH] [--capture FILE] [--packets N] [--cache]
# The noise-free half of the benchmark: instructions executed by tshark (valgrind
# callgrind) with and without the plugin, on the first N packets (default 20000)
# of the benchmark capture, for the same two workloads as run.sh. Instruction
# counts repeat to within about 0.1% from run to run, whatever else the machine
# does; wall time on a shared 2-core machine does not.
#
# Each side is also counted on the capture's first packet alone: that is
# tshark's start-up (registering every protocol, reading preferences), the same
# for any capture. "Per packet" then compares what is left, which is what a
# capture of any length costs beyond start-up; on the 330k-message benchmark
# capture start-up is under 3% of tshark's work, so the per-packet delta is the
# one that predicts it.
#
# --cache adds valgrind's cache simulation and compares estimated cycles,
# Ir + 10 × (L1 misses) + 100 × (last-level misses) (the estimate KCachegrind
# uses), for costs that instruction counts alone would hide.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
plugin=$root/build/sipadv.so
capture=$here/out/sip-heavy.pcap
packets=20000
cache=no
while [ $# -gt 0 ]; do
    case $1 in
    --plugin) plugin=$2; shift 2 ;;
    --capture) capture=$2; shift 2 ;;
    --packets) packets=$2; shift 2 ;;
    --cache) cache=yes; shift ;;
    *) echo "usage: $0 [--plugin PATH] [--capture FILE] [--packets N] [--cache]" >&2; exit 2 ;;
    esac
done
"$root/scripts/deps.sh" valgrind >&2
[ -f "$capture" ] || "$here/make-capture.sh" "$capture"
work=$(mktemp -d /tmp/sipadv-instr.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 1777 "$work"   # the unprivileged tshark writes its callgrind output here
editcap -r "$capture" "$work/cut.pcap" "1-$packets"
editcap -r "$capture" "$work/one.pcap" 1
chmod 644 "$work/cut.pcap" "$work/one.pcap"
"$root/scripts/stage-plugin" "$plugin" "$work/with"
"$root/scripts/stage-plugin" - "$work/without"

# count OUT HOME-NAME PCAP ARGS...: writes "Ir estimated-cycles" of one tshark run to OUT
real_tshark=$(command -v tshark)
count() {
    res=$1 home=$2 pcap=$3; shift 3
    out=$work/cg.$(basename "$res")
    # scripts/tshark-as-user runs "tshark" from PATH: this one puts callgrind in front of the real one.
    mkdir -p "$out.path"
    printf '#!/bin/sh\nexec valgrind --tool=callgrind --cache-sim=%s --callgrind-out-file=%s %s "$@"\n' \
        "$cache" "$out" "$real_tshark" > "$out.path/tshark"
    chmod 755 "$out.path" "$out.path/tshark"
    PATH="$out.path:$PATH" "$root/scripts/tshark-as-user" "$work/$home" -r "$work/$pcap" "$@" > /dev/null 2> "$out.log" ||
        { tail -n 20 "$out.log" >&2; echo "instructions.sh: tshark failed" >&2; exit 1; }
    # Events: Ir, then with the cache simulation Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw.
    sed -n 's/.*Collected : \(.*\)/\1/p' "$out.log" |
        awk '{ est = $1; if (NF >= 9) est += 10 * ($4 + $5 + $6) + 100 * ($7 + $8 + $9); printf "%.0f %.0f\n", $1, est }' > "$res"
    [ -s "$res" ] || { echo "instructions.sh: no callgrind totals in $out.log" >&2; exit 1; }
}

# Two runs at a time (the counts do not depend on it): the start-up counts,
# then both sides of each workload.
measure() {  # measure NAME ARGS...
    name=$1; shift
    count "$work/$name.without" without cut.pcap "$@" & p1=$!
    count "$work/$name.with" with cut.pcap "$@" & p2=$!
    wait $p1 && wait $p2
}
count "$work/one.without" without one.pcap & p1=$!
count "$work/one.with" with one.pcap & p2=$!
wait $p1 && wait $p2
measure read
measure filter -Y 'sip.Status-Code>=400'

report() {  # report COLUMN(1 = Ir, 2 = estimated cycles) UNIT
    col=$1 unit=$2
    echo "| Workload ($packets packets) | $unit, baseline | $unit, sipadv | Δ | Δ per packet, after start-up | sipadv per packet |"
    echo "|---|---:|---:|---:|---:|---:|"
    for name in read filter; do
        case $name in
        read) label='`tshark -r FILE`' ;;
        filter) label="\`tshark -r FILE -Y 'sip.Status-Code >= 400'\`" ;;
        esac
        cat "$work/one.without" "$work/one.with" "$work/$name.without" "$work/$name.with" |
            awk -v c="$col" -v l="$label" -v n="$packets" '
                { v[NR] = $c }
                END {
                    b1 = v[1]; w1 = v[2]; b = v[3]; w = v[4]
                    printf "| %s | %.0f | %.0f | %+.1f%% | %+.1f%% | %+.0f |\n", l, b, w, (w - b) * 100 / b,
                        ((w - w1) - (b - b1)) * 100 / (b - b1), ((w - w1) - (b - b1)) / (n - 1)
                }'
    done
    echo
}
report 1 Instructions
[ "$cache" = no ] || report 2 "Estimated cycles"
awk '{ printf "Start-up (first packet only): baseline %.0f, ", $1 }' "$work/one.without"
awk '{ printf "sipadv %.0f instructions.\n", $1 }' "$work/one.with"
