#!/bin/bash
# describe-capture.sh FILE [all]
# Prints a Markdown table of the SIP responses in FILE as Wireshark's own SIP
# dissector sees them (frame, addresses, status code, reason phrase, CSeq,
# notable headers). With "all", SIP requests are listed too.
# Used to produce the tables in captures/README.md.
set -euo pipefail
f=$1
filt='sip.Status-Code'
[ "${2:-}" = all ] && filt='sip'
tshark -r "$f" -Y "$filt" -T fields -E separator=/t -E quote=n -E occurrence=f \
	-e frame.number -e ip.src -e ip.dst -e tcp.srcport -e udp.srcport \
	-e sip.Status-Code -e sip.Status-Line -e sip.Method -e sip.CSeq.seq -e sip.CSeq.method \
	-e sip.Retry-After -e sip.Warning -e sip.Allow -e sip.WWW-Authenticate \
	-e sip.Proxy-Authenticate -e sip.Unsupported -e sip.Contact -e frame.protocols \
	2>/dev/null |
awk -F'\t' '
BEGIN {
	print "| frame | from → to | code | reason / request | CSeq | notable |"
	print "|------:|-----------|-----:|------------------|------|---------|"
}
{
	code = $6; what = $7
	if (code != "") sub(/^SIP\/2\.0 [^ ]* ?/, "", what)
	else { code = "—"; what = $8 " (request)" }
	n = ""
	if ($11 != "") n = n "Retry-After: " $11 "; "
	if ($12 != "") n = n "Warning: " $12 "; "
	if ($13 != "") n = n "Allow: " $13 "; "
	if ($14 != "") n = n "WWW-Authenticate; "
	if ($15 != "") n = n "Proxy-Authenticate; "
	if ($16 != "") n = n "Unsupported: " $16 "; "
	if ($6 ~ /^3/ && $17 != "") n = n "Contact: " $17 "; "
	if ($18 ~ /:sdp/) n = n "SDP; "
	sub(/; $/, "", n)
	gsub(/\|/, "\\|", what); gsub(/\|/, "\\|", n)
	printf "| %s | %s → %s | %s | %s | %s %s | %s |\n", $1, $2, $3, code, what, $9, $10, n
}'
