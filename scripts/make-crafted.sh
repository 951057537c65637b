#!/bin/bash
# make-crafted.sh - build the hand-written SIP test captures of sipadv:
#
#   scripts/captures/crafted/<case>/NN-*.sip  ->  captures/crafted/<case>.pcap
#
# One .sip file is one SIP message (one frame; tcp-multi/01 holds three
# messages in one TCP segment). Files are stored with LF line endings; this
# script sends every line with CRLF. Lines starting with "# " at the top of a
# file are comments, not sent; some are directives:
#   # snaplen: N        the frame is captured with only its first N bytes
#                       (editcap -s N: frame length > captured length)
#   # cut-after: TEXT   the payload itself ends right after the first TEXT
#   # split-after: TEXT (TCP) the message is sent as two segments, the first
#                       ending right after the first TEXT
#   # escapes: on       (torture) after the CRLF conversion, \xHH is the byte HH
#                       and {{N*TEXT}} is TEXT (may span lines) repeated N times
#   # direction: reply  (UDP) the frame goes the other way (ims-aka: the
#                       UE's requests and the network's answers)
#   # time: S           the frame's timestamp, S seconds (decimals allowed)
#                       after 2025-01-01 00:00:00 UTC, for timer tests
# Frames get fixed timestamps (2025-01-01 00:00:NN UTC, NN = frame number,
# unless "# time:" says otherwise) and fixed addresses, so the output is
# byte-for-byte reproducible:
#   responses: 127.0.0.1:5060 -> 127.0.0.2:5060 (UDP) / 127.0.0.2:40000 (TCP)
#   requests:  127.0.0.2:5060 -> 127.0.0.1:5060 (UDP)
# Output is classic pcap (text2pcap + editcap + mergecap), then every file is
# summarised with tshark.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SRC=$ROOT/scripts/captures/crafted
OUT=${OUT:-$ROOT/captures/crafted}
export TZ=UTC LC_ALL=C

log() { printf '[make-crafted] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

need=()
for c in text2pcap editcap mergecap; do
	command -v $c >/dev/null 2>&1 || need=(wireshark-common)
done
command -v tshark >/dev/null 2>&1 || need+=(tshark)
command -v perl >/dev/null 2>&1 || need+=(perl-base)
command -v od >/dev/null 2>&1 || need+=(coreutils)
if [ ${#need[@]} -gt 0 ]; then
	[ "$(id -u)" = 0 ] || die "missing ${need[*]}; run as root to install them"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	apt-get install -y -q --no-install-recommends "${need[@]}"
fi

WORK=$(mktemp -d /tmp/sipadv-crafted.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"

# directive FILE KEY: value of "# KEY: value" in the comment block of FILE
directive() {
	awk -v k="# $2: " '!/^# /{exit} index($0, k) == 1 {print substr($0, length(k) + 1); exit}' "$1"
}

# payload FILE PART: the bytes to send. PART is "all", "1" or "2" (halves of
# a split-after message). Drops the leading comment block, LF -> CRLF,
# applies cut-after / split-after.
payload() {
	local cut split esc
	cut=$(directive "$1" cut-after)
	split=$(directive "$1" split-after)
	esc=$(directive "$1" escapes)
	CUT=$cut SPLIT=$split ESC=$esc PART=$2 perl -e '
		local $/; my $m = <>;
		$m =~ s/\A(?:# [^\n]*\n)+//;        # comment/directive block
		$m =~ s/\r?\n/\r\n/g;                # CRLF line endings
		if ($ENV{ESC} eq "on") {
			$m =~ s/\{\{(\d+)\*(.*?)\}\}/$2 x $1/gse;
			$m =~ s/\\x([0-9A-Fa-f]{2})/chr(hex($1))/ge;
		}
		if (length $ENV{CUT}) {
			my $i = index($m, $ENV{CUT});
			die "cut-after text not found\n" if $i < 0;
			$m = substr($m, 0, $i + length $ENV{CUT});
		}
		if ($ENV{PART} ne "all") {
			my $i = index($m, $ENV{SPLIT});
			die "split-after text not found\n" if $i < 0 || !length $ENV{SPLIT};
			my $at = $i + length $ENV{SPLIT};
			$m = $ENV{PART} eq "1" ? substr($m, 0, $at) : substr($m, $at);
		}
		binmode STDOUT; print $m;' "$1"
}

# hexblock N PAYLOADFILE [SIPFILE [PREFIX]]: one text2pcap packet with timestamp second N, or the
# "# time:" of SIPFILE; PREFIX (text2pcap -D: I or O) before the timestamp
hexblock() {
	local t=$1
	[ -z "${3:-}" ] || t=$(directive "$3" time)
	perl -e 'my ($t, $p) = @ARGV; my $s = int($t); my @g = gmtime(1735689600 + $s);
		printf "%s%04d-%02d-%02d %02d:%02d:%02d.%06d\n", $p, $g[5] + 1900, $g[4] + 1, $g[3], $g[2], $g[1], $g[0],
			($t - $s) * 1e6 + 0.5' "${t:-$1}" "${4:+$4 }"
	od -Ax -tx1 -v "$2"
}

T2P=(text2pcap -q -F pcap -t '%Y-%m-%d %H:%M:%S.%f')

# build_udp CASE SRCIP DSTIP: one frame per .sip file, concatenated in order
build_udp() {
	local case=$1 src=$2 dst=$3 i=0 f snap parts=()
	for f in "$SRC/$case"/*.sip; do
		i=$((i + 1))
		payload "$f" all >"$WORK/p.bin"
		hexblock "$i" "$WORK/p.bin" "$f" >"$WORK/h.txt"
		if [ "$(directive "$f" direction)" = reply ]; then
			"${T2P[@]}" -4 "$dst,$src" -u 5060,5060 "$WORK/h.txt" "$WORK/$case-$i.pcap" >/dev/null
		else
			"${T2P[@]}" -4 "$src,$dst" -u 5060,5060 "$WORK/h.txt" "$WORK/$case-$i.pcap" >/dev/null
		fi
		snap=$(directive "$f" snaplen)
		if [ -n "$snap" ]; then
			editcap -F pcap -s "$snap" "$WORK/$case-$i.pcap" "$WORK/$case-$i.snap.pcap"
			mv "$WORK/$case-$i.snap.pcap" "$WORK/$case-$i.pcap"
		fi
		parts+=("$WORK/$case-$i.pcap")
	done
	mergecap -a -F pcap -w "$OUT/$case.pcap" "${parts[@]}"
}

# build_tcp CASE: all files are segments of one TCP stream 127.0.0.1:5060 ->
# 127.0.0.2:40000 (text2pcap continues the sequence numbers per direction)
build_tcp() {
	local case=$1 i=0 f
	: >"$WORK/h.txt"
	for f in "$SRC/$case"/*.sip; do
		if [ -n "$(directive "$f" split-after)" ]; then
			payload "$f" 1 >"$WORK/p.bin"
			i=$((i + 1)); hexblock "$i" "$WORK/p.bin" >>"$WORK/h.txt"
			payload "$f" 2 >"$WORK/p.bin"
			i=$((i + 1)); hexblock "$i" "$WORK/p.bin" >>"$WORK/h.txt"
		else
			payload "$f" all >"$WORK/p.bin"
			i=$((i + 1)); hexblock "$i" "$WORK/p.bin" >>"$WORK/h.txt"
		fi
	done
	"${T2P[@]}" -4 127.0.0.1,127.0.0.2 -T 5060,40000 "$WORK/h.txt" "$OUT/$case.pcap" >/dev/null
}

# build_tcp_dialog CASE: both directions of one TCP connection, each with its own sequence numbers:
# requests 127.0.0.2:40000 -> 127.0.0.1:5060, responses back; timestamps from "# time:"
build_tcp_dialog() {
	local case=$1 i=0 f dir
	: >"$WORK/h.txt"
	for f in "$SRC/$case"/*.sip; do
		payload "$f" all >"$WORK/p.bin"
		i=$((i + 1))
		dir=O
		[ "$(head -c 7 "$WORK/p.bin")" != "SIP/2.0" ] || dir=I
		hexblock "$i" "$WORK/p.bin" "$f" "$dir" >>"$WORK/h.txt"
	done
	"${T2P[@]}" -D -4 127.0.0.1,127.0.0.2 -T 5060,40000 "$WORK/h.txt" "$OUT/$case.pcap" >/dev/null
}

# tcp_retransmit CASE N DELAY: the TCP layer sends frame N's segment again DELAY seconds later
# (same sequence numbers: Wireshark marks it a retransmission and gives it to no SIP dissector)
tcp_retransmit() {
	editcap -F pcap -r "$OUT/$1.pcap" "$WORK/seg.pcap" "$2"
	editcap -F pcap -t "$3" "$WORK/seg.pcap" "$WORK/seg-later.pcap"
	mergecap -F pcap -w "$WORK/merged.pcap" "$OUT/$1.pcap" "$WORK/seg-later.pcap"
	mv "$WORK/merged.pcap" "$OUT/$1.pcap"
}

# clock_jumps SRC OUT FRAME1 SHIFT1 FRAME2 SHIFT2: SRC with its timestamps broken as a bad capture
# clock breaks them: from FRAME1 on shifted by SHIFT1 seconds, from FRAME2 on by SHIFT2 (frame order kept)
clock_jumps() {
	local src=$1 out=$2
	editcap -F pcap -r "$src" "$WORK/j1.pcap" "1-$(($3 - 1))"
	editcap -F pcap -r "$src" "$WORK/j2.pcap" "$3-$(($5 - 1))"
	editcap -F pcap -r "$src" "$WORK/j3.pcap" "$5-1000000"
	editcap -F pcap -t "$4" "$WORK/j2.pcap" "$WORK/j2s.pcap"
	editcap -F pcap -t "$6" "$WORK/j3.pcap" "$WORK/j3s.pcap"
	mergecap -a -F pcap -w "$OUT/$out.pcap" "$WORK/j1.pcap" "$WORK/j2s.pcap" "$WORK/j3s.pcap"
}

build_udp unregistered-codes 127.0.0.1 127.0.0.2
build_udp malformed-status   127.0.0.1 127.0.0.2
build_udp truncated          127.0.0.1 127.0.0.2
build_tcp tcp-multi
build_udp compact-headers    127.0.0.1 127.0.0.2
build_udp requests-only      127.0.0.2 127.0.0.1
build_udp rule-violations    127.0.0.1 127.0.0.2
build_udp rule-near-misses   127.0.0.1 127.0.0.2
build_udp volte              127.0.0.1 127.0.0.2
build_udp torture            127.0.0.1 127.0.0.2
build_tcp torture-tcp
build_udp ims-aka            127.0.0.2 127.0.0.1
build_udp ims-leg-timers     127.0.0.2 127.0.0.1
build_tcp_dialog reliable-2xx
tcp_retransmit reliable-2xx 15 0.4
# calls-udp.pcapng with its clock 3 years ahead from frame 4 (call 1's 200) and 2 years behind from
# frame 11 (call 2's 200): heplify's IPv6 sample jumps by years like this
clock_jumps "$ROOT/captures/calls-udp.pcapng" clock-jumps 4 94608000 11 -63072000

# ---------------------------------------------------------------- summary
for p in "$OUT"/*.pcap; do
	log "$(basename "$p"): $(tshark -r "$p" 2>/dev/null | wc -l) frames, $(stat -c %s "$p") bytes"
	tshark -r "$p" -T fields -E separator=' ' -e frame.number -e frame.len -e frame.cap_len \
		-e _ws.col.Protocol -e sip.Status-Code -e sip.Method -e sip.CSeq.method 2>/dev/null |
		sed 's/^/    /' >&2
done

# ---------------------------------------------------------------- checks
FAIL=0
# codes FILE "c1 c2 ...": the status codes Wireshark extracts, in frame order
codes() {
	local got
	got=$(tshark -r "$OUT/$1" -Y sip.Status-Code -T fields -e sip.Status-Code 2>/dev/null | tr ',\n' '  ' | sed 's/ $//')
	[ "$got" = "$2" ] || { log "$1: status codes '$got', expected '$2'"; FAIL=1; }
}
codes unregistered-codes.pcap "189 299 399 499 599 699"
codes tcp-multi.pcap "180 183 200 486"
codes compact-headers.pcap "405 200 503 488 180"
codes requests-only.pcap ""
codes rule-violations.pcap "503 405 401 407 420 421 423 415 422 302 305 200 180 180 183 488 606 487 183 404 489 494 469 417 200 400 403 480 503 404 200 200 200 200 200 200"
codes rule-near-misses.pcap "503 405 401 407 420 421 423 415 422 302 200 199 100 183 180 488 487 100 180 489 494 469 417 200 400 503 603 486 480 200 200 200 200 200 606"
codes volte.pcap "486 486 603 488 380 380 504 401 494 403 503 580 487 404 500 488 401"
codes torture.pcap "0 480 503 503 405 200 486 503 486 488 183 500 486 380 504 200"
codes ims-aka.pcap "401 401 200 401 494"
codes ims-leg-timers.pcap "200 200 200 200"
[ "$(tshark -r "$OUT/clock-jumps.pcap" -Y sip 2>/dev/null | wc -l)" = "$(tshark -r "$ROOT/captures/calls-udp.pcapng" -Y sip 2>/dev/null | wc -l)" ] ||
	{ log "clock-jumps.pcap: not every SIP message of calls-udp.pcapng"; FAIL=1; }
codes reliable-2xx.pcap "100 200 200 200 200 200 486 486 200 200"
codes torture-tcp.pcap "180 183 486 503 200 180 183 486 503 200 180 183 486 503 200 180 183 486 503 200 180 183 486 503 200 180 183 486 503 200 180 183 486 503 200 180 183 486 503 200 180 183 486 503 200 180 183 486 503 200 486 503 183 486 488 404"
[ "$(tshark -r "$OUT/requests-only.pcap" -Y 'sip.Method' 2>/dev/null | wc -l)" = 3 ] ||
	{ log "requests-only.pcap: expected 3 requests"; FAIL=1; }
# the 486 of tcp-multi must be reassembled from two segments
[ "$(tshark -r "$OUT/tcp-multi.pcap" -Y 'sip.Status-Code == 486 && tcp.reassembled.length' 2>/dev/null | wc -l)" = 1 ] ||
	{ log "tcp-multi.pcap: 486 not reassembled from two segments"; FAIL=1; }
# truncated: frame 1 cut by the capture, frame 2 complete on the wire
[ "$(tshark -r "$OUT/truncated.pcap" -Y 'frame.number == 1 && frame.cap_len == 120 && frame.len > 120' 2>/dev/null | wc -l)" = 1 ] ||
	{ log "truncated.pcap: frame 1 is not snap-truncated to 120 bytes"; FAIL=1; }
# reliable-2xx: the TCP layer's copy of call 4's 200 (frame 16) is a retransmission, not SIP
[ "$(tshark -r "$OUT/reliable-2xx.pcap" -Y 'frame.number == 16 && tcp.analysis.retransmission && !sip' 2>/dev/null | wc -l)" = 1 ] ||
	{ log "reliable-2xx.pcap: frame 16 is not a TCP retransmission outside SIP"; FAIL=1; }
[ "$FAIL" = 0 ] || die "crafted captures are not as expected"
log "done"
