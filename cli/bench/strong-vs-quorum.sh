#!/usr/bin/env bash
# STRONG (per-key Paxos) next to QUORUM on a local 3-node cluster (RF 3), with ./ringkv bench:
#   1. workloads A (50/50) and C (reads) at QUORUM and at STRONG, RECORDS keys, zipfian;
#   2. contention: workload A at STRONG on 1, 10 and 100 keys (uniform), with the share of
#      operations that met a competing proposer (from INFO paxos, printed by bench).
# Each level gets a fresh cluster (a key used at STRONG refuses writes at other levels), warmed up
# by a first run (the JIT of four JVMs on two cores needs it: the first 10 s run at a third of the
# steady rate).
# Usage: cli/bench/strong-vs-quorum.sh [seconds per run, default 15] [records, default 10000]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${1:-15}"
records="${2:-10000}"
base=17501
ports="$base,$((base + 1)),$((base + 2))"
data=""

cleanup() {
  if [ -n "$data" ]; then
    "$root/ringkv" cluster down --data-dir "$data" >/dev/null 2>&1 || true
    rm -rf "$data"
  fi
}
trap cleanup EXIT

fresh_cluster() {
  cleanup
  data="$(mktemp -d)"
  "$root/ringkv" cluster up --nodes 3 --base-port "$base" --data-dir "$data" --detach \
    --repair-interval-seconds 0 >/dev/null
}

bench() { # label, then bench arguments
  local label="$1"; shift
  echo "== $label"
  "$root/ringkv" bench --port "$ports" --threads 32 --duration "$seconds" "$@" | grep -E '^(ops|paxos)'
}

for level in QUORUM STRONG; do
  fresh_cluster
  "$root/ringkv" bench --port "$ports" --threads 32 --records "$records" --consistency "$level" \
    --workload A --duration 30 >/dev/null   # load and warm up
  bench "workload A, $level, $records keys" --records "$records" --consistency "$level" --workload A --skip-load
  bench "workload C, $level, $records keys" --records "$records" --consistency "$level" --workload C --skip-load
done

# On the warm STRONG cluster.
for keys in 1 10 100; do
  bench "workload A, STRONG, $keys keys (uniform)" --records "$keys" --distribution uniform --consistency STRONG --workload A
done
