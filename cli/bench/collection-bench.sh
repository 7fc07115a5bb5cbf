#!/usr/bin/env bash
# Hashes, sets or lists, benchmarked against Redis on this machine in the same run:
#   1. redis-benchmark -t hset (hash), -t sadd,spop (set) or -t lpush,rpush,lpop,rpop,lrange_100
#      (list) -n N -r 1000000 -c 50 at -P 1 and -P 16 (every command goes to one key, "myhash",
#      "myset" or "mylist"; SPOP runs after SADD and may empty the set, on both servers alike), one ringkv node (appendfsync everysec) against Redis without
#      persistence and Redis with AOF everysec;
#   2. memory per field (member, element) of one value of 1,000,000 of them (f:000000000000 ..,
#      hash values 10 bytes): ringkv's heap after a full GC and its RSS, Redis's used_memory and RSS, each on a
#      fresh server (ringkv with -XX:MaxHeapFreeRatio=10, so a full GC gives back what is free and
#      RSS follows the live data, as it does for Redis); for sets also 1,000 sets of 500 small
#      integers, which Redis keeps as intsets;
#   3. a local 3-node cluster: HGET of one field (SISMEMBER of one member) of that 1M value at
#      QUORUM next to GET of 1M plain keys at QUORUM (redis-benchmark -c 50 through node 1); for a
#      list, LPOP and LRANGE 0 9 of the 1M-element list at QUORUM next to that GET.
# Needs redis-server, redis-benchmark, redis-cli and jcmd.
# Usage: cli/bench/collection-bench.sh hash|set|list [requests, default 500000]
#        MEMORY_ONLY=1 cli/bench/collection-bench.sh hash|set|list   (only part 2)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
type="${1:-}"
requests="${2:-500000}"
case "$type" in
  hash) tests="hset"; add=HSET; count=HLEN; lookup="HGET"; noun=field ;;
  set) tests="sadd spop"; add=SADD; count=SCARD; lookup="SISMEMBER"; noun=member ;;
  list) tests="lpush rpush lpop rpop lrange_100"; add=RPUSH; count=LLEN; lookup="LINDEX"; noun=element ;;
  *) echo "usage: $0 hash|set|list [requests]" >&2; exit 2 ;;
esac
fields=1000000
work="$(mktemp -d)"
ringkv_port=17301
redis_port=17401
redis_aof_port=17402
cluster_port=17501
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  "$root/ringkv" cluster down --data-dir "$work/cluster" >/dev/null 2>&1 || true
  wait 2>/dev/null || true
  sleep 1
  rm -rf "$work"
}
trap cleanup EXIT

for tool in redis-server redis-benchmark redis-cli jcmd; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done

await_ping() {
  for _ in $(seq 1 600); do
    redis-cli -p "$1" PING >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "nothing answers on port $1" >&2; exit 1
}

rps() { # port pipeline test
  redis-benchmark -p "$1" -t "$3" -n "$requests" -r 1000000 -c 50 -P "$2" --csv 2>/dev/null \
    | awk -F'","' 'NR > 1 { gsub(/"/, "", $2); print $2; exit }'
}

"$root/ringkv" --version >/dev/null   # builds the jar first, so build time is not measured
"$root/ringkv" node --resp-port "$ringkv_port" --grpc-port $((ringkv_port + 1)) --http-port $((ringkv_port + 2)) \
  --data-dir "$work/ringkv" --appendfsync everysec --snapshot-interval-seconds 0 >"$work/ringkv.log" 2>&1 &
ringkv_pid=$!
pids+=("$ringkv_pid")
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" \
  --dbfilename none.rdb --daemonize no >"$work/redis.log" 2>&1 &
redis_pid=$!
pids+=("$redis_pid")
mkdir -p "$work/redis-aof"
redis-server --port "$redis_aof_port" --bind 127.0.0.1 --save "" --appendonly yes --appendfsync everysec \
  --dir "$work/redis-aof" --daemonize no >"$work/redis-aof.log" 2>&1 &
pids+=($!)
await_ping "$ringkv_port"; await_ping "$redis_port"; await_ping "$redis_aof_port"

echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "$(redis-server --version | cut -d' ' -f1-3); ringkv $(git -C "$root" rev-parse --short HEAD)"
if [ "${MEMORY_ONLY:-0}" != 1 ]; then
echo
echo "redis-benchmark -t ${tests// /,} -n $requests -r 1000000 -c 50 (requests/s; the client shares the machine)"
printf '%-6s %-3s %14s %14s %14s %10s %10s\n' test P ringkv redis redis-aof "vs redis" "vs aof"
# An untimed warm-up of the same tests on each server, so ringkv's JIT has compiled its path.
for port in "$ringkv_port" "$redis_port" "$redis_aof_port"; do
  redis-benchmark -p "$port" -t "${tests// /,}" -n "$requests" -r 1000000 -c 50 -P 16 -q >/dev/null 2>&1
done
for pipeline in 1 16; do
  for test in $tests; do
    r=$(rps "$ringkv_port" "$pipeline" "$test")
    a=$(rps "$redis_port" "$pipeline" "$test")
    b=$(rps "$redis_aof_port" "$pipeline" "$test")
    printf '%-6s %-3s %14s %14s %14s %10s %10s\n' "$test" "$pipeline" "$r" "$a" "$b" \
      "$(awk -v x="$r" -v y="$a" 'BEGIN { printf "%.2fx", x / y }')" \
      "$(awk -v x="$r" -v y="$b" 'BEGIN { printf "%.2fx", x / y }')"
  done
done
key="my$type"
echo "${noun}s in $key: ringkv $(redis-cli -p "$ringkv_port" "$count" "$key"), redis $(redis-cli -p "$redis_port" "$count" "$key")"
fi

# One value of $fields fields (members), 1,000 per command; $1 = port, $2 = a prefix such as
# "CL ALL", $3 = the first one's number.
load_hash_from() {
  awk -v n="$fields" -v prefix="${2:-}" -v from="${3:-0}" -v add="$add" 'BEGIN {
    np = split(prefix, p, " ")
    per = add == "HSET" ? 2 : 1
    for (i = from; i < from + n; i += 1000) {
      printf "*%d\r\n", np + 2 + 1000 * per
      for (j = 1; j <= np; j++) printf "$%d\r\n%s\r\n", length(p[j]), p[j]
      printf "$%d\r\n%s\r\n$3\r\nbig\r\n", length(add), add
      for (k = i; k < i + 1000; k++) {
        printf "$14\r\n%s\r\n", sprintf("f:%012d", k)
        if (per == 2) printf "$10\r\n%s\r\n", sprintf("v:%08d", k)
      }
    }
  }' | redis-cli -p "$1" --pipe >/dev/null
}
# 1,000 sets of 500 integers (small enough for Redis's intset encoding).
load_int_sets() {
  awk 'BEGIN {
    for (s = 0; s < 1000; s++) {
      printf "*502\r\n$4\r\nSADD\r\n$%d\r\nints:%d\r\n", length("ints:" s), s
      for (k = 0; k < 500; k++) printf "$%d\r\n%d\r\n", length(k * 7 + s), k * 7 + s
    }
  }' | redis-cli -p "$1" --pipe >/dev/null
}
load_hash() { load_hash_from "$1" "${2:-}" 0; }
heap_used() { jcmd "$ringkv_pid" GC.run >/dev/null 2>&1 || true; sleep 1
  redis-cli -p "$ringkv_port" INFO memory | awk -F: '/^used_memory:/ { print $2 + 0 }'; }
redis_used() { redis-cli -p "$redis_port" INFO memory | awk -F: '/^used_memory:/ { print $2 + 0 }'; }
rss() { awk '/VmRSS/ { print $2 * 1024 }' "/proc/$1/status"; }

# Fresh servers for memory: a ringkv node whose heap shrinks after a full GC, and a new Redis.
kill "$ringkv_pid" "$redis_pid"; wait "$ringkv_pid" "$redis_pid" 2>/dev/null || true
RINGKV_JAVA_OPTS="-XX:MaxHeapFreeRatio=10 -XX:MinHeapFreeRatio=5" "$root/ringkv" node --resp-port "$ringkv_port" \
  --grpc-port $((ringkv_port + 1)) --http-port $((ringkv_port + 2)) --data-dir "$work/ringkv-memory" \
  --appendfsync everysec --snapshot-interval-seconds 0 >"$work/ringkv-memory.log" 2>&1 &
ringkv_pid=$!
pids+=("$ringkv_pid")
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" \
  --dbfilename none.rdb --daemonize no >"$work/redis-memory.log" 2>&1 &
redis_pid=$!
pids+=("$redis_pid")
await_ping "$ringkv_port"; await_ping "$redis_port"
before_ringkv=$(heap_used); before_redis=$(redis_used)
jcmd "$ringkv_pid" GC.run >/dev/null 2>&1 || true; sleep 1
rss_before_ringkv=$(rss "$ringkv_pid"); rss_before_redis=$(rss "$redis_pid")
load_hash "$ringkv_port"
load_hash "$redis_port"
after_ringkv=$(heap_used); after_redis=$(redis_used)
jcmd "$ringkv_pid" GC.run >/dev/null 2>&1 || true; sleep 1
rss_after_ringkv=$(rss "$ringkv_pid"); rss_after_redis=$(rss "$redis_pid")
echo
if [ "$type" = hash ]; then
  echo "memory of one hash of $fields fields (14-byte names, 10-byte values), bytes per field"
elif [ "$type" = list ]; then
  echo "memory of one list of $fields elements (14 bytes each, RPUSHed 1,000 per command), bytes per element"
else
  echo "memory of one set of $fields members (14-byte members), bytes per member"
fi
awk -v a="$before_ringkv" -v b="$after_ringkv" -v c="$before_redis" -v d="$after_redis" \
    -v e="$rss_before_ringkv" -v f="$rss_after_ringkv" -v g="$rss_before_redis" -v h="$rss_after_redis" -v n="$fields" 'BEGIN {
  r = (b - a) / n; s = (d - c) / n; t = (f - e) / n; u = (h - g) / n
  printf "used memory: ringkv %.0f (heap after GC)   redis %.0f   ratio %.2fx\n", r, s, r / s
  printf "RSS growth:  ringkv %.0f                   redis %.0f   ratio %.2fx\n", t, u, t / u }'
echo "$count big: ringkv $(redis-cli -p "$ringkv_port" "$count" big), redis $(redis-cli -p "$redis_port" "$count" big)"
if [ "$type" = set ]; then
  load_int_sets "$ringkv_port"; load_int_sets "$redis_port"
  ints_ringkv=$(heap_used); ints_redis=$(redis_used)
  echo "1,000 sets of 500 small integers (Redis: $(redis-cli -p "$redis_port" OBJECT ENCODING ints:0)), bytes per member:"
  awk -v a="$after_ringkv" -v b="$ints_ringkv" -v c="$after_redis" -v d="$ints_redis" 'BEGIN {
    r = (b - a) / 500000; s = (d - c) / 500000
    printf "used memory: ringkv %.0f (heap after GC)   redis %.1f   ratio %.1fx\n", r, s, r / s }'
fi

[ "${MEMORY_ONLY:-0}" = 1 ] && exit 0
# The cluster: a lookup of one field (member) of the 1M value at QUORUM, next to GET at QUORUM.
"$root/ringkv" cluster up --nodes 3 --detach --base-port "$cluster_port" --data-dir "$work/cluster" >/dev/null
# In slices of 20 commands of 1,000, so the load does not queue past the request timeout.
for slice in $(seq 0 49); do
  fields=20000 load_hash_from "$cluster_port" "CL QUORUM" $((slice * 20000))
done
redis-benchmark -p "$cluster_port" -t set -n "$fields" -r 1000000 -d 10 -c 50 -P 16 -q >/dev/null 2>&1
custom() { # label command...
  redis-benchmark -p "$cluster_port" -n "$requests" -r 1000000 -c 50 --csv "$@" 2>/dev/null \
    | awk -F'","' 'NR > 1 { gsub(/"/, "", $2); print $2; exit }'
}
if [ "$type" = list ]; then
  # Warm-ups (untimed) pop too: the timed LPOPs take the next $requests elements of the 1M.
  requests=$((requests / 4)) custom CL QUORUM LPOP big >/dev/null
  custom CL QUORUM GET key:__rand_int__ >/dev/null
  popped=$(custom CL QUORUM LPOP big)
  ranged=$(custom CL QUORUM LRANGE big 0 9)
  get=$(custom CL QUORUM GET key:__rand_int__)
  echo
  echo "3-node cluster (RF 3) on this machine, through node 1, -c 50 -P 1, requests/s"
  printf 'LPOP of a list of about %d elements at QUORUM: %s   (%.2fx GET)\n' "$fields" "$popped" \
    "$(awk -v x="$popped" -v y="$get" 'BEGIN { print x / y }')"
  printf 'LRANGE big 0 9 at QUORUM: %s   (%.2fx GET)\nGET of one of %d keys at QUORUM: %s\n' "$ranged" \
    "$(awk -v x="$ranged" -v y="$get" 'BEGIN { print x / y }')" "$fields" "$get"
  echo "check: LLEN $(redis-cli -p "$cluster_port" CL QUORUM LLEN big), LINDEX big 0 $(redis-cli -p "$cluster_port" CL QUORUM LINDEX big 0)"
  exit 0
fi
custom CL QUORUM "$lookup" big f:__rand_int__ >/dev/null   # warm-up, untimed
custom CL QUORUM GET key:__rand_int__ >/dev/null
looked=$(custom CL QUORUM "$lookup" big f:__rand_int__)
get=$(custom CL QUORUM GET key:__rand_int__)
echo
echo "3-node cluster (RF 3) on this machine, through node 1, -c 50 -P 1, requests/s"
printf '%s of one %s of a %d-%s %s at QUORUM: %s\nGET of one of %d keys at QUORUM: %s   (%s/GET %.2fx)\n' \
  "$lookup" "$noun" "$fields" "$noun" "$type" "$looked" "$fields" "$get" "$lookup" "$(awk -v x="$looked" -v y="$get" 'BEGIN { print x / y }')"
echo "check: $(redis-cli -p "$cluster_port" CL QUORUM "$lookup" big f:000000123456), $count $(redis-cli -p "$cluster_port" CL QUORUM "$count" big)"
