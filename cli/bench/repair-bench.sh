#!/usr/bin/env bash
# Anti-entropy benchmark: a local 3-node cluster (RF=3, hints off) with KEYS keys of 100-byte
# values, 1% of them overwritten while node 3 is down; then one full REPAIR through node 1.
# Reports repair time, keys compared, keys repaired, bytes sent, and bytes sent over the minimum
# (the bytes of the divergent cells that had to be streamed).
# Needs redis-cli (Debian: redis-tools).
# Usage: cli/bench/repair-bench.sh [keys, default 1000000]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
keys="${1:-1000000}"
divergent=$((keys / 100))
base=17401
data="$(mktemp -d)"
flags=(--nodes 3 --base-port "$base" --data-dir "$data" --detach
       --hinted-handoff-enabled false --repair-interval-seconds 0 --snapshot-interval-seconds 0)

cleanup() {
  "$root/ringkv" cluster down --data-dir "$data" >/dev/null 2>&1 || true
  rm -rf "$data"
}
trap cleanup EXIT
command -v redis-cli >/dev/null || { echo "missing redis-cli (apt-get install redis-tools)" >&2; exit 1; }

value="$(head -c 100 /dev/zero | tr '\0' 'v')"
# RESP for "CL <level> SET key:<i> <value>" for i in [from, to) step: what redis-cli --pipe sends.
resp_sets() { # level from to step prefix
  awk -v level="$1" -v from="$2" -v to="$3" -v step="$4" -v prefix="$5" -v value="$value" 'BEGIN {
    for (i = from; i < to; i += step) {
      key = "key:" i; v = prefix value
      printf "*5\r\n$2\r\nCL\r\n$%d\r\n%s\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n",
        length(level), level, length(key), key, length(v), v
    }
  }'
}

echo "== starting 3 nodes under $data"
"$root/ringkv" cluster up "${flags[@]}" >/dev/null
echo "== loading $keys keys at ALL through node 1"
t0=$(date +%s.%N)
resp_sets ALL 0 "$keys" 1 "" | redis-cli -p "$base" --pipe | tail -1
echo "   load took $(echo "$(date +%s.%N) - $t0" | bc) s"

echo "== stopping node 3, overwriting $divergent keys (every 100th) at QUORUM"
kill "$(cat "$data/node3/node.pid")"
for _ in $(seq 1 100); do
  redis-cli -p "$base" RING | grep -q 'node=3 .*status=Down' && break
  sleep 0.2
done
resp_sets QUORUM 0 "$keys" 100 "x" | redis-cli -p "$base" --pipe | tail -1

echo "== restarting node 3"
"$root/ringkv" cluster up "${flags[@]}" >/dev/null

echo "== REPAIR (full) through node 1"
t0=$(date +%s.%N)
report="$(redis-cli -p "$base" REPAIR)"
elapsed="$(echo "$(date +%s.%N) - $t0" | bc)"
echo "$report" | tail -1
echo "$report" | awk -v elapsed="$elapsed" -v divergent="$divergent" '
  /^range=/ {
    for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] += kv[2]; if (kv[1] == "duration_ms") d = kv[2] }
    n++; if (n == 1) first = d; if (d > slowest) slowest = d
  }
  END {
    printf "repair time:      %.2f s (wall, through redis-cli)\n", elapsed
    printf "range sessions:   %d, first %d ms (includes building the trees), slowest %d ms, sum %d ms\n", n, first, slowest, f["duration_ms"]
    printf "keys compared:    %d\n", f["keys_compared"]
    printf "keys repaired:    %d (divergent keys written: %d)\n", f["keys_repaired"], divergent
    printf "cells streamed:   %d\n", f["cells_streamed"]
    printf "minimum bytes:    %d (the streamed cells)\n", f["cell_bytes"]
    printf "bytes sent:       %d (hashes, leaf indexes, key/version lists, cells)\n", f["bytes_sent"]
    printf "sent / minimum:   %.2fx\n", f["bytes_sent"] / (f["cell_bytes"] > 0 ? f["cell_bytes"] : 1)
  }'
