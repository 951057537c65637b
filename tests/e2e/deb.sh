#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The Debian package of this build (CPack, CMakeLists.txt), on this machine's
# Wireshark: apt installs it; tshark lists the plugin from the global folder
# with the package's version and explains a capture with it, also under the
# SIPADV profile; apt removes it and leaves none of its files. scripts/matrix.sh
# runs the same in the Debian 13 and testing chroots. A sipadv.so installed
# globally without the package (scripts/quickstart.sh), and its profile, are
# put back afterwards.
#
# Environment: SIPADV_SRC as for run.sh; SIPADV_BUILD, the build folder.
set -eu
: "${SIPADV_SRC:?}" "${SIPADV_BUILD:?}"
[ "$(id -u)" -eq 0 ] || { echo "SKIP: installing a package needs root"; exit 77; }
# An instrumented plugin loads only into a tshark that preloads the sanitizer runtimes.
[ -z "${SIPADV_TSHARK_PRELOAD:-}" ] || { echo "SKIP: the sanitized build is not packaged (e2e_deb runs in the plain suite)"; exit 77; }
if dpkg-query -W -f='${Status}' sipadv 2> /dev/null | grep -q "ok installed"; then
    echo "SKIP: a sipadv package is installed on this machine; this test would remove it"
    exit 77
fi
fail() { echo "FAIL: $*" >&2; exit 1; }
work=$(mktemp -d /tmp/sipadv-deb.XXXXXX)
chmod 755 "$work"
global=$(pkg-config --variable=plugindir wireshark)/epan
series=$(basename "$(dirname "$global")")
profiles=$(pkg-config --variable=prefix wireshark)/share/wireshark/profiles
kept=
restore() {
    if dpkg-query -W -f='${Status}' sipadv 2> /dev/null | grep -q "ok installed"; then
        apt-get remove -y -q sipadv > /dev/null 2>&1 || true
    fi
    if [ -n "$kept" ]; then
        [ -f "$work/kept/sipadv.so" ] && cp -p "$work/kept/sipadv.so" "$global/sipadv.so"
        [ -d "$work/kept/SIPADV" ] && cp -rp "$work/kept/SIPADV" "$profiles/"
    fi
    rm -rf "$work"
}
trap restore EXIT
mkdir "$work/kept"
if [ -f "$global/sipadv.so" ]; then mv "$global/sipadv.so" "$work/kept/"; kept=yes; fi
if [ -d "$profiles/SIPADV" ]; then mv "$profiles/SIPADV" "$work/kept/"; kept=yes; fi

cpack -G DEB --config "$SIPADV_BUILD/CPackConfig.cmake" -B "$work/pkg" > "$work/cpack.log" 2>&1 ||
    { cat "$work/cpack.log" >&2; fail "cpack"; }
deb=$(ls "$work"/pkg/sipadv_*_wireshark"$series"_*.deb 2> /dev/null | head -n 1)
[ -n "$deb" ] || { ls "$work/pkg" >&2; fail "no sipadv_*_wireshark${series}_*.deb made"; }
version=$(dpkg-deb -f "$deb" Version)
next=${series%.*}.$((${series#*.} + 1))
dpkg-deb -f "$deb" Depends | grep -q "libwireshark[0-9]* (>= $series.0), libwireshark[0-9]* (<< $next~)" ||
    fail "Depends not pinned to Wireshark $series: $(dpkg-deb -f "$deb" Depends)"

apt-get install -y -q --no-install-recommends "$deb" > "$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; fail "apt-get install $deb"; }
dpkg -L sipadv > "$work/files"
grep -qx "$global/sipadv.so" "$work/files" || fail "the package does not put sipadv.so into $global"
grep -q "/wireshark/profiles/SIPADV/preferences$" "$work/files" || fail "the package has no SIPADV profile"

# An unprivileged tshark with an empty home: only the global folder can provide the plugin.
mkdir -p "$work/home"
chown 65534:65534 "$work/home"
cp "$SIPADV_SRC/captures/kamailio-udp.pcapng" "$work/"
chmod a+r "$work/kamailio-udp.pcapng"
ts() { setpriv --reuid=65534 --regid=65534 --clear-groups env -u WIRESHARK_PLUGIN_DIR HOME="$work/home" tshark "$@"; }
ts -G plugins 2> /dev/null | grep -q "^sipadv.so[[:space:]]*$version[[:space:]].*$global/sipadv.so$" ||
    fail "tshark -G plugins does not list sipadv $version from $global: $(ts -G plugins 2>&1 | grep sipadv)"
hints=$(ts -r "$work/kamailio-udp.pcapng" -Y sipadv -T fields -e sipadv.hint 2> /dev/null | grep -c . || true)
[ "$hints" -gt 0 ] || fail "the packaged plugin explains nothing in kamailio-udp.pcapng"
ts -C SIPADV -r "$work/kamailio-udp.pcapng" -Y sipadv.hint -c 1 > "$work/profile.out" 2>&1 || fail "tshark -C SIPADV: $(cat "$work/profile.out")"

apt-get remove -y -q sipadv > "$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; fail "apt-get remove sipadv"; }
while IFS= read -r f; do
    [ -d "$f" ] && continue
    [ -e "$f" ] && fail "apt-get remove left $f"
done < "$work/files"
[ -d "$profiles/SIPADV" ] && fail "apt-get remove left the SIPADV profile folder"
if ts -G plugins 2> /dev/null | grep -q "^sipadv.so"; then fail "tshark still lists sipadv after removal"; fi
echo "PASS: $(basename "$deb"): installed with apt, listed as $version from $global, explains a capture, removed without a trace"
