#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Where `cmake --install` puts sipadv.so, decided at install time
# (scripts/install-plugin.cmake), with a stand-in global folder: root into the
# global folder, a user into the personal one, DESTDIR and another prefix into
# the prefix, each with the SIPADV profile (a user's own is kept); the copy in
# the other folder is named in a warning either way;
# and the real install step of this build honours --prefix.
#
# Environment: SIPADV_PLUGIN, SIPADV_SRC as for run.sh; SIPADV_BUILD, the build folder.
set -eu
: "${SIPADV_PLUGIN:?}" "${SIPADV_SRC:?}" "${SIPADV_BUILD:?}"
[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root to install as root and as nobody"; exit 77; }
work=$(mktemp -d /tmp/sipadv-install.XXXXXX)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }
cp "$SIPADV_PLUGIN" "$work/sipadv.so"
cp "$SIPADV_SRC/scripts/install-plugin.cmake" "$work/"
cp -r "$SIPADV_SRC/profiles/SIPADV" "$work/"
chmod -R a+rX "$work/sipadv.so" "$work/install-plugin.cmake" "$work/SIPADV"
global=$work/global/lib/wireshark/plugins/9.9/epan
mkdir -p "$work/user" "$work/root-home"
chown 65534:65534 "$work/user"

# install AS PREFIX [DESTDIR]: the script as the build's install step runs it; output in $work/log.
install() {
    as=$1 prefix=$2 destdir=${3:-}
    set -- cmake -DSIPADV_PLUGIN_FILE="$work/sipadv.so" -DSIPADV_GLOBAL_DIR="$global" \
        -DSIPADV_PLUGIN_RELDIR=lib/wireshark/plugins/9.9/epan -DSIPADV_SERIES=9.9 \
        -DSIPADV_DEFAULT_PREFIX=/usr/local -DSIPADV_INSTALL_DIR= -DCMAKE_INSTALL_PREFIX="$prefix" \
        -DSIPADV_PROFILE="$work/SIPADV" -DSIPADV_GLOBAL_PROFILES="$work/global/share/wireshark/profiles" \
        -DSIPADV_PROFILES_RELDIR=share/wireshark/profiles \
        -P "$work/install-plugin.cmake"
    if [ "$as" = root ]; then
        env HOME="$work/root-home" DESTDIR="$destdir" "$@" > "$work/log" 2>&1
    else
        setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$work/user" DESTDIR="$destdir" "$@" > "$work/log" 2>&1
    fi || { cat "$work/log" >&2; fail "install as $as, prefix $prefix: cmake failed"; }
}
# CMake wraps a warning's lines: the log as one line.
flat() { tr -s ' \n' '  ' < "$work/log"; }
installed() { [ -f "$1/sipadv.so" ] || { cat "$work/log" >&2; fail "$2: no sipadv.so in $1"; }; }
profile() { cmp -s "$1/SIPADV/preferences" "$work/SIPADV/preferences" || fail "$2: no SIPADV profile in $1"; }

install root /usr/local
installed "$global" "root, default prefix"
profile "$work/global/share/wireshark/profiles" "root, default prefix"
flat | grep -q "Wireshark will load\|will not be loaded" && fail "a warning with no other copy: $(cat "$work/log")"

install nobody /usr/local
personal=$work/user/.local/lib/wireshark/plugins/9.9/epan
installed "$personal" "a user, default prefix"
[ "$(stat -c %u "$personal/sipadv.so")" -eq 65534 ] || fail "the personal copy is not the user's own"
profile "$work/user/.config/wireshark/profiles" "a user, default prefix"
flat | grep -q "Wireshark will load the global copy $global/sipadv.so" ||
    fail "a user's install does not say the global copy shadows it: $(cat "$work/log")"

# Root again, now with a personal copy in its own HOME: named as the one not loaded.
mkdir -p "$work/root-home/.local/lib/wireshark/plugins/9.9/epan"
cp "$work/sipadv.so" "$work/root-home/.local/lib/wireshark/plugins/9.9/epan/"
install root /usr/local
flat | grep -q "root-home/.local/lib/wireshark/plugins/9.9/epan/sipadv.so will not be loaded" ||
    fail "a global install does not name the personal copy it shadows: $(cat "$work/log")"

# Packagers: DESTDIR with the default prefix, and another prefix.
install root /usr "$work/stage"
installed "$work/stage/usr/lib/wireshark/plugins/9.9/epan" "DESTDIR with prefix /usr"
profile "$work/stage/usr/share/wireshark/profiles" "DESTDIR with prefix /usr"
install root /usr/local "$work/stage2"
installed "$work/stage2/usr/local/lib/wireshark/plugins/9.9/epan" "DESTDIR with the default prefix"
# A user's own profile of that name is kept.
echo "# mine" > "$work/user/.config/wireshark/profiles/SIPADV/preferences"
install nobody /usr/local
grep -qx "# mine" "$work/user/.config/wireshark/profiles/SIPADV/preferences" || fail "a user's own SIPADV profile was overwritten"
install nobody "$work/user/prefix"
installed "$work/user/prefix/lib/wireshark/plugins/9.9/epan" "a user's own prefix"

# This build's own install step, with --prefix: the real Wireshark's folder under that prefix.
cmake --install "$SIPADV_BUILD" --prefix "$work/real" > "$work/log" 2>&1 || { cat "$work/log" >&2; fail "cmake --install --prefix"; }
rel=$(pkg-config --variable=plugindir wireshark | sed "s|^$(pkg-config --variable=prefix wireshark)/||")
installed "$work/real/$rel/epan" "cmake --install --prefix"
cmp -s "$work/real/$rel/epan/sipadv.so" "$SIPADV_PLUGIN" || fail "cmake --install --prefix installed another file"
echo "PASS: root → global, user → personal, DESTDIR and prefixes → the prefix, each with the profile; the other copy named in a warning"
