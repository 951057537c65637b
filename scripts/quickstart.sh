#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Installs what is missing, builds and installs the plugin, then shows it at work
# on a bundled capture made by kamailio and sipp.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build -j"$(nproc)"
cmake --install build
capture=${1:-captures/kamailio-udp.pcapng}
echo
echo "== Every SIP response in $capture, explained =="
tshark -r "$capture" -Y sipadv -T fields -E separator=/t -E occurrence=f \
    -e frame.number -e _ws.col.Info -e sipadv.method -e sipadv.meaning -e sipadv.guidance -e sipadv.ref \
    2> /dev/null |
    awk -F'\t' '{ sub(/ \| $/, "", $2); printf "frame %s  %s  [%s]\n    meaning:  %s\n    guidance: %s\n    see:      %s\n", $1, $2, $3, $4, $5, $6 }'
echo
echo "== Findings: tshark -r $capture -q -z expert (sipadv rows) =="
tshark -r "$capture" -q -z expert 2> /dev/null | grep -E "SIPADV|^(Errors|Warns|Notes|Chats) "
# The GUI draws Chinese (sipadv.language: chinese or both) only with a CJK font.
if command -v wireshark > /dev/null && command -v fc-list > /dev/null && [ -z "$(fc-list :lang=zh 2> /dev/null | head -n 1)" ]; then
    echo
    echo "Note: no Chinese font is installed; for sipadv's Chinese text in the Wireshark GUI: apt-get install fonts-noto-cjk"
fi
