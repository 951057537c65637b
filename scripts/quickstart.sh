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
tshark -r "$capture" -Y sipadv -T fields -E header=y -E occurrence=f \
    -e frame.number -e sipadv.code -e sipadv.method -e _ws.col.Info -e sipadv.guidance -e sipadv.ref
echo
echo "== Findings (tshark -z expert) =="
tshark -r "$capture" -q -z expert,note | grep -E "SIPADV|Frequency|^(Errors|Warns|Notes|Chats)"
