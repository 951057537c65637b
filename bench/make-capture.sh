#!/usr/bin/env bash
# make-capture.sh OUT.pcap [N_MESSAGES]
#
# Generates a SIP-heavy capture for the sipadv benchmark: a sipp UAC calls a
# sipp UAS over UDP on loopback (127.0.0.1 only) and dumpcap records the
# traffic. The scenarios in bench/sipp/ mix outcomes so that responses of
# several classes appear (100, 180, 200 and ~40% of calls failing with 486,
# 404 or 503). Verifies with tshark that OUT holds at least N_MESSAGES SIP
# messages (default 320000) and that dumpcap dropped nothing; retries at a lower
# call rate when packets were dropped or more than 0.1% of calls failed, with
# more calls when the count fell short.
#
# Every call gets its own SDP media address/port (sipp injection file), as
# calls on a real media server would spread over a port range: with sipp's one
# fixed media port, Wireshark 4.0's RTP setup tracking (srtp_add_address, fed by
# SDP) walks a list of every earlier call on that address, so tshark's time
# grows with the square of the call count and the SIP dissection the benchmark
# is about drowns (~10 min instead of ~10 s for 320k messages).
#
# Environment (optional):
#   SIPADV_BENCH_RATE  initial call rate in calls/s (default 1500)
#   SIPADV_BENCH_PORT  UDP port of the UAS (default 15060; the UAC uses PORT+1)
#
# Needs root (or capture rights) for dumpcap on lo. Installs sip-tester and
# tshark with apt-get when they are missing.
set -euo pipefail

usage() { echo "usage: $0 OUT.pcap [N_MESSAGES]" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
out=$1
target=${2:-320000}
case $target in ''|*[!0-9]*) usage ;; esac
[ "$target" -ge 1 ] || usage

here=$(cd "$(dirname "$0")" && pwd)
rate=${SIPADV_BENCH_RATE:-1500}
port=${SIPADV_BENCH_PORT:-15060}
uac_port=$((port + 1))
# Average SIP messages per call for the scenario mix (see sipp/uas-mixed.xml):
# 0.6*7 + 0.2*5 + 0.1*4 + 0.1*4 = 6.0; 3% margin for the random mix.
msgs_per_call=6.0
margin=1.03
max_attempts=4

log() { echo "make-capture: $*" >&2; }
die() { log "error: $*"; exit 1; }

# --- tools -------------------------------------------------------------------
# sipp, and tshark with dumpcap and capinfos (wireshark-common).
"$here/../scripts/deps.sh" sip-tester wireshark-common >&2 || die "cannot install sip-tester and tshark"

port_busy() { [ -n "$(ss -Hlun "sport = :$1" 2>/dev/null)" ]; }
port_busy "$port" && die "UDP port $port is in use (set SIPADV_BENCH_PORT)"
port_busy "$uac_port" && die "UDP port $uac_port is in use (set SIPADV_BENCH_PORT)"

outdir=$(dirname "$out")
mkdir -p "$outdir"
work=$(mktemp -d "$outdir/.make-capture.XXXXXX")
dump_pid='' uas_pid=''
cleanup() {
    [ -n "$dump_pid" ] && kill -INT "$dump_pid" 2>/dev/null && wait "$dump_pid" 2>/dev/null || true
    [ -n "$uas_pid" ] && kill -INT "$uas_pid" 2>/dev/null && wait "$uas_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# One capture run: $1 = calls, $2 = rate. Sets: got_msgs, got_drops, uac_rc.
capture_once() {
    local calls=$1 r=$2 pcap="$work/capture.pcap"
    rm -f "$pcap" "$work"/*.log "$work"/media.csv
    got_msgs=0 got_drops=0 uac_rc=0

    dumpcap -i lo -f "udp port $port" -B 64 -P -w "$pcap" 2>"$work/dumpcap.log" &
    dump_pid=$!
    for _ in $(seq 100); do
        grep -q '^File:' "$work/dumpcap.log" 2>/dev/null && break
        kill -0 "$dump_pid" 2>/dev/null || { cat "$work/dumpcap.log" >&2; die "dumpcap failed to start"; }
        sleep 0.1
    done
    grep -q '^File:' "$work/dumpcap.log" || die "dumpcap did not start capturing"

    # Per-call SDP media: field0 = UAC address, field1 = UAS address, field2 =
    # port; loopback addresses (nothing is sent there: sipp plays no RTP).
    awk -v n="$calls" 'BEGIN {
        print "SEQUENTIAL"
        for (i = 0; i < n; i++) {
            b = int(i / 25000) % 250; p = 10000 + 2 * (i % 25000)
            printf "127.1.%d.1;127.2.%d.1;%d;\n", b, b, p
        } }' >"$work/media.csv"

    sipp -sf "$here/sipp/uas-mixed.xml" -inf "$work/media.csv" -i 127.0.0.1 -p "$port" -nostdin \
        >"$work/uas.log" 2>&1 &
    uas_pid=$!
    sleep 0.5
    kill -0 "$uas_pid" 2>/dev/null || { cat "$work/uas.log" >&2; die "sipp UAS failed to start"; }

    # Hard stop well past the expected duration, so a wedged run cannot hang.
    local tmo=$(( calls / r * 3 + 60 ))
    sipp -sf "$here/sipp/uac-mixed.xml" -inf "$work/media.csv" -i 127.0.0.1 -p "$uac_port" -s service \
        -r "$r" -m "$calls" -timeout "${tmo}s" -nostdin "127.0.0.1:$port" \
        >"$work/uac.log" 2>&1 || uac_rc=$?

    sleep 1   # let the last ACKs/200s reach the capture
    kill -INT "$dump_pid"; wait "$dump_pid" || true; dump_pid=''
    kill -INT "$uas_pid" 2>/dev/null || true; wait "$uas_pid" 2>/dev/null || true; uas_pid=''

    # "Packets received/dropped on interface 'Loopback: lo': R/D (pcap:a/dumpcap:b/flushed:c/ps_ifdrop:d)"
    local stats
    stats=$(grep 'received/dropped' "$work/dumpcap.log" | tail -n 1)
    [ -n "$stats" ] || { cat "$work/dumpcap.log" >&2; die "no statistics from dumpcap"; }
    got_drops=$(echo "$stats" | sed -n 's/.*: [0-9]*\/\([0-9]*\) (pcap:\([0-9]*\)\/dumpcap:\([0-9]*\)\/flushed:\([0-9]*\)\/ps_ifdrop:\([0-9]*\)).*/\1 \2 \3 \4 \5/p' |
        awk '{ print $1 + $3 + $4 + $5 }')
    [ -n "$got_drops" ] || die "cannot parse dumpcap statistics: $stats"
    chmod a+r "$pcap"
    # One line per SIP message: its status code (empty for requests).
    tshark -r "$pcap" -Y sip -T fields -e sip.Status-Code 2>/dev/null >"$work/codes.txt"
    got_msgs=$(wc -l <"$work/codes.txt")
}

calls=$(awk -v t="$target" -v m="$msgs_per_call" -v g="$margin" 'BEGIN { c = t / m * g; printf "%d", (c == int(c)) ? c : int(c) + 1 }')
start=$(date +%s)
ok=0
for attempt in $(seq "$max_attempts"); do
    log "attempt $attempt: $calls calls at $rate calls/s on 127.0.0.1:$port (target $target SIP messages)"
    t0=$(date +%s)
    capture_once "$calls" "$rate"
    log "attempt $attempt: $got_msgs SIP messages, $got_drops dropped, UAC exit $uac_rc, $(( $(date +%s) - t0 ))s"
    # sipp exits 1 when any call failed (e.g. a timeout): a handful (<= 0.1%)
    # is harmless for a benchmark capture; more means the machine is overloaded.
    failed=$(grep 'Failed call' "$work/uac.log" | tail -n 1 | awk -F'|' '{ gsub(/ /, "", $3); print $3 + 0 }')
    failed=${failed:-0}
    if [ "$uac_rc" -eq 1 ] && [ $((failed * 1000)) -le "$calls" ]; then
        log "attempt $attempt: $failed of $calls calls failed in sipp (tolerated)"
        uac_rc=0
    fi
    if [ "$got_drops" -gt 0 ] || [ "$uac_rc" -ne 0 ]; then
        [ "$uac_rc" -ne 0 ] && { log "sipp UAC summary ($failed failed calls):"; grep -E 'Successful call|Failed call|Retransmissions|Timeout' "$work/uac.log" | tail -n 6 >&2 || true; }
        rate=$(( rate * 2 / 3 )); [ "$rate" -ge 50 ] || rate=50
        log "dropped packets or failed calls: retrying at $rate calls/s"
        continue
    fi
    if [ "$got_msgs" -lt "$target" ]; then
        calls=$(awk -v c="$calls" -v t="$target" -v g="$got_msgs" 'BEGIN { printf "%d", c * t / (g > 0 ? g : 1) * 1.02 + 1 }')
        log "short of $target messages: retrying with $calls calls"
        continue
    fi
    ok=1
    break
done
if [ "$ok" -ne 1 ]; then
    { echo "--- dumpcap (last attempt)"; tail -n 3 "$work/dumpcap.log"
      echo "--- sipp UAC (last attempt)"; tail -n 40 "$work/uac.log"; } >&2 || true
    die "no clean capture with >= $target SIP messages after $max_attempts attempts"
fi

mv -f "$work/capture.pcap" "$out"
chmod a+r "$out"
packets=$(capinfos -c -M "$out" 2>/dev/null | awk -F: '/Number of packets/ { gsub(/ /, "", $2); print $2 }')
log "wrote $out: $got_msgs SIP messages, $packets packets, 0 dropped, $calls calls, $(( $(date +%s) - start ))s in all"
{ echo "SIP messages by status code (requests on the blank line):"
  sort "$work/codes.txt" | uniq -c | sort -k2n; } >&2
