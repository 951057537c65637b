# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash disable=SC2154 # the caller sets the variables below
# capture-lib.sh - helpers of scripts/make-captures.sh, make-fork-capture.sh
# and the step scripts (make-call-, make-timer-, make-offer-captures.sh),
# sourced by bash running with set -euo pipefail:
# log/die, setup (root check, exit trap, install_missing, work directory),
# process tracking (PIDS, forget, cleanup on exit), wait_listen, port_free,
# start_capture/stop_capture (dumpcap on lo), filter_capture, annotate,
# sipp_version, expect (tshark check), list_calls (each call's first INVITE,
# or each exchange's first request) and publish (copy to $OUT); for the step
# scripts also start_steps, run_step, end_steps, one_cid_per_step,
# check_sequences, expect_step/expect_own_hosts/check_expected,
# check_branches, check_resent and finish_steps (see "steps").
#
# The caller sets LOG_TAG (log prefix), OUT (where publish copies to),
# KEEP_WORK (1: keep the work directory also on success), FILTER (dumpcap
# capture filter), BUSY_HINT (who may hold a busy port, for port_free's
# message), LABELS (array: the frame comments for annotate), and may set
# TSHARK (array: the tshark of filter_capture and expect, default: tshark).
# start_steps sets all of these for the step scripts.

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

# list_calls SIPONLY UAC_IP [any]: writes $WORK/messages.tsv (one line per
# frame: number, Call-ID, source, method, status code; MSGS names it) and sets
# FIRSTS and CIDS to the first INVITE of every call (the first one with a new
# Call-ID from UAC_IP) and its Call-ID; "any": to the first request of every
# exchange instead, whatever its method; dies unless there is one call (or
# exchange) per step (LABELS)
list_calls() {
	local any=0 what=calls
	if [ "${3-}" = any ]; then
		any=1 what=exchanges
	fi
	MSGS=$WORK/messages.tsv
	"${TSHARK[@]}" -r "$1" -T fields -E separator=/t -E occurrence=f -e frame.number \
		-e sip.Call-ID -e ip.src -e sip.Method -e sip.Status-Code >"$MSGS" 2>"$WORK/tshark.err" ||
		die "tshark: $(cat "$WORK/tshark.err")"
	FIRSTS=()
	CIDS=()
	while IFS=$'\t' read -r fr cid; do
		FIRSTS+=("$fr")
		CIDS+=("$cid")
	done < <(awk -F'\t' -v uac="$2" -v any="$any" '$3 == uac && (any ? $4 != "" : $4 == "INVITE") && !seen[$2]++ {
		print $1 "\t" $2
	}' "$MSGS")
	[ "${#FIRSTS[@]}" = "${#LABELS[@]}" ] || die "${#FIRSTS[@]} $what in the capture, ${#LABELS[@]} steps run"
}

# ---------------------------------------------------------------- steps
# The step scripts (make-call-, make-timer-, make-offer-captures.sh) run one
# exchange after the other between a sipp UAC on UAC_IP:UAC_PORT and, for
# step N, a sipp UAS of its own on UAS_NET.(UAS_FIRST + N - 1):UAS_PORT, all
# over UDP, while dumpcap records them. The script sets ROOT (the repository),
# LOG_TAG, UAC_PORT and UAS_FIRST before it sources this file, and may change
# SIPP_LIMIT and SIPP_OPTS (see run_step) after start_steps.

# start_steps WORKNAME FILENAME: the settings the step scripts share, setup
# WORKNAME; RAW, SIPONLY and FINAL become $WORK/FILENAME-raw.pcapng, -sip and
# -udp; checks that the ports are free and starts recording to RAW
# shellcheck disable=SC2034,SC2153 # the step script and run_step use these; the script sets UAC_PORT
start_steps() {
	SCEN=$ROOT/scripts/captures/sipp
	OUT=${OUT:-$ROOT/captures}
	KEEP_WORK=${KEEP_WORK:-0}
	UAC_IP=127.0.0.100
	UAS_NET=127.0.0
	UAS_PORT=5070
	CALLEE=bob             # Request-URI / To user (sipp -s)
	FILTER="udp and (port $UAS_PORT or port $UAC_PORT)"
	# the checks use Wireshark's own SIP dissector only: an installed sipadv
	# plugin (perhaps a development build) must not take part (a tshark
	# without it accepts the option silently)
	TSHARK=(tshark --disable-protocol sipadv)
	BUSY_HINT="another sipp?"
	STEP=1
	LABELS=()     # frame comment of each step
	SEQS=()       # expected message sequence of each step
	UAS_IPS=()    # UAS address of each step
	SIPP_LIMIT=60 # run_step's sipp options and time limit (s)
	SIPP_OPTS=(-timeout 30s -timeout_error)
	setup "$1"

	port_free u "$UAC_PORT"
	port_free u "$UAS_PORT"
	mkdir -p "$OUT"
	RAW=$WORK/$2-raw.pcapng
	SIPONLY=$WORK/$2-sip.pcapng
	FINAL=$WORK/$2-udp.pcapng
	log "UDP capture"
	start_capture "$RAW"
}

# run_step [--timer] LABEL UAS_SCENARIO UAC_SCENARIO 'EXPECTED SEQUENCE'
# [UAC sipp args]: one exchange from the UAC to a fresh UAS on its own
# address, both sipp run with the options SIPP_OPTS and given SIPP_LIMIT
# seconds. The sequence lists the step's messages in order, ">" UAC -> UAS,
# "<" UAS -> UAC. --timer: the step waits out a timer, which SIPp counts as a
# failed call (exit status 1) even where the scenario goes on; the message
# checks judge the step instead.
run_step() {
	local timer=0 label uas_sf uac_sf seq ip uas_pid rc
	if [ "$1" = --timer ]; then
		timer=1
		shift
	fi
	label=$1 uas_sf=$2 uac_sf=$3 seq=$4 ip=$UAS_NET.$((UAS_FIRST + STEP - 1))
	shift 4
	log "step $STEP: $label ($uac_sf -> $uas_sf at $ip)"
	LABELS+=("step $STEP: $label [$uac_sf -> $uas_sf at $ip:$UAS_PORT]")
	SEQS+=("$seq")
	UAS_IPS+=("$ip")
	timeout "$SIPP_LIMIT" sipp -sf "$SCEN/$uas_sf" -t u1 -i "$ip" -p "$UAS_PORT" -m 1 -nostdin \
		"${SIPP_OPTS[@]}" -trace_err -trace_msg >"$WORK/step$STEP-uas-$ip.log" 2>&1 &
	uas_pid=$!
	PIDS+=("$uas_pid")
	wait_listen u "$ip" "$UAS_PORT"
	rc=0
	timeout "$SIPP_LIMIT" sipp -sf "$SCEN/$uac_sf" -t u1 -i "$UAC_IP" -p "$UAC_PORT" -m 1 -nostdin \
		"${SIPP_OPTS[@]}" -s "$CALLEE" -trace_err -trace_msg "$@" "$ip:$UAS_PORT" \
		>"$WORK/step$STEP-uac.log" 2>&1 || rc=$?
	[ "$rc" = 0 ] || { [ "$timer" = 1 ] && [ "$rc" = 1 ]; } ||
		die "UAC step $STEP ($label) failed ($rc), see $WORK/step$STEP-uac.log"
	rc=0
	wait "$uas_pid" || rc=$?
	[ "$rc" = 0 ] || { [ "$timer" = 1 ] && [ "$rc" = 1 ]; } ||
		die "UAS of step $STEP ($label) failed ($rc), see $WORK/step$STEP-uas-$ip.log"
	forget "$uas_pid"
	STEP=$((STEP + 1))
	sleep 0.5   # steps clearly apart in time
}

# end_steps COMMENT [any]: stops recording, keeps only the SIP frames of RAW
# in SIPONLY, lists the steps (list_calls, "any": whatever the method of their
# first request) and writes FINAL: SIPONLY with the file comment COMMENT and
# the label of each step on its first message
end_steps() {
	stop_capture
	# keep only SIP frames (nothing else should match the capture filter anyway)
	filter_capture "$RAW" "$SIPONLY" sip
	list_calls "$SIPONLY" "$UAC_IP" "${2-}"
	annotate "$SIPONLY" "$FINAL" "$1" "${FIRSTS[@]}"
}

# one_cid_per_step: dies unless $MSGS (list_calls) holds one Call-ID per step
one_cid_per_step() {
	local ncid
	ncid=$(cut -f2 "$MSGS" | sort -u | grep -c .)
	[ "$ncid" = "${#LABELS[@]}" ] || die "$ncid Call-IDs in the capture, ${#LABELS[@]} steps run"
}

# check_sequences [runs]: each step's messages in frame order ($MSGS, the
# step's Call-ID in CIDS), written as in run_step, must be its SEQS entry;
# "runs": a run of the same message is written once, with "+" after it (one
# or more); FAIL=1 otherwise
# shellcheck disable=SC2034,SC2120 # FAIL is the caller's verdict; "runs" is optional
check_sequences() {
	local i got
	for i in "${!SEQS[@]}"; do
		got=$(awk -F'\t' -v uac="$UAC_IP" -v cid="${CIDS[$i]}" -v runs="${1-}" '$2 == cid {
			m = ($3 == uac ? ">" : "<") ($4 != "" ? $4 : $5)
			if (runs != "" && m == last) { if (!plus) { printf "+"; plus = 1 } next }
			printf "%s%s", (n++ ? " " : ""), m; last = m; plus = 0
		}' "$MSGS")
		if [ "$got" != "${SEQS[$i]}" ]; then
			log "step $((i + 1)): message sequence differs"
			log "   want: ${SEQS[$i]}"
			log "   got:  $got"
			FAIL=1
		fi
	done
}

# expect_step STEP 'DISPLAY FILTER' MIN [MAX] DESCRIPTION: within step STEP,
# MIN to MAX frames match. The checks are collected, and check_expected
# counts them in one tshark pass (io,stat: one column per filter; filters
# must not contain commas).
X_FILT=()
X_MIN=()
X_MAX=()
X_DESC=()
expect_step() {
	local step=$1 filt=$2 min=$3 max=999999 desc
	if [ $# -eq 5 ]; then max=$4 desc=$5; else desc=$4; fi
	X_FILT+=("sip.Call-ID == \"${CIDS[$((step - 1))]}\" && ($filt)")
	X_MIN+=("$min")
	X_MAX+=("$max")
	X_DESC+=("step $step: $desc [$filt]")
}

# expect_own_hosts: expect_step for every step (run_step): no frame of its
# Call-ID between other hosts than the UAC and the step's UAS
expect_own_hosts() {
	local i
	for i in "${!UAS_IPS[@]}"; do
		expect_step $((i + 1)) "!(ip.addr == $UAC_IP && ip.addr == ${UAS_IPS[$i]})" 0 0 "frames between other hosts"
	done
}

# check_expected FILE: FAIL=1 unless every expect_step check holds in FILE
# shellcheck disable=SC2034 # FAIL is the caller's verdict
check_expected() {
	local stat_arg="io,stat,0" f i n counts
	for f in "${X_FILT[@]}"; do
		case $f in *,*) die "comma in check filter [$f]" ;; esac
		stat_arg+=",$f"
	done
	"${TSHARK[@]}" -r "$1" -q -z "$stat_arg" >"$WORK/checks.txt" 2>"$WORK/tshark.err" ||
		die "tshark checks failed: $(cat "$WORK/tshark.err")"
	# the single data row: | 0.0 <> T | frames1 | bytes1 | frames2 | bytes2 | ...
	mapfile -t counts < <(awk -F'|' '$2 ~ /<>/ { for (i = 3; i < NF; i += 2) { gsub(/ /, "", $i); print $i } }' "$WORK/checks.txt")
	[ "${#counts[@]}" = "${#X_FILT[@]}" ] ||
		die "tshark io,stat gave ${#counts[@]} counts for ${#X_FILT[@]} checks, see $WORK/checks.txt"
	for i in "${!X_FILT[@]}"; do
		n=${counts[$i]}
		if [ "$n" -lt "${X_MIN[$i]}" ] || [ "$n" -gt "${X_MAX[$i]}" ]; then
			log "MISSING in ${X_DESC[$i]} (found $n, want ${X_MIN[$i]}..${X_MAX[$i]})"
			FAIL=1
		fi
	done
}

# check_branches FILE MIN: CANCEL and the ACK for a non-2xx final response
# reuse the branch of their INVITE (RFC 3261 9.1, 17.1.1.3); the ACK for a 2xx
# is a transaction of its own (new branch); at least MIN ACK/CANCEL frames
# checked; FAIL=1 otherwise
# shellcheck disable=SC2034 # FAIL is the caller's verdict
check_branches() {
	local bad nbr
	"${TSHARK[@]}" -r "$1" -T fields -E separator=/t -E occurrence=f -e frame.number \
		-e sip.Call-ID -e sip.Method -e sip.Status-Code -e sip.CSeq.seq -e sip.CSeq.method \
		-e sip.Via.branch >"$WORK/branches.tsv" 2>/dev/null
	bad=$(awk -F'\t' '
		$3 == "INVITE" && !(($2, $5) in inv) { inv[$2, $5] = $7 }
		$4 != "" && $6 == "INVITE" && $4 >= 300 { nonx[$2, $5] = 1 }
		$3 == "ACK" || $3 == "CANCEL" {
			k = $2 SUBSEP $5
			if (!(k in inv)) { print "frame " $1 ": " $3 " without INVITE"; next }
			same = ($7 == inv[k])
			if ($3 == "CANCEL" && !same) print "frame " $1 ": CANCEL branch differs from its INVITE"
			if ($3 == "ACK" && (k in nonx) && !same) print "frame " $1 ": ACK (non-2xx) branch differs from its INVITE"
			if ($3 == "ACK" && !(k in nonx) && same) print "frame " $1 ": ACK (2xx) reuses the INVITE branch"
		}' "$WORK/branches.tsv")
	[ -z "$bad" ] || { log "branches: $bad"; FAIL=1; }
	nbr=$(awk -F'\t' '$3 == "ACK" || $3 == "CANCEL"' "$WORK/branches.tsv" | grep -c . || true)
	[ "$nbr" -ge "$2" ] || { log "branches: only $nbr ACK/CANCEL frames checked"; FAIL=1; }
}

# check_resent FILE COUNT WHAT: FILE holds COUNT retransmissions (as Wireshark
# sees them, sip.resend); FAIL=1 and "expected WHAT" otherwise
# shellcheck disable=SC2034 # FAIL is the caller's verdict
check_resent() {
	local n
	n=$("${TSHARK[@]}" -r "$1" -Y 'sip.resend == 1' 2>/dev/null | grep -c . || true)
	[ "$n" = "$2" ] || { log "expected $3, found $n"; FAIL=1; }
}

# finish_steps WHAT FIRST: dies unless every check passed (FAIL=0; WHAT names
# the capture), logs the FIRST message of each step (FIRSTS), publishes FINAL
finish_steps() {
	local i firsts=
	[ "$FAIL" = 0 ] || die "$1 capture lacks expected messages (work dir $WORK)"
	for i in "${!FIRSTS[@]}"; do
		firsts+="$((i + 1)):${FIRSTS[$i]} "
	done
	log "$2 of each step (step:frame): $firsts"
	publish "$FINAL"
	log "done"
}
