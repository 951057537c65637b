#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Memory per call stays flat: on a capture of distinct SIPp calls (the
# benchmark's generator, bench/make-capture.sh: ~6 SIP messages a call, 40%
# of calls failing), the first ~10,000 calls and the first ~50,000 calls are
# read by tshark with the call analysis on (-Y sipadv.call.outcome), and
# without the plugin (-Y sip.Call-ID). What the plugin adds for each of the 40,000 further
# calls must not exceed what it adds per call over the first 10,000 (its fixed
# cost included) by more than SLACK percent (default 10): state that grew with
# the calls already seen (a list walked per call, a table never emptied) would
# show as more per call the longer the capture.
#
#   memory-per-call.sh CACHE_DIR [SLACK]
#
# CACHE_DIR keeps the generated capture between runs (needs root for dumpcap
# the first time). Environment: SIPADV_PLUGIN, SIPADV_SRC as for run.sh.
set -eu
: "${SIPADV_PLUGIN:?}" "${SIPADV_SRC:?}"
cache=${1:?usage: memory-per-call.sh CACHE_DIR [SLACK]}
slack=${2:-10}
scripts=$SIPADV_SRC/scripts
[ -x /usr/bin/time ] || { echo "FAIL: /usr/bin/time is missing (package time)" >&2; exit 1; }
mkdir -p "$cache"
calls_pcap=$cache/calls-50k.pcap
if [ ! -s "$calls_pcap" ]; then
    # 50,000 calls at ~6 messages each, 3% over for the random mix
    "$SIPADV_SRC/bench/make-capture.sh" "$calls_pcap.tmp" 310000
    mv "$calls_pcap.tmp" "$calls_pcap"
fi
work=$(mktemp -d /tmp/sipadv-memcall.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 1777 "$work"
"$scripts/stage-plugin" "$SIPADV_PLUGIN" "$work/with"
"$scripts/stage-plugin" - "$work/without"
"$scripts/require-plugin" "$work/with"
editcap -r "$calls_pcap" "$work/small.pcap" 1-60000
editcap -r "$calls_pcap" "$work/big.pcap" 1-300000
chmod 644 "$work"/*.pcap

calls_in() {  # distinct Call-IDs of FILE's INVITEs
    tshark -r "$1" -Y 'sip.Method == "INVITE"' -T fields -e sip.Call-ID 2>/dev/null | sort -u | grep -c .
}
peak() {  # peak KiB of tshark (with|without) FILE FILTER
    /usr/bin/time -f '%M' -o "$work/rss" "$scripts/tshark-as-user" "$work/$1" -r "$2" -Y "$3" \
        > /dev/null 2> "$work/stderr" ||
        { cat "$work/stderr" >&2; echo "FAIL: tshark failed" >&2; exit 1; }
    tail -n 1 "$work/rss"
}
small_calls=$(calls_in "$work/small.pcap")
big_calls=$(calls_in "$work/big.pcap")
[ "$big_calls" -ge $((small_calls * 4)) ] || { echo "FAIL: $small_calls and $big_calls calls: not far enough apart" >&2; exit 1; }
# the baseline filters on SIP's Call-ID, as the benchmark's; the plugin's run on the call outcome
base_small=$(peak without "$work/small.pcap" sip.Call-ID)
base_big=$(peak without "$work/big.pcap" sip.Call-ID)
with_small=$(peak with "$work/small.pcap" sipadv.call.outcome)
with_big=$(peak with "$work/big.pcap" sipadv.call.outcome)
# bytes a call: the plugin's whole addition over the first calls, and its addition for the further ones
first=$(( (with_small - base_small) * 1024 / small_calls ))
further=$(( ((with_big - with_small) - (base_big - base_small)) * 1024 / (big_calls - small_calls) ))
echo "peak KiB: baseline $base_small -> $base_big, sipadv $with_small -> $with_big; calls $small_calls -> $big_calls"
echo "sipadv adds $first bytes a call over the first $small_calls calls, $further bytes a call for the next $((big_calls - small_calls))"
[ "$first" -gt 0 ] || { echo "FAIL: the plugin added no memory: not measured" >&2; exit 1; }
[ "$further" -le $(( first * (100 + slack) / 100 )) ] ||
    { echo "FAIL: memory per call grows with the calls seen (more than $slack% over)" >&2; exit 1; }
echo "ok: memory per call flat"
