# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash disable=SC2154 # the caller sets the variables below
# capture-lib.sh - helpers of scripts/make-captures.sh and
# scripts/make-call-captures.sh, sourced by bash running with set -euo pipefail:
# log/die, setup (root check, exit trap, install_missing, work directory),
# process tracking (PIDS, forget, cleanup on exit), wait_listen, port_free,
# start_capture/stop_capture (dumpcap on lo), filter_capture, annotate,
# sipp_version, expect (tshark check), list_calls (each call's first INVITE)
# and publish (copy to $OUT).
#
# The caller sets LOG_TAG (log prefix), OUT (where publish copies to),
# KEEP_WORK (1: keep the work directory also on success), FILTER (dumpcap
# capture filter), BUSY_HINT (who may hold a busy port, for port_free's
# message), LABELS (array: the frame comments for annotate), and may set
# TSHARK (array: the tshark of filter_capture and expect, default: tshark).

[ -n "${TSHARK+set}" ] || TSHARK=(tshark)
FAIL=0

log() { printf '[%s] %s\n' "$LOG_TAG" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- packages
# install_missing [--no-service-start] [COMMAND=PACKAGE...]: apt-get install
# tshark, wireshark-common, sip-tester, iproute2 and the given extras where
# their commands are missing; --no-service-start: no service may start meanwhile
POLICY_CREATED=0
install_missing() {
	local need=() block=0 tool
	if [ "${1-}" = --no-service-start ]; then
		block=1
		shift
	fi
	for tool in tshark=tshark dumpcap=wireshark-common editcap=wireshark-common \
		capinfos=wireshark-common sipp=sip-tester "$@" ss=iproute2; do
		command -v "${tool%%=*}" >/dev/null 2>&1 || need+=("${tool#*=}")
	done
	[ ${#need[@]} -eq 0 ] && return 0
	log "installing: ${need[*]}"
	# e.g. do not let the kamailio package start its system service on 5060
	if [ "$block" = 1 ] && [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
		chmod 755 /usr/sbin/policy-rc.d
		POLICY_CREATED=1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	apt-get install -y -q --no-install-recommends "${need[@]}"
	if [ "$POLICY_CREATED" = 1 ]; then
		rm -f /usr/sbin/policy-rc.d
		POLICY_CREATED=0
	fi
}

# ---------------------------------------------------------------- processes
WORK=
PIDS=()
cleanup() {
	local rc=$?
	local p
	set +e
	for p in "${PIDS[@]}"; do
		kill -0 "$p" 2>/dev/null && kill -INT "$p" 2>/dev/null
	done
	for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null; done
	[ "$POLICY_CREATED" = 1 ] && rm -f /usr/sbin/policy-rc.d
	if [ -n "$WORK" ] && [ -d "$WORK" ]; then
		if [ "$KEEP_WORK" = 1 ] || [ $rc -ne 0 ]; then
			log "work directory kept: $WORK"
		else
			rm -rf "$WORK"
		fi
	fi
	exit $rc
}

# forget PID: drop a reaped child from PIDS (never signal a recycled PID)
forget() {
	local p keep=()
	for p in "${PIDS[@]}"; do
		[ "$p" = "$1" ] || keep+=("$p")
	done
	PIDS=("${keep[@]}")
}

# setup WORKNAME [install_missing args]: must run as root; cleanup on exit,
# install what is missing, WORK=/tmp/WORKNAME.XXXXXX becomes the directory
setup() {
	local name=$1
	shift
	[ "$(id -u)" = 0 ] || die "must run as root (apt-get, dumpcap on lo)"
	trap cleanup EXIT
	trap 'exit 130' INT TERM
	install_missing "$@"
	WORK=$(mktemp -d "/tmp/$name.XXXXXX")
	cd "$WORK" || exit
}

# wait_listen PROTO(u|t) IP PORT: poll (at most 10 s) until a socket is bound
wait_listen() {
	local i
	for i in $(seq 1 100); do
		if [ -n "$(ss -Hn -l -"$1" src "$2:$3" 2>/dev/null)" ]; then
			return 0
		fi
		sleep 0.1
	done
	die "nothing listening on $1 $2:$3"
}

port_free() { # PROTO(u|t) PORT
	[ -z "$(ss -Hn -l -"$1" "sport = :$2" 2>/dev/null)" ] ||
		die "port $2 ($1) already in use on this host ($BUSY_HINT stop it first)"
}

# ---------------------------------------------------------------- capture
DUMPCAP_PID=
start_capture() { # FILE
	dumpcap -i lo -f "$FILTER" -a duration:300 -q -w "$1" >"$WORK/dumpcap.log" 2>&1 &
	DUMPCAP_PID=$!
	PIDS+=("$DUMPCAP_PID")
	local i
	for i in $(seq 1 100); do
		grep -q "^File:" "$WORK/dumpcap.log" 2>/dev/null && break
		kill -0 "$DUMPCAP_PID" 2>/dev/null || die "dumpcap failed: $(cat "$WORK/dumpcap.log")"
		sleep 0.1
	done
	grep -q "^File:" "$WORK/dumpcap.log" || die "dumpcap did not start: $(cat "$WORK/dumpcap.log")"
	sleep 0.5
}
stop_capture() {
	sleep 1.5   # let dumpcap drain the kernel buffer before it is told to stop
	kill -INT "$DUMPCAP_PID"
	wait "$DUMPCAP_PID" || true
	forget "$DUMPCAP_PID"
}

# filter_capture IN OUT DISPLAY_FILTER: OUT holds IN's matching frames only
filter_capture() {
	"${TSHARK[@]}" -r "$1" -Y "$3" -F pcapng -w "$2" 2>"$WORK/tshark.err" ||
		die "tshark: $(cat "$WORK/tshark.err")"
	[ -s "$2" ] || die "empty capture $2"
}

# annotate IN OUT COMMENT FRAME...: OUT is IN with the file comment COMMENT
# and LABELS[i] as the comment of the i-th FRAME
annotate() {
	local in=$1 out=$2 comment=$3 i args=()
	shift 3
	local frames=("$@")
	for i in "${!frames[@]}"; do
		args+=(-a "${frames[$i]}:${LABELS[$i]}")
	done
	editcap -F pcapng --capture-comment "$comment" "${args[@]}" "$in" "$out"
}

sipp_version() { # e.g. v3.6.1
	(sipp -v 2>/dev/null || true) | sed -n 's/^ *SIPp \(v[^ ,-]*\).*/\1/p' | head -1
}

# ---------------------------------------------------------------- checks
# expect FILE 'DISPLAY FILTER' MIN_COUNT DESCRIPTION
# shellcheck disable=SC2034 # FAIL is the caller's verdict
expect() {
	local out n
	if ! out=$("${TSHARK[@]}" -r "$1" -Y "$2" -T fields -e frame.number 2>"$WORK/tshark.err"); then
		log "tshark failed on [$2]: $(cat "$WORK/tshark.err")"
		FAIL=1
		return 0
	fi
	n=$(printf '%s' "$out" | grep -c . || true)
	if [ "$n" -lt "$3" ]; then
		log "MISSING in $(basename "$1"): $4 [$2] (found $n, want >= $3)"
		FAIL=1
	fi
}

# publish FILE...: copy the finished captures to $OUT, then log their sizes
publish() {
	local f
	for f in "$@"; do
		cp "$f" "$OUT/$(basename "$f")"
	done
	for f in "$@"; do
		f=$OUT/$(basename "$f")
		log "$(basename "$f"): $(capinfos -c -M "$f" | sed -n 's/^Number of packets: *//p') frames, $(stat -c %s "$f") bytes"
	done
}

# list_calls SIPONLY UAC_IP: writes $WORK/messages.tsv (one line per frame:
# number, Call-ID, source, method, status code; MSGS names it) and sets FIRSTS
# and CIDS to the first INVITE of every call (the first one with a new Call-ID
# from UAC_IP) and its Call-ID; dies unless there is one call per step (LABELS)
list_calls() {
	MSGS=$WORK/messages.tsv
	"${TSHARK[@]}" -r "$1" -T fields -E separator=/t -E occurrence=f -e frame.number \
		-e sip.Call-ID -e ip.src -e sip.Method -e sip.Status-Code >"$MSGS" 2>"$WORK/tshark.err" ||
		die "tshark: $(cat "$WORK/tshark.err")"
	FIRSTS=()
	CIDS=()
	while IFS=$'\t' read -r fr cid; do
		FIRSTS+=("$fr")
		CIDS+=("$cid")
	done < <(awk -F'\t' -v uac="$2" '$3 == uac && $4 == "INVITE" && !seen[$2]++ { print $1 "\t" $2 }' "$MSGS")
	[ "${#FIRSTS[@]}" = "${#LABELS[@]}" ] || die "${#FIRSTS[@]} calls in the capture, ${#LABELS[@]} steps run"
}
