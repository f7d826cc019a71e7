#!/usr/bin/env bash
# Runs the real bptui (release build) in tmux at maximum speed for a while (default 600 s)
# and samples its resident memory and the status line every 30 s: memory should stay flat
# after the first seconds and the iteration count keep rising.
# usage: Benchmarks/long-tui-run.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
swift build -c release --product bptui >/dev/null
binary="$(swift build -c release --show-bin-path)/bptui"
socket="bptui-long-$$"
trap 'tmux -L "$socket" kill-server 2>/dev/null || true' EXIT
tmux -L "$socket" -f /dev/null new-session -d -x 100 -y 30 "env LANG=C.UTF-8 $binary"
until tmux -L "$socket" capture-pane -p -t 0 | grep -q "E_total 0.298371109"; do sleep 0.1; done
tmux -L "$socket" send-keys -t 0 + + + + + + + + r
# A run pauses once at the post's iteration 10,000; continue it.
until tmux -L "$socket" capture-pane -p -t 0 | grep -q "the post: 0.000035085"; do sleep 0.1; done
tmux -L "$socket" send-keys -t 0 r
pid=$(pgrep -f "^$binary$" | head -1)
echo "seconds  resident_kib  status"
start=$(date +%s)
while true; do
  elapsed=$(( $(date +%s) - start ))
  rss=$(awk '/VmRSS/ { print $2 }' "/proc/$pid/status")
  status=$(tmux -L "$socket" capture-pane -p -t 0 | grep -E "^iter" | head -1)
  echo "$elapsed  $rss  $status"
  [ "$elapsed" -ge "$seconds" ] && break
  sleep 30
done
tmux -L "$socket" send-keys -t 0 q
