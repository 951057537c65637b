#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Bounded memory: what sipadv keeps across packets is each SIP message's stored
# analysis (plugin/state.c), ~70 bytes, its links (2 bytes, then 8 bytes for the
# request a response answers, 8 for the first copy of a repeat, 4 for its call
# or registration), the transactions still open (plugin/flow.c, forgotten once
# ended) and a record per call (plugin/calls.c),
# against the hundreds of bytes tshark itself keeps per frame. The capture is
# the UDP one repeated COPIES times (default 300, ~40,000 frames, all SIP) with
# the same timestamps: the worst case for links, as every message of a later
# copy repeats one of the copy before. The test fails if, from 1 copy to COPIES
# copies, the plugin adds more than BYTES (default 120) per frame to the
# baseline's growth.
#
# Environment: SIPADV_PLUGIN, SIPADV_SRC as for run.sh.
set -eu
: "${SIPADV_PLUGIN:?}" "${SIPADV_SRC:?}"
copies=${1:-300}
per_frame=${2:-120}
scripts=$SIPADV_SRC/scripts
work=$(mktemp -d /tmp/sipadv-mem.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 1777 "$work"
[ -x /usr/bin/time ] || { echo "FAIL: /usr/bin/time is missing (package time)" >&2; exit 1; }

"$scripts/stage-plugin" "$SIPADV_PLUGIN" "$work/with"
"$scripts/stage-plugin" - "$work/without"
# Without the plugin both sides would grow alike and the test would pass.
"$scripts/require-plugin" "$work/with"
cp "$SIPADV_SRC/captures/kamailio-udp.pcapng" "$work/one.pcapng"
i=0 list=""
while [ "$i" -lt "$copies" ]; do list="$list $work/one.pcapng"; i=$((i + 1)); done
# shellcheck disable=SC2086
mergecap -a -w "$work/many.pcapng" $list
chmod 644 "$work"/*.pcapng

peak() {  # peak KiB of: tshark (with|without) FILE [ARGS], the whole tree printed
    home=$1 file=$2; shift 2
    /usr/bin/time -f '%M' -o "$work/rss" "$scripts/tshark-as-user" "$work/$home" -r "$file" -V "$@" \
        > /dev/null 2> "$work/stderr" ||
        { cat "$work/stderr" >&2; echo "FAIL: tshark failed" >&2; exit 1; }
    tail -n 1 "$work/rss"
}

# The least of three runs: a run's peak RSS wanders by a few hundred KiB
# (allocator and address-space layout), always upward from the least.
least() {
    a=$(peak "$@"); b=$(peak "$@"); c=$(peak "$@")
    printf '%s\n%s\n%s\n' "$a" "$b" "$c" | sort -n | head -n 1
}

base_one=$(least without "$work/one.pcapng")
base_many=$(least without "$work/many.pcapng")
with_one=$(least with "$work/one.pcapng" -o sipadv.language:both)
with_many=$(least with "$work/many.pcapng" -o sipadv.language:both)
frames=$(capinfos -c -M "$work/many.pcapng" | awk '/Number of packets/ { print $NF }')
extra=$(( (with_many - with_one) - (base_many - base_one) ))
bound=$(( frames * per_frame / 1024 ))
echo "peak KiB: baseline $base_one -> $base_many, sipadv $with_one -> $with_many; $frames frames"
echo "growth the plugin adds over $copies copies: $extra KiB, $(( extra * 1024 / frames )) bytes a frame (bound $per_frame: $bound KiB)"
[ "$extra" -le "$bound" ] || { echo "FAIL: sipadv keeps more than $per_frame bytes a frame" >&2; exit 1; }
echo "ok: bounded memory"
