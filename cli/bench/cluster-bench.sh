#!/usr/bin/env bash
# The local 3-node cluster (RF 3, appendfsync everysec) under ./ringkv bench:
#   workloads A (50/50 read/update) and C (reads) at ONE, QUORUM and ALL, zipfian keys, then
#   redis-benchmark SET/GET against node 1 (QUORUM, the default level).
# The nodes and the client share this machine's cores. One warm-up run first: the JIT of three
# node JVMs on two cores takes about a minute, and a cold run measures the compiler.
# Usage: cli/bench/cluster-bench.sh [seconds per run, default 15] [records, default 100000] [warm-up s, default 90]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${1:-15}"
records="${2:-100000}"
warmup="${3:-90}"
base=17601
ports="$base,$((base + 1)),$((base + 2))"
data="$(mktemp -d)"

cleanup() {
  "$root/ringkv" cluster down --data-dir "$data" >/dev/null 2>&1 || true
  rm -rf "$data"
}
trap cleanup EXIT

"$root/ringkv" cluster up --nodes 3 --base-port "$base" --data-dir "$data" --detach --repair-interval-seconds 0 >/dev/null
echo "loading $records records, then warming up for $warmup s..."
"$root/ringkv" bench --port "$ports" --threads 32 --records "$records" --workload A --duration "$warmup" >/dev/null

for workload in A C; do
  for level in ONE QUORUM ALL; do
    echo "== workload $workload, $level"
    "$root/ringkv" bench --port "$ports" --threads 32 --records "$records" --consistency "$level" \
      --workload "$workload" --duration "$seconds" --skip-load | grep '^ops'
  done
done

if command -v redis-benchmark >/dev/null 2>&1; then
  echo "== redis-benchmark -t set,get -n 200000 -r $records -d 100 -c 50 -P 1, node 1 (QUORUM)"
  redis-benchmark -p "$base" -t set,get -n 200000 -r "$records" -d 100 -c 50 -P 1 -q 2>&1 | tr '\r' '\n' \
    | grep 'requests per second'
else
  echo "redis-benchmark not found (Debian: apt-get install redis-tools); skipped"
fi
