#!/usr/bin/env bash
# Compares builds on fresh 3-node clusters, alternating them so that a machine's drift hits all
# alike: for each round and each build, `cluster up` (RF 3, appendfsync everysec), load 100,000
# records, warm up (workload A, 60 s: the JIT of three JVMs on two cores takes about a minute),
# then one run of workload A at QUORUM, then `cluster down`. The client is always this checkout's jar.
# Usage: cli/bench/ab-quorum.sh ROUNDS "label=path/to/ringkv.jar [--node-flag value ...]" ...
#   e.g. cli/bench/ab-quorum.sh 2 "old=/tmp/old.jar" "new=cli/target/ringkv.jar" \
#        "new-nio=cli/target/ringkv.jar --native-transport false"
# WARM and SECS (seconds) override the warm-up and the measured run (defaults 60 and 20).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:?usage: ab-quorum.sh ROUNDS \"label=jar [flags]\" ...}"
shift
[ $# -gt 0 ] || { echo "name at least one build: \"label=path/to/ringkv.jar [flags]\"" >&2; exit 2; }
"$root/ringkv" --version >/dev/null   # builds the client's jar first
client="$root/cli/target/ringkv.jar"
base=17651
ports="$base,$((base + 1)),$((base + 2))"
data=""

cleanup() {
  if [ -n "$data" ]; then
    java -jar "$client" cluster down --data-dir "$data" >/dev/null 2>&1 || true
    rm -rf "$data"
  fi
}
trap cleanup EXIT

for round in $(seq 1 "$rounds"); do
  for build in "$@"; do
    read -r spec flags <<<"$build"
    label="${spec%%=*}"
    jar="${spec#*=}"
    [ -f "$jar" ] || { echo "no jar at $jar (for $label)" >&2; exit 2; }
    data="$(mktemp -d)"
    # shellcheck disable=SC2086 # the flags are words on purpose
    java -jar "$jar" cluster up --nodes 3 --base-port "$base" --data-dir "$data" --detach \
      --repair-interval-seconds 0 ${flags:-} >/dev/null
    java -jar "$client" bench --port "$ports" --threads 32 --records 100000 --workload A \
      --duration "${WARM:-60}" >/dev/null
    result="$(java -jar "$client" bench --port "$ports" --threads 32 --records 100000 --consistency QUORUM \
      --workload A --duration "${SECS:-20}" --skip-load | grep '^ops')"
    echo "round $round  $label: $result"
    cleanup
    data=""
  done
done
