#!/usr/bin/env bash
# Two builds of nabla serve side by side in one run: each round serves MODEL with jar A, then jar B, and measures each
# with wrk (32 connections, SECONDS s after a 5 s warm-up); prints requests/s and p99 per round, then the medians
# and the B/A ratio of requests/s. Usage:
#   scripts/serve-load/compare.sh A.jar B.jar MODEL BODY.json [SECONDS (10)] [ROUNDS (3)]
# e.g. after `git worktree add /tmp/old <commit> && (cd /tmp/old && ./build -q package -DskipTests -pl nabla-cli -am)`.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../find-jdk.sh"
java_home=$(nabla_find_jdk)
a=$1 b=$2 model=$3 body=$4 seconds=${5:-10} rounds=${6:-3}
port=${NABLA_LOAD_PORT:-18081}
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; true' EXIT
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs ($(lscpu | sed -n 's/^Model name: *//p')), body $(basename "$body")"
run() {
  "$java_home/bin/java" --add-modules jdk.incubator.vector -XX:+UseParallelGC -cp "$1" dev.nabla.cli.Nabla serve \
    --model "$model" --port "$port" 2>/dev/null &
  server=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done
  wrk -t2 -c32 -d5s -s "$here/post.lua" "http://127.0.0.1:$port/predict" -- "$body" >/dev/null
  local out
  out=$(wrk -t2 -c32 -d"${seconds}"s --latency -s "$here/post.lua" "http://127.0.0.1:$port/predict" -- "$body")
  kill -TERM "$server"; wait "$server" || true; server=""
  echo "$(sed -n 's/^Requests\/sec: *//p' <<<"$out") $(awk '$1 == "99%" {print $2}' <<<"$out") $(cut -d' ' -f1 /proc/loadavg)"
}
ra=() rb=()
for r in $(seq 1 "$rounds"); do
  x=$(run "$a"); y=$(run "$b")
  echo "round $r: A $x | B $y   (requests/s, p99, load average)"
  ra+=("${x%% *}"); rb+=("${y%% *}")
done
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
ma=$(median "${ra[@]}"); mb=$(median "${rb[@]}")
echo "median requests/s: A $ma, B $mb, B/A $(echo "scale=3; $mb / $ma" | bc)"
