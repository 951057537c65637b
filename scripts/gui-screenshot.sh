#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# gui-screenshot.sh [--plugin SO] [--capture FILE] [--out DIR] [--what expert|packets|call|all] [-- WIRESHARK_ARGS...]
# Opens FILE in the real Wireshark GUI under Xvfb, with the plugin SO staged in a
# throw-away HOME (as the tests do), and saves screenshots for the README:
#   expert   DIR/gui-expert-info.png  Analyze › Expert Information, groups expanded
#   packets  DIR/gui-packets.png      failure responses (-Y 'sip.Status-Code >= 400'),
#                                     one selected, its SIP Response Advisor subtree expanded
#   call     DIR/gui-call.png         the flow of a dropped call of captures/calls-udp.pcapng
#                                     (filter sipadv.call.first_frame == 8, applied once the
#                                     file is read), the BYE that dropped it selected, its
#                                     call outcome and diagnosis expanded
# Defaults: build/sipadv.so, captures/kamailio-udp.pcapng, docs/, expert.
# WIRESHARK_ARGS are appended to wireshark's command line (e.g. -- -Y sip).
# Run as root: installs what is missing, runs wireshark as nobody (Wireshark loads
# no personal plugin as root). Needs no display of its own.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
plugin=$root/build/sipadv.so capture=$root/captures/kamailio-udp.pcapng out=$root/docs what=expert
usage() { sed -n '3p' "$0" | sed 's/^# /usage: /' >&2; exit 2; }
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
while [ $# -gt 0 ]; do
    case $1 in
    --plugin) [ $# -ge 2 ] || usage; plugin=$(abs "$2"); shift 2 ;;
    --capture) [ $# -ge 2 ] || usage; capture=$(abs "$2"); shift 2 ;;
    --out) [ $# -ge 2 ] || usage; out=$(abs "$2"); shift 2 ;;
    --what) [ $# -ge 2 ] || usage; what=$2; shift 2 ;;
    --) shift; break ;;
    *) usage ;;
    esac
done
case $what in expert | packets | call | all) ;; *) usage ;; esac
die() { echo "gui-screenshot: $*" >&2; exit 1; }
[ -f "$plugin" ] || die "no plugin at $plugin (build it first, or pass --plugin)"
[ -f "$capture" ] || die "no capture at $capture"

# fonts-wqy-microhei: the Chinese text of the plugin would show as boxes otherwise.
"$root/scripts/deps.sh" wireshark-qt xvfb xdotool imagemagick fonts-wqy-microhei

tmp=$(mktemp -d /tmp/sipadv-gui.XXXXXX)
xvfb='' ws=''
# stop PID: SIGTERM, then SIGKILL after 5 s.
stop() {
    [ -n "$1" ] || return 0
    kill "$1" 2> /dev/null || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        case $(ps -o stat= -p "$1" 2> /dev/null) in "" | Z*) break ;; esac
        sleep 0.5
    done
    kill -9 "$1" 2> /dev/null || true
    wait "$1" 2> /dev/null || true
}
cleanup() { stop "$ws"; stop "$xvfb"; rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# A throw-away HOME with the plugin, exactly as the tests stage it; fail early if
# tshark does not load the plugin from there.
home=$tmp/home
"$root/scripts/stage-plugin" "$plugin" "$home"
"$root/scripts/require-plugin" "$home"
# Window geometry and panes: full screen, no bytes pane, no hover highlight.
cat > "$home/.config/wireshark/recent_common" << 'EOF'
gui.geometry_main_x: 0
gui.geometry_main_y: 0
gui.geometry_main_width: 1600
gui.geometry_main_height: 1000
gui.geometry_main_maximized: FALSE
EOF
cat > "$home/.config/wireshark/recent" << 'EOF'
gui.byte_view_show: FALSE
gui.allow_hover_selection: FALSE
gui.geometry_main_upper_pane: 340
EOF
chmod a+rw "$home/.config/wireshark/recent_common" "$home/.config/wireshark/recent"
mkdir -m 755 "$tmp/cap" && cp "$capture" "$tmp/cap/" && chmod a+r "$tmp/cap/"*
cap=$tmp/cap/$(basename "$capture")
"$root/scripts/tshark-as-user" "$home" -r "$cap" -c 1 > /dev/null 2> "$tmp/tshark.log" ||
    die "tshark cannot read $capture: $(cat "$tmp/tshark.log")"
mkdir -m 700 "$tmp/run"
asuser=
if [ "$(id -u)" -eq 0 ]; then
    asuser="setpriv --reuid=65534 --regid=65534 --clear-groups"
    chown 65534:65534 "$tmp/run"
fi

# until_t SECONDS COMMAND...: polls COMMAND every 0.5 s; fails after SECONDS.
until_t() {
    local end=$((SECONDS + $1)); shift
    until "$@"; do [ $SECONDS -lt "$end" ] || return 1; sleep 0.5; done
}

# Xvfb on the first free display from :90 on.
xready() { kill -0 "$xvfb" 2> /dev/null && DISPLAY=:$n xdotool getdisplaygeometry > /dev/null 2>&1; }
xsettled() { ! kill -0 "$xvfb" 2> /dev/null || xready; }
for n in $(seq 90 199); do
    [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] && continue
    Xvfb ":$n" -screen 0 1600x1000x24 -nolisten tcp > "$tmp/xvfb.log" 2>&1 &
    xvfb=$!
    until_t 15 xsettled || die "Xvfb :$n did not start: $(cat "$tmp/xvfb.log")"
    xready && break
    wait "$xvfb" 2> /dev/null || true
    xvfb=
done
[ -n "$xvfb" ] || die "found no free X display in :90..:199"
export DISPLAY=:$n

# start_ws ARGS...: runs wireshark ARGS as nobody, with the staged HOME.
start_ws() {
    (cd "$tmp/cap" && exec $asuser env -i PATH="$PATH" DISPLAY="$DISPLAY" HOME="$home" LANG=C.UTF-8 \
        XDG_RUNTIME_DIR="$tmp/run" WIRESHARK_PLUGIN_DIR="$home/global-plugins" \
        nice -n 10 wireshark "$@") > "$tmp/wireshark.log" 2>&1 &
    ws=$!
}
ws_fail() { die "$1; wireshark's output:
$(tail -n 20 "$tmp/wireshark.log")"; }
# find_win REGEX: the id of the first window whose name matches, while wireshark runs.
find_win() {
    kill -0 "$ws" 2> /dev/null || ws_fail "wireshark exited"
    win=$(xdotool search --name "$1" 2> /dev/null | head -n 1)
    [ -n "$win" ]
}
# The main window is named after the file once it is open.
main_re="^$(basename "$cap" | sed 's/[][\.*^$+?(){}|]/\\&/g')\$"
wait_main() { until_t 90 find_win "$main_re" || ws_fail "the main window for $(basename "$cap") did not appear in 90 s"; main=$win; }
# wait_idle: until wireshark used under 3% of a CPU for 2 s in a row (30 s at most).
cpu() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$ws/stat" 2> /dev/null; }
wait_idle() {
    local prev now quiet=0 end=$((SECONDS + 30))
    prev=$(cpu) || ws_fail "wireshark exited"
    while [ $quiet -lt 2 ]; do
        [ $SECONDS -lt $end ] || { echo "gui-screenshot: wireshark still busy after 30 s, shooting anyway" >&2; return 0; }
        sleep 1
        now=$(cpu) || ws_fail "wireshark exited"
        if [ $((now - prev)) -le 3 ]; then quiet=$((quiet + 1)); else quiet=0; fi
        prev=$now
    done
}
# shoot WINDOW NAME: saves the window as NAME in the output folder.
shot() {
    xdotool mousemove 1599 999
    wait_idle
    nice -n 10 import -window "$1" "$tmp/$2"
    mkdir -p "$out"
    mv "$tmp/$2" "$out/$2"
    chmod 644 "$out/$2"
    echo "wrote $out/$2 ($(identify -format '%wx%h' "$out/$2"), $(stat -c %s "$out/$2") bytes)"
}

if [ "$what" = expert ] || [ "$what" = all ]; then
    # -z expert opens Analyze › Expert Information once the file is read.
    start_ws -r "$cap" -z expert "$@"
    wait_main
    until_t 60 find_win "Expert Information" || ws_fail "the Expert Information dialog did not appear in 60 s"
    dlg=$win
    wait_idle
    xdotool windowmove --sync "$dlg" 0 0 windowsize --sync "$dlg" 1000 900
    wait_idle
    # Select the first row, then expand every group from the last one up
    # (Right expands a group, Up reaches the one above while it is collapsed).
    xdotool mousemove --window "$dlg" 100 42 click 1
    keys=(End)
    for _ in $(seq 60); do keys+=(Right Up); done
    xdotool key --window "$dlg" --delay 20 "${keys[@]}" Home
    shot "$dlg" gui-expert-info.png
    stop "$ws"; ws=
fi

if [ "$what" = packets ] || [ "$what" = all ]; then
    filter='sip.Status-Code >= 400'
    # Frame 116 of the bundled capture: the 503 without Retry-After of the README.
    if [ "$(basename "$capture")" = kamailio-udp.pcapng ]; then go=(-g 116); else go=(-J "$filter"); fi
    start_ws -r "$cap" -Y "$filter" "${go[@]}" "$@"
    wait_main
    wait_idle
    # Focus the packet details (below its rows), select the last tree, the
    # SIP Response Advisor, and Expand Subtrees (Shift+Right).
    xdotool mousemove --window "$main" 800 930 click 1
    xdotool key --window "$main" --delay 100 End shift+Right
    shot "$main" gui-packets.png
    stop "$ws"; ws=
fi

if [ "$what" = call ] || [ "$what" = all ]; then
    # The GUI dissects twice: every message of the call carries its outcome, so the filter shows the whole flow.
    cp "$root/captures/calls-udp.pcapng" "$tmp/cap/calls-udp.pcapng"
    chmod a+r "$tmp/cap/calls-udp.pcapng"
    cap=$tmp/cap/calls-udp.pcapng main_re='^calls-udp\.pcapng$'
    # The filter is applied once the file is read: a filter given with the file runs
    # in the first pass, when the messages before the BYE do not know the outcome yet.
    start_ws -r "$cap" -g 13 "$@"
    wait_main
    wait_idle
    xdotool key --window "$main" ctrl+slash
    xdotool type --window "$main" --delay 20 'sipadv.call.first_frame == 8'
    xdotool key --window "$main" Return
    wait_idle
    xdotool mousemove --window "$main" 800 930 click 1
    xdotool key --window "$main" --delay 100 End shift+Right
    shot "$main" gui-call.png
    stop "$ws"; ws=
fi
