#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# bench/instructions.sh [--plugin PATH] [--capture FILE] [--packets N]
# The noise-free half of the benchmark: instructions executed by tshark (valgrind
# callgrind) with and without the plugin, on the first N packets (default 20000)
# of the benchmark capture, for the same two workloads as run.sh. Instruction
# counts repeat exactly from run to run, whatever else the machine does; wall
# time on a shared 2-core machine does not.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
plugin=$root/build/sipadv.so
capture=$here/out/sip-heavy.pcap
packets=20000
while [ $# -gt 0 ]; do
    case $1 in
    --plugin) plugin=$2; shift 2 ;;
    --capture) capture=$2; shift 2 ;;
    --packets) packets=$2; shift 2 ;;
    *) echo "usage: $0 [--plugin PATH] [--capture FILE] [--packets N]" >&2; exit 2 ;;
    esac
done
command -v valgrind > /dev/null || { [ "$(id -u)" -eq 0 ] && apt-get install -y -q valgrind > /dev/null; }
[ -f "$capture" ] || "$here/make-capture.sh" "$capture"
work=$(mktemp -d /tmp/sipadv-instr.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 1777 "$work"   # the unprivileged tshark writes its callgrind output here
editcap -r "$capture" "$work/cut.pcap" "1-$packets"
chmod 644 "$work/cut.pcap"
"$root/scripts/stage-plugin" "$plugin" "$work/with"
"$root/scripts/stage-plugin" - "$work/without"

count() {  # count HOME-NAME ARGS...: instructions of one tshark run
    home=$1; shift
    out=$work/cg.$(date +%s%N)
    if [ "$(id -u)" -eq 0 ]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups env -i PATH="$PATH" HOME="$work/$home" \
            WIRESHARK_PLUGIN_DIR="$work/$home/global-plugins" \
            valgrind --tool=callgrind --callgrind-out-file="$out" tshark -r "$work/cut.pcap" "$@" \
            > /dev/null 2> "$out.log"
    else
        env HOME="$work/$home" WIRESHARK_PLUGIN_DIR="$work/$home/global-plugins" \
            valgrind --tool=callgrind --callgrind-out-file="$out" tshark -r "$work/cut.pcap" "$@" \
            > /dev/null 2> "$out.log"
    fi
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$out.log"
}

echo "| Workload ($packets packets) | Instructions, baseline | Instructions, sipadv | Δ |"
echo "|---|---:|---:|---:|"
for workload in "" "-Y sip.Status-Code>=400"; do
    # shellcheck disable=SC2086
    base=$(count without $workload)
    # shellcheck disable=SC2086
    with=$(count with $workload)
    label=${workload:+ $workload}
    awk -v b="$base" -v w="$with" -v l="\`tshark -r FILE$label\`" \
        'BEGIN { printf "| %s | %.0f | %.0f | %+.1f%% |\n", l, b, w, (w - b) * 100 / b }'
done
