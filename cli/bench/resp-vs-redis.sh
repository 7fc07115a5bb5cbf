#!/usr/bin/env bash
# Benchmarks one ringkv node against redis-server on this machine, in the same run:
#   1. redis-benchmark -t set,get,incr -n N -r 1000000 -d 100 -c 50 at -P 1 and -P 16, against
#      ringkv (appendfsync everysec), Redis without persistence, and Redis with AOF everysec,
#      after the same untimed warm-up for each server (SET and GET, WARMUP requests each, -P 16),
#      so the figures compare steady states rather than ringkv's JIT compiling its hot path;
#   2. memory per key with 1,000,000 keys of 100-byte values (ringkv: heap after a full GC);
#   3. the restart time of a ringkv node holding those keys (AOF replay, then from a snapshot).
# Needs redis-server, redis-benchmark and redis-cli (Debian: redis-server, redis-tools).
# Usage: cli/bench/resp-vs-redis.sh [requests, default 1000000]
#        WARMUP=0 cli/bench/resp-vs-redis.sh   (no warm-up: ringkv's first test runs on a cold JVM)
#        TESTS="set get" cli/bench/resp-vs-redis.sh   (the redis-benchmark tests; default: set get incr)
#        THROUGHPUT_ONLY=1 cli/bench/resp-vs-redis.sh   (skip memory and restart, for A/B runs)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
requests="${1:-1000000}"
warmup="${WARMUP:-1000000}"
keys=1000000
work="$(mktemp -d)"
ringkv_port=17101
redis_port=17201
redis_aof_port=17202
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "${ringkv_pid:-}" ] && kill "$ringkv_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  sleep 1
  rm -rf "$work"
}
trap cleanup EXIT

for tool in redis-server redis-benchmark redis-cli; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install redis-server redis-tools)" >&2; exit 1; }
done

await_ping() {
  for _ in $(seq 1 600); do
    redis-cli -p "$1" PING >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "nothing answers on port $1" >&2; exit 1
}

start_ringkv() {
  "$root/ringkv" node --resp-port "$ringkv_port" --grpc-port $((ringkv_port + 1)) --http-port $((ringkv_port + 2)) \
    --data-dir "$work/ringkv" --appendfsync everysec --snapshot-interval-seconds 0 >"$work/ringkv.log" 2>&1 &
  ringkv_pid=$!
  pids+=("$ringkv_pid")
  await_ping "$ringkv_port"
}

"$root/ringkv" --version >/dev/null   # builds the jar first, so build time is not measured
start_ringkv
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" \
  --dbfilename none.rdb --daemonize no >"$work/redis.log" 2>&1 &
pids+=($!)
mkdir -p "$work/redis-aof"
redis-server --port "$redis_aof_port" --bind 127.0.0.1 --save "" --appendonly yes --appendfsync everysec \
  --dir "$work/redis-aof" --daemonize no >"$work/redis-aof.log" 2>&1 &
pids+=($!)
await_ping "$redis_port"
await_ping "$redis_aof_port"

rps() { # port pipeline test
  redis-benchmark -p "$1" -t "$3" -n "$requests" -r 1000000 -d 100 -c 50 -P "$2" --csv 2>/dev/null \
    | awk -F'","' 'NR > 1 { gsub(/"/, "", $2); print $2; exit }'
}

if [ "$warmup" -gt 0 ]; then
  for port in "$ringkv_port" "$redis_port" "$redis_aof_port"; do
    redis-benchmark -p "$port" -t set,get -n "$warmup" -r 1000000 -d 100 -c 50 -P 16 -q >/dev/null 2>&1
  done
fi

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "redis-benchmark -n $requests -r 1000000 -d 100 -c 50 (requests/s; the client shares the machine;" \
  "warm-up: $warmup SET + $warmup GET per server)"
printf '%-6s %-3s %14s %14s %14s %10s %10s\n' test P ringkv redis redis-aof "vs redis" "vs aof"
for pipeline in 1 16; do
  for test in ${TESTS:-set get incr}; do
    r=$(rps "$ringkv_port" "$pipeline" "$test")
    a=$(rps "$redis_port" "$pipeline" "$test")
    b=$(rps "$redis_aof_port" "$pipeline" "$test")
    printf '%-6s %-3s %14s %14s %14s %10s %10s\n' "$test" "$pipeline" "$r" "$a" "$b" \
      "$(awk -v x="$r" -v y="$a" 'BEGIN { printf "%.2fx", x / y }')" \
      "$(awk -v x="$r" -v y="$b" 'BEGIN { printf "%.2fx", x / y }')"
  done
done

if [ "${THROUGHPUT_ONLY:-0}" = 1 ]; then
  exit 0
fi

# Memory per key: the same 1M keys (key:000000000001 .. , 100-byte values) into each server.
load_keys() {
  awk -v n="$keys" 'BEGIN {
    v = sprintf("%0100d", 0)
    for (i = 0; i < n; i++) { k = sprintf("key:%012d", i); printf "*3\r\n$3\r\nSET\r\n$16\r\n%s\r\n$100\r\n%s\r\n", k, v }
  }' | redis-cli -p "$1" --pipe >/dev/null
}
heap_used() { # after a full GC, bytes
  jcmd "$ringkv_pid" GC.run >/dev/null 2>&1 || true
  redis-cli -p "$ringkv_port" INFO memory | awk -F: '/^used_memory:/ { print $2 + 0 }'
}
redis_used() { redis-cli -p "$1" INFO memory | awk -F: '/^used_memory:/ { print $2 + 0 }'; }

redis-cli -p "$ringkv_port" FLUSHALL >/dev/null
redis-cli -p "$redis_port" FLUSHALL >/dev/null
ringkv_pid=$(pgrep -f "resp-port $ringkv_port" | head -1)
# A restart gives a clean heap (FLUSHALL leaves tombstones until gc_grace).
kill "$ringkv_pid"; wait "$ringkv_pid" 2>/dev/null || true
rm -rf "$work/ringkv"
start_ringkv
ringkv_pid=$(pgrep -f "resp-port $ringkv_port" | head -1)
before_ringkv=$(heap_used)
before_redis=$(redis_used "$redis_port")
load_keys "$ringkv_port"
load_keys "$redis_port"
after_ringkv=$(heap_used)
after_redis=$(redis_used "$redis_port")
echo
echo "memory with $keys keys of 100-byte values (bytes per key)"
awk -v a="$before_ringkv" -v b="$after_ringkv" -v c="$before_redis" -v d="$after_redis" -v n="$keys" 'BEGIN {
  r = (b - a) / n; s = (d - c) / n
  printf "ringkv %.0f   redis %.0f   ratio %.2fx\n", r, s, r / s }'
echo "ringkv DBSIZE: $(redis-cli -p "$ringkv_port" DBSIZE), redis DBSIZE: $(redis-cli -p "$redis_port" DBSIZE)"

restart() { # label; the pid is updated here, not in a subshell
  kill "$ringkv_pid"; wait "$ringkv_pid" 2>/dev/null || true
  local start end
  start=$(date +%s%N)
  start_ringkv
  end=$(date +%s%N)
  ringkv_pid=$(pgrep -f "resp-port $ringkv_port" | head -1)
  echo "restart with $keys keys, $1: $(( (end - start) / 1000000 )) ms until PING answers (recovery itself:" \
    "$(redis-cli -p "$ringkv_port" INFO persistence | awk -F: '/^recovery_duration_ms:/ { print $2 + 0 }') ms," \
    "keys: $(redis-cli -p "$ringkv_port" DBSIZE))"
}
echo
restart "AOF replay"
redis-cli -p "$ringkv_port" SAVE >/dev/null
restart "snapshot"
