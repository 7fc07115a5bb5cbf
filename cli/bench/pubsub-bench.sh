#!/usr/bin/env bash
# Pub/sub fan-out and MULTI/EXEC, benchmarked against Redis on this machine in the same run:
#   1. PUBLISH fan-out: 100 subscribers on channel "bench" (one Python process holding 100 raw
#      sockets that read and discard, counting messages), publishers driven by redis-benchmark
#      (-c 10 -P 16, a 32-byte message): against Redis with all 100 subscribers on it, and against a
#      local 3-node ringkv cluster with 34/33/33 subscribers on nodes 1/2/3 and publishers on node 1.
#      Reported: PUBLISH/s, and messages/s the subscribers actually received, after a warm-up pass of
#      a fifth of the publishes against each (unreported; the JVM compiles its hot paths in it).
#   2. MULTI, 3 SETs, EXEC: `ringkv bench --workload T` (16 connections, pipeline 1) against one
#      ringkv node (appendfsync everysec) and Redis (AOF everysec), ops/s and p99.
# Needs redis-server, redis-benchmark, redis-cli, python3.
# Usage: cli/bench/pubsub-bench.sh [publishes, default 100000]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
publishes="${1:-100000}"
work="$(mktemp -d)"
redis_port=17601
ringkv_port=17611
cluster_port=17621
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  "$root/ringkv" cluster down --data-dir "$work/cluster" >/dev/null 2>&1 || true
  wait 2>/dev/null || true
  sleep 1
  rm -rf "$work"
}
trap cleanup EXIT

for tool in redis-server redis-benchmark redis-cli python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done

await_ping() {
  for _ in $(seq 1 600); do
    redis-cli -p "$1" PING >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "nothing answers on port $1" >&2; exit 1
}

# subscribers PORTS... : 100 subscriptions spread over the ports; prints messages received when stdin closes
cat > "$work/subscribers.py" <<'PY'
import selectors, socket, sys, time
ports = [int(p) for p in sys.argv[1:]]
sel = selectors.DefaultSelector()
socks = []
for i in range(100):
    s = socket.create_connection(("127.0.0.1", ports[i % len(ports)]))
    s.sendall(b"*2\r\n$9\r\nSUBSCRIBE\r\n$5\r\nbench\r\n")
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ)
    socks.append(s)
print("ready", flush=True)
received = 0
marker = b"$7\r\nmessage\r\n"
tail = {}
idle_since = time.monotonic()
while True:
    events = sel.select(timeout=0.5)
    if not events and received and time.monotonic() - idle_since > 3:
        break
    for key, _ in events:
        data = key.fileobj.recv(1 << 20)
        if not data:
            continue
        idle_since = time.monotonic()
        chunk = tail.get(key.fileobj, b"") + data
        received += chunk.count(marker)
        tail[key.fileobj] = chunk[-(len(marker) - 1):]
print(received, flush=True)
PY

fanout() { # label publish_port subscriber_ports...
  local label="$1" publish_port="$2"; shift 2
  # A warm-up pass of a fifth of the publishes, not reported: the JVM compiles its hot paths in it.
  python3 "$work/subscribers.py" "$@" > "$work/warmup.out" &
  local warm_pid=$!
  for _ in $(seq 1 100); do grep -q ready "$work/warmup.out" 2>/dev/null && break; sleep 0.1; done
  redis-benchmark -p "$publish_port" -c 10 -P 16 -n $((publishes / 5)) -q PUBLISH bench warmup >/dev/null 2>&1
  wait "$warm_pid"
  python3 "$work/subscribers.py" "$@" > "$work/subs.out" &
  local sub_pid=$!
  for _ in $(seq 1 100); do grep -q ready "$work/subs.out" 2>/dev/null && break; sleep 0.1; done
  sleep 1
  local start end rate
  start=$(date +%s.%N)
  rate=$(redis-benchmark -p "$publish_port" -c 10 -P 16 -n "$publishes" --csv PUBLISH bench "$(printf 'm%.0s' $(seq 1 32))" 2>/dev/null \
    | awk -F'","' 'NR > 1 { gsub(/"/, "", $2); print $2; exit }')
  wait "$sub_pid"
  end=$(date +%s.%N)
  local got
  got=$(tail -1 "$work/subs.out")
  printf '%-34s PUBLISH %10s/s  delivered %11s of %11s messages  (%.0f messages/s over the run incl. drain)\n' \
    "$label" "$rate" "$got" "$((publishes * 100))" "$(echo "$got / ($end - $start - 3)" | bc -l)"
}

echo "== PUBLISH fan-out to 100 subscribers, $publishes publishes"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >/dev/null &
pids+=($!)
await_ping "$redis_port"
fanout "redis 7, 100 subscribers on it" "$redis_port" "$redis_port"

"$root/ringkv" cluster up --detach --nodes 3 --base-port "$cluster_port" --data-dir "$work/cluster" >/dev/null
for n in 0 1 2; do await_ping $((cluster_port + n)); done
fanout "ringkv, 3 nodes, publish via node 1" "$cluster_port" "$cluster_port" $((cluster_port + 1)) $((cluster_port + 2))
"$root/ringkv" cluster down --data-dir "$work/cluster" >/dev/null

echo "== MULTI, SET, SET, SET, EXEC (ringkv bench --workload T, 16 connections, 20 s)"
redis-cli -p "$redis_port" SHUTDOWN NOSAVE >/dev/null 2>&1 || true
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly yes --appendfsync everysec \
  --dir "$work" --daemonize no >/dev/null &
pids+=($!)
await_ping "$redis_port"
mkdir -p "$work/node"
"$root/ringkv" node --resp-port "$ringkv_port" --grpc-port $((ringkv_port + 1)) --http-port $((ringkv_port + 2)) \
  --data-dir "$work/node" > "$work/node.log" 2>&1 &
pids+=($!)
await_ping "$ringkv_port"
for target in "redis 7 (AOF everysec):$redis_port:none" "ringkv node (everysec):$ringkv_port:ONE"; do
  IFS=: read -r label port level <<< "$target"
  line=$("$root/ringkv" bench --port "$port" --workload T --threads 16 --duration 20 --records 100000 \
    --consistency "$level" | grep '^ops ')
  printf '%-26s %s\n' "$label" "$line"
done
