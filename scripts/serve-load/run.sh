#!/usr/bin/env bash
# The load figures of nabla serve in BENCHMARKS.md: trains a table model (credit_data: text categories, missing
# cells) and a numeric one (breast_cancer), serves each, and runs wrk with 1-row and 100-row JSON bodies at 8, 32 and
# 128 connections; then one long run at 32 connections with the server's RSS sampled every 5 s.
# Usage: scripts/serve-load/run.sh [SECONDS_PER_POINT (20)] [MEMORY_RUN_SECONDS (300)]
# Needs wrk (apt-get install wrk) and python3. Results go to stdout and to $NABLA_LOAD_DIR (default a temp dir).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
seconds=${1:-20}
memory_seconds=${2:-300}
port=${NABLA_LOAD_PORT:-18080}
work=${NABLA_LOAD_DIR:-$(mktemp -d)}
data="$root/nabla-core/src/main/resources/dev/nabla/data/embedded"
command -v wrk >/dev/null || { echo "run.sh: wrk not found; apt-get install -y wrk" >&2; exit 2; }
mkdir -p "$work"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; true' EXIT

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs ($(lscpu | sed -n 's/^Model name: *//p')), load average $(cut -d' ' -f1-3 /proc/loadavg)"

# model NAME CSV TARGET: trains (once) and writes the bodies.
model() {
  [ -f "$work/$1.safetensors" ] || "$root/nabla" train --data "$data/$2" --target "$3" --seed 1 \
    --out "$work/$1.safetensors" >"$work/$1-train.txt" 2>&1
  python3 "$here/make-bodies.py" "$data/$2" "$3" "$work/$1"
}

start() {
  "$root/nabla" serve --model "$work/$1.safetensors" --port "$port" 2>"$work/$1-serve.log" &
  server=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
    sleep 0.5
  done
  # Warm-up: the JIT compiles the prediction path before anything is measured.
  wrk -t2 -c32 -d10s -s "$here/post.lua" "http://127.0.0.1:$port/predict" -- "$work/$1-1.json" >/dev/null
  wrk -t2 -c32 -d5s -s "$here/post.lua" "http://127.0.0.1:$port/predict" -- "$work/$1-100.json" >/dev/null
}

stop() {
  kill -TERM "$server"
  wait "$server" || true
  server=""
}

# point NAME ROWS CONNECTIONS SECONDS: one wrk run; prints a table row. Errors are answers other than 2xx/3xx and
# socket errors (a timeout is a request unanswered after wrk's 2 s).
point() {
  local out="$work/$1-$2-$3.txt"
  wrk -t2 -c"$3" -d"$4"s --latency -s "$here/post.lua" "http://127.0.0.1:$port/predict" -- "$work/$1-$2.json" >"$out"
  local rps p50 p99 errors
  rps=$(sed -n 's/^Requests\/sec: *//p' "$out")
  p50=$(awk '$1 == "50%" {print $2}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  errors=$(awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$out")
  printf '| %s | %s | %s | %.0f | %.0f | %s | %s | %s | %s |\n' "$1" "$2" "$3" "$rps" "$(echo "$rps * $2" | bc)" "$p50" \
    "$p99" "$errors" "$(cut -d' ' -f1 /proc/loadavg)"
}

model credit credit_data.csv Status
model cancer breast_cancer.csv diagnosis

echo "| model | rows/request | connections | requests/s | rows/s | p50 | p99 | errors | load average after |"
echo "|---|---|---|---|---|---|---|---|---|"
for name in credit cancer; do
  start "$name"
  for rows in 1 100; do
    for c in 8 32 128; do
      point "$name" "$rows" "$c" "$seconds"
    done
  done
  stop
done

# Memory: one long run of 1-row requests at 32 connections, RSS every 5 s.
start credit
echo
echo "memory over ${memory_seconds} s of 1-row requests at 32 connections (credit), RSS in MiB every 5 s:"
wrk -t2 -c32 -d"${memory_seconds}"s --latency -s "$here/post.lua" "http://127.0.0.1:$port/predict" -- "$work/credit-1.json" \
  >"$work/memory-wrk.txt" &
load=$!
samples=()
while kill -0 "$load" 2>/dev/null; do
  samples+=("$(awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$server/status")")
  sleep 5
done
wait "$load"
echo "${samples[*]}"
sed -n -e 's/^Requests\/sec: *//p' "$work/memory-wrk.txt" | sed 's/^/requests\/s: /'
grep -e 'Non-2xx' -e 'Socket errors' -e '99%' "$work/memory-wrk.txt" || true
stop
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
