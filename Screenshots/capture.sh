#!/usr/bin/env bash
# Photographs the real bptui in a real xterm under Xvfb, driving it through tmux, and saves a
# PNG and a plain-text capture of each screen. Rerun after any change to what the screen shows.
# Needs (Debian): xvfb xterm x11-utils imagemagick tmux fonts-dejavu-core.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product bptui >/dev/null
binary="$(swift build -c release --show-bin-path)/bptui"
out=Screenshots
display=:${BPTUI_DISPLAY:-87}
base="bptui-shots-$$"
socket=$base

Xvfb "$display" -screen 0 1920x1200x24 >/dev/null 2>&1 &
xvfb=$!
cleanup() {
  for s in "$base"-*; do tmux -L "$(basename "$s")" kill-server 2>/dev/null || true; done
  tmux -L "$socket" kill-server 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
}
trap cleanup EXIT
export DISPLAY=$display
for _ in $(seq 1 100); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.05; done
xdpyinfo >/dev/null 2>&1 || { echo "capture.sh: Xvfb did not start on $display" >&2; exit 1; }

# Polls the pane until it shows $1 (never a fixed sleep for the program's output).
wait_for() {
  for _ in $(seq 1 500); do
    tmux -L "$socket" capture-pane -p -t 0 | grep -qF -- "$1" && return 0
    sleep 0.02
  done
  echo "capture.sh: the screen never showed: $1" >&2
  exit 1
}

# Saves the xterm window as $1.png and the pane's text as $1.txt.
shot() {
  sleep 0.3  # let xterm paint what tmux has already drawn
  import -window "$window" "$out/$1.png"
  tmux -L "$socket" capture-pane -p -t 0 > "$out/$1.txt"
  echo "wrote $out/$1.png and $out/$1.txt"
}

# Starts bptui in a cols×rows xterm, with any further arguments, and waits for $3.
start() {
  local cols=$1 rows=$2 marker=${3:-E_total 0.298371109}
  shift 3 || shift $#
  tmux -L "$socket" kill-server 2>/dev/null || true
  socket="$base-$cols-$RANDOM"   # a fresh server for each start
  tmux -L "$socket" -f /dev/null new-session -d -x "$cols" -y "$rows" \
    "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color $binary $*; sleep 600"
  tmux -L "$socket" set-option -g status off >/dev/null
  xterm -T "bptui-$cols" -fa 'DejaVu Sans Mono' -fs 11 -geometry "${cols}x${rows}+0+0" \
    -bg '#1c1f26' -fg '#d8dee9' -e tmux -L "$socket" attach -t 0 &
  for _ in $(seq 1 200); do
    window=$(xwininfo -root -tree | awk -v t="\"bptui-$cols\":" 'index($0, t) { print $1; exit }')
    [ -n "$window" ] && break
    sleep 0.05
  done
  [ -n "$window" ] || { echo "capture.sh: the xterm window never appeared" >&2; exit 1; }
  wait_for "$marker"
}

send() { tmux -L "$socket" send-keys -t 0 "$@"; }

# Presses n until the walk shows $1 as its newest sub-step.
walk_to() {
  for _ in $(seq 1 80); do
    send n
    sleep 0.05
    tmux -L "$socket" capture-pane -p -t 0 | grep -qF -- "$1" && return 0
  done
  echo "capture.sh: the walk never reached: $1" >&2
  exit 1
}

start 80 24 "E_total 0.298371109"
shot start-80x24
send s;        wait_for "E_total 0.291027924"; shot step-1-80x24
send g Enter;  wait_for "the post: 0.000035085"; shot iteration-10000-80x24
send '?';      wait_for "Keys"; shot help-80x24
send Escape g 1000000000 Enter; wait_for "left · Esc stops"; shot go-to-progress-80x24
send Escape;   wait_for "go-to stopped at iteration"
send g; send -l abc; wait_for "digits only"; shot prompt-error-80x24
send Escape

start 120 40 "E_total 0.298371109"
send g Enter;  wait_for "the post: 0.000035085"; shot iteration-10000-120x40
send R e;                  wait_for "Explain ∂E_total/∂w5 · next step from iteration 0"; shot explain-w5-120x40
send Up Up Up Up Up;       wait_for "Explain ∂E_total/∂w1"; shot explain-w1-120x40
send Escape c;             wait_for "10 of 10 gradients agree"; shot gradient-check-120x40
send Escape t;             wait_for "agree to the printed digits"; shot checkpoints-120x40

# Any network: xor on 2-5-1, Playground's circle and spiral, its largest shape.
start 80 24 "Network 2-5-1" --layers 2,5,1 --data xor --bias per-neuron --train-biases --learning-rate 2
send g C-u 1200 Enter; wait_for "went to iteration 1,200"; shot xor-2-5-1-80x24
send j j j j e;        wait_for "w15⁺ = w15"; shot xor-explain-w15-80x24
send Escape d;         wait_for "Data · o1"; shot xor-data-80x24
start 120 40 "Network 2-4-2-1" --layers 2,4,2,1 --activation tanh --output-activation tanh --bias per-neuron --train-biases \
  --data circle --batch 10 --learning-rate 0.03
send g C-u 2000 Enter; wait_for "went to iteration 2,000"; send d; wait_for "Data · o1"; shot circle-data-120x40
start 120 40 "Network 2-8-8-8-1" --layers 2,8,8,8,1 --activation tanh --output-activation tanh --bias per-neuron --train-biases \
  --data spiral --batch 10 --learning-rate 0.03
send g C-u 30000 Enter; wait_for "went to iteration 30,000"; send d; wait_for "Data · o1"; shot spiral-data-120x40
start 120 40 "every weight on its edge" --layers 2,3,2 --output-activation softmax --data gauss
send g C-u 100 Enter; wait_for "went to iteration 100"; shot table-2-3-2-120x40
start 80 24 "Network 2-8-8-8-8-8-8-1" --layers 2,8,8,8,8,8,8,1 --activation tanh --output-activation tanh --data circle
shot deep-2-8x6-1-80x24
# A TensorFlow Playground link: its default experiment, 100 epochs in, with the data view.
start 120 40 "Network 2-4-2-1" --playground "'#seed=0.83447'"
send g C-u 2500 Enter; wait_for "went to iteration 2,500"; send d; wait_for "Data · o1"; shot playground-120x40
# Several classes: the class map and its confusion matrix; a regression's values; 4 inputs.
start 120 40 "Network 2-5-4" --layers 2,5,4 --output-activation softmax --loss cross-entropy --data clusters --noise 0.1
send g C-u 2000 Enter; wait_for "went to iteration 2,000"; send d; wait_for "training · t↓ p→"; shot clusters-data-120x40
start 120 40 "Network 2-4-2-1" --playground "'#problem=regression&regDataset=reg-gauss&seed=0.5'"
send g C-u 5000 Enter; wait_for "went to iteration 5,000"; send d T; wait_for "target's colour"; shot regression-data-120x40

# The walk through the post's first iteration (textbook order, as the post's text).
start 120 40 "E_total 0.298371109" --order textbook
walk_to "w5⁺ = w5"; shot walk-w5-120x40
walk_to "w1⁺ = w1"; shot walk-w1-120x40
start 80 24 "E_total 0.298371109" --order textbook
walk_to "∂E_o1/∂out_h1 = δ_o1"; shot walk-80x24
