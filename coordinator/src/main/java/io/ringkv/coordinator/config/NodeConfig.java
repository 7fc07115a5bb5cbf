package io.ringkv.coordinator.config;

import io.ringkv.coordinator.consistency.ConsistencyLevel;
import io.ringkv.storage.AppendFsync;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's configuration: every key with its documented default, overridden by a config file,
 * overridden by command-line flags ({@link ConfigLoader}). Values are checked when set, so a
 * node never starts with a value it cannot use.
 */
public final class NodeConfig {
    public static final ConfigKey<Integer> NODE_ID = ConfigKey.intAtLeast("node_id", "1",
            "this node's id, unique in the cluster (versions use it as tie-break)", 1);
    public static final ConfigKey<String> BIND = ConfigKey.text("bind", "127.0.0.1",
            "address every listener binds");
    public static final ConfigKey<Integer> RESP_PORT = ConfigKey.port("resp_port", "7001",
            "RESP (Redis protocol) port; 0 picks a free one");
    public static final ConfigKey<Integer> GRPC_PORT = ConfigKey.port("grpc_port", "8001",
            "internode and admin gRPC port; 0 picks a free one");
    public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.port("http_port", "9001",
            "HTTP port for /health and /metrics; 0 picks a free one");
    public static final ConfigKey<String> DATA_DIR = ConfigKey.text("data_dir", "./data",
            "directory for the AOF, snapshots and node state");
    public static final ConfigKey<AppendFsync> APPENDFSYNC = new ConfigKey<>("appendfsync", "everysec",
            "AOF fsync policy: always (group commit before each reply), everysec, no", AppendFsync::parse);
    public static final ConfigKey<Long> SNAPSHOT_INTERVAL_SECONDS = ConfigKey.longAtLeast(
            "snapshot_interval_seconds", "3600",
            "take a background snapshot (and start a new AOF generation) this often; 0 = only on BGSAVE", 0);
    public static final ConfigKey<Boolean> REPAIR_AOF = ConfigKey.bool("repair_aof", "false",
            "on start, truncate a corrupt AOF at the first bad record instead of refusing (loses what follows)");
    public static final ConfigKey<Integer> MAX_KEY_BYTES = ConfigKey.intAtLeast("max_key_bytes", "65536",
            "largest key accepted", 1);
    public static final ConfigKey<Integer> MAX_VALUE_BYTES = ConfigKey.intAtLeast("max_value_bytes", "16777216",
            "largest value accepted", 1);
    public static final ConfigKey<Integer> MAX_TRANSACTION_COMMANDS = ConfigKey.intAtLeast("max_transaction_commands",
            "100000", "most commands one MULTI may queue before EXEC", 1);
    public static final ConfigKey<Integer> MAX_TRANSACTION_BYTES = ConfigKey.intBetween("max_transaction_bytes",
            "33554432", "most bytes of keys and values one EXEC may write (its writes reach each replica in one message, "
            + "and peers accept messages up to 64 MiB)", 1, 48 << 20);
    public static final ConfigKey<Long> PUBSUB_OUTPUT_LIMIT_BYTES = ConfigKey.longAtLeast("pubsub_output_limit_bytes",
            "33554432", "unsent pub/sub messages a subscriber may have before it is disconnected (Redis's pubsub hard limit)", 1);
    public static final ConfigKey<Long> PUBSUB_OUTPUT_SOFT_LIMIT_BYTES = ConfigKey.longAtLeast("pubsub_output_soft_limit_bytes",
            "8388608", "a subscriber whose unsent messages stay above this for pubsub_output_soft_limit_seconds is "
            + "disconnected (Redis's pubsub soft limit; 0 = none)", 0);
    public static final ConfigKey<Long> PUBSUB_OUTPUT_SOFT_LIMIT_SECONDS = ConfigKey.longAtLeast(
            "pubsub_output_soft_limit_seconds", "60", "how long a subscriber may stay above the soft limit", 0);
    public static final ConfigKey<Long> BLOCKED_POPS_RECHECK_MS = ConfigKey.longAtLeast("blocked_pops_recheck_ms", "1000",
            "how often clients blocked in BLPOP and its family try again without a wake-up (a push no replica here saw)", 10);
    public static final ConfigKey<Integer> COUNTER_CARRY_INCREMENTS = ConfigKey.intAtLeast("counter_carry_increments",
            "256", "increments of a key a node remembers as the counter's owner, so a SET or DEL reaching it late "
            + "undoes only those versioned before it", 1);
    public static final ConfigKey<Long> COUNTER_CARRY_KEYS = ConfigKey.longAtLeast("counter_carry_keys", "10000",
            "keys whose recent increments a node remembers at once (the least recently incremented are forgotten)", 1);
    public static final ConfigKey<Long> COUNTER_CARRY_WINDOW_MS = ConfigKey.longAtLeast("counter_carry_window_ms",
            "60000", "how long a node remembers a key's increments after its last one", 1);
    public static final ConfigKey<Integer> MAX_MULTIBULK_LENGTH = ConfigKey.intAtLeast("max_multibulk_length",
            "1048576", "most arguments one RESP command may carry", 1);
    public static final ConfigKey<Integer> MAX_INLINE_BYTES = ConfigKey.intAtLeast("max_inline_bytes", "65536",
            "longest inline (telnet-style) command line", 16);
    public static final ConfigKey<Integer> MAX_CLIENTS = ConfigKey.intAtLeast("max_clients", "10000",
            "RESP connections accepted at once; more are answered an error and closed", 1);
    public static final ConfigKey<Long> MAX_CLIENT_OPS_PER_SECOND = ConfigKey.longAtLeast("max_client_ops_per_second",
            "0", "commands one connection may send per second; more are answered an error; 0 = no limit", 0);
    public static final ConfigKey<Integer> IO_THREADS = ConfigKey.intAtLeast("io_threads", "2",
            "Netty event-loop threads serving RESP, and internode gRPC too while grpc_threads is 0", 1);
    public static final ConfigKey<Integer> GRPC_THREADS = ConfigKey.intAtLeast("grpc_threads", "0",
            "event-loop threads of their own for internode gRPC (its server and the channels to peers);"
                    + " 0 = run it on the RESP event loops (io_threads), so a request and its replica calls stay on one thread", 0);
    public static final ConfigKey<Boolean> NATIVE_TRANSPORT = ConfigKey.bool("native_transport", "true",
            "serve sockets with Linux epoll (Netty's native library) where it loads; false, or where it does not load"
                    + " (not Linux x86_64): Java NIO");
    public static final ConfigKey<String> REQUIREPASS = ConfigKey.text("requirepass", "",
            "password clients must AUTH with; empty = no authentication");
    public static final ConfigKey<Long> GC_GRACE_SECONDS = ConfigKey.longAtLeast("gc_grace_seconds", "864000",
            "tombstones and expired cells are purged this long after they were written", 0);
    public static final ConfigKey<Long> SWEEP_INTERVAL_MS = ConfigKey.positiveLong("sweep_interval_ms", "1000",
            "how often expired cells are reclaimed and old tombstones purged");
    public static final ConfigKey<Long> MAX_CLOCK_SKEW_MS = ConfigKey.positiveLong("max_clock_skew_ms", "500",
            "a version further ahead of the local clock than this is rejected");
    public static final ConfigKey<ConsistencyLevel> DEFAULT_READ_CONSISTENCY = new ConfigKey<>(
            "default_read_consistency", "QUORUM", "read level of a new connection", ConsistencyLevel::parse);
    public static final ConfigKey<ConsistencyLevel> DEFAULT_WRITE_CONSISTENCY = new ConfigKey<>(
            "default_write_consistency", "QUORUM", "write level of a new connection", ConsistencyLevel::parse);

    public static final ConfigKey<String> SEEDS = ConfigKey.text("seeds", "",
            "host:grpc-port,... of seed nodes; empty = a single node serving every key itself");
    public static final ConfigKey<String> PEER_GRPC_ADDRESSES = ConfigKey.text("peer_grpc_addresses", "",
            "id=host:port,... reach these peers at these addresses instead of the ones they gossip (proxies, NAT)");
    public static final ConfigKey<Integer> REPLICATION_FACTOR = ConfigKey.intAtLeast("replication_factor", "3",
            "replicas per key (capped at the number of nodes)", 1);
    public static final ConfigKey<Integer> NUM_TOKENS = ConfigKey.intAtLeast("num_tokens", "16",
            "vnodes per node", 1);
    public static final ConfigKey<Long> CLUSTER_SEED = ConfigKey.longAtLeast("cluster_seed", "20261124",
            "seed of token allocation; every node of a cluster must use the same", Long.MIN_VALUE);
    public static final ConfigKey<Long> REQUEST_TIMEOUT_MS = ConfigKey.positiveLong("request_timeout_ms", "2000",
            "how long a coordinator waits for replicas before answering TIMEOUT");
    public static final ConfigKey<Long> STRONG_TIMEOUT_MS = ConfigKey.positiveLong("strong_timeout_ms", "5000",
            "how long a STRONG operation may retry under contention before answering TIMEOUT (outcome unknown)");
    public static final ConfigKey<Long> GOSSIP_INTERVAL_MS = ConfigKey.positiveLong("gossip_interval_ms", "1000",
            "how often a node gossips its state to its peers");
    public static final ConfigKey<Long> PHI_CONVICT_THRESHOLD = ConfigKey.positiveLong("phi_convict_threshold", "8",
            "phi-accrual failure detector threshold: above it a peer is Down");
    public static final ConfigKey<Boolean> HINTED_HANDOFF_ENABLED = ConfigKey.bool("hinted_handoff_enabled", "true",
            "keep hints for replicas that miss a write, and replay them when they return");
    public static final ConfigKey<Long> MAX_HINT_WINDOW_MS = ConfigKey.longAtLeast("max_hint_window_ms", "10800000",
            "hints older than this are dropped instead of replayed (repair must catch the replica up)", 0);
    public static final ConfigKey<Long> HINTED_HANDOFF_THROTTLE_KIB = ConfigKey.positiveLong(
            "hinted_handoff_throttle_kib", "1024", "hint replay rate per target node, KiB/s");
    public static final ConfigKey<Long> HINT_REPLAY_INTERVAL_MS = ConfigKey.positiveLong("hint_replay_interval_ms",
            "10000", "how often hints for nodes that are Up are replayed (besides on each Down-to-Up change)");
    public static final ConfigKey<Integer> MERKLE_MAX_DEPTH = ConfigKey.intAtLeast("merkle_max_depth", "16",
            "deepest Merkle tree per token range; a tree gets about one leaf per key up to this (16 = 64k leaves, 512 KiB)", 1);
    public static final ConfigKey<Long> REPAIR_INTERVAL_SECONDS = ConfigKey.longAtLeast("repair_interval_seconds",
            "432000", "repair every range this node is first replica of within this interval; must be shorter than "
            + "gc_grace_seconds; 0 = only on REPAIR", 0);
    public static final ConfigKey<Long> REPAIR_TIMEOUT_MS = ConfigKey.positiveLong("repair_timeout_ms", "60000",
            "how long a repair session waits for one answer from a replica");

    /** Every key, in the order {@code --help} lists them. */
    public static final List<ConfigKey<?>> KEYS = List.of(NODE_ID, BIND, RESP_PORT, GRPC_PORT, HTTP_PORT, DATA_DIR,
            APPENDFSYNC, SNAPSHOT_INTERVAL_SECONDS, REPAIR_AOF, MAX_KEY_BYTES, MAX_VALUE_BYTES, MAX_TRANSACTION_COMMANDS, MAX_TRANSACTION_BYTES, PUBSUB_OUTPUT_LIMIT_BYTES,
            PUBSUB_OUTPUT_SOFT_LIMIT_BYTES, PUBSUB_OUTPUT_SOFT_LIMIT_SECONDS, BLOCKED_POPS_RECHECK_MS,
            COUNTER_CARRY_INCREMENTS, COUNTER_CARRY_KEYS, COUNTER_CARRY_WINDOW_MS,
            MAX_MULTIBULK_LENGTH, MAX_INLINE_BYTES, MAX_CLIENTS, MAX_CLIENT_OPS_PER_SECOND, IO_THREADS, GRPC_THREADS, NATIVE_TRANSPORT, REQUIREPASS, GC_GRACE_SECONDS,
            SWEEP_INTERVAL_MS, MAX_CLOCK_SKEW_MS, DEFAULT_READ_CONSISTENCY, DEFAULT_WRITE_CONSISTENCY, SEEDS,
            PEER_GRPC_ADDRESSES, REPLICATION_FACTOR, NUM_TOKENS, CLUSTER_SEED, REQUEST_TIMEOUT_MS, STRONG_TIMEOUT_MS, GOSSIP_INTERVAL_MS,
            PHI_CONVICT_THRESHOLD, HINTED_HANDOFF_ENABLED, MAX_HINT_WINDOW_MS, HINTED_HANDOFF_THROTTLE_KIB,
            HINT_REPLAY_INTERVAL_MS, MERKLE_MAX_DEPTH, REPAIR_INTERVAL_SECONDS, REPAIR_TIMEOUT_MS);

    private final Map<String, Object> values;
    private final Map<String, String> texts;

    private NodeConfig(Map<String, String> texts) {
        this.texts = Collections.unmodifiableMap(new LinkedHashMap<>(texts));
        Map<String, Object> parsed = new LinkedHashMap<>();
        for (ConfigKey<?> key : KEYS) {
            parsed.put(key.name(), key.parse(texts.getOrDefault(key.name(), key.defaultText())));
        }
        this.values = parsed;
        long repairInterval = (Long) parsed.get(REPAIR_INTERVAL_SECONDS.name());
        long gcGrace = (Long) parsed.get(GC_GRACE_SECONDS.name());
        if (repairInterval > 0 && repairInterval >= gcGrace) {
            // A replica that misses a delete must be repaired before the tombstone is purged elsewhere,
            // or the delete is undone.
            throw new IllegalArgumentException("repair_interval_seconds (" + repairInterval
                    + ") must be shorter than gc_grace_seconds (" + gcGrace + "), or 0 to repair only on demand");
        }
        if ((Integer) parsed.get(MERKLE_MAX_DEPTH.name()) > 20) {
            throw new IllegalArgumentException("merkle_max_depth must be at most 20 (2^20 leaves per range), got "
                    + parsed.get(MERKLE_MAX_DEPTH.name()));
        }
    }

    /** The defaults, with {@code overrides} (key name → text) applied; unknown names are refused. */
    public static NodeConfig of(Map<String, String> overrides) {
        for (String name : overrides.keySet()) {
            if (byName(name) == null) {
                throw new ConfigException("unknown config key '" + name + "' (see ringkv node --help)");
            }
        }
        return new NodeConfig(overrides);
    }

    public static NodeConfig defaults() {
        return of(Map.of());
    }

    public static ConfigKey<?> byName(String name) {
        for (ConfigKey<?> key : KEYS) {
            if (key.name().equals(name)) {
                return key;
            }
        }
        return null;
    }

    /** A copy with one more override; handy for tests and the cluster launcher. */
    public NodeConfig with(ConfigKey<?> key, Object value) {
        Map<String, String> next = new LinkedHashMap<>(texts);
        next.put(key.name(), String.valueOf(value));
        return new NodeConfig(next);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(ConfigKey<T> key) {
        return (T) values.get(key.name());
    }

    /** Every key's effective value as text, for CONFIG GET and INFO. */
    public Map<String, String> asText() {
        Map<String, String> out = new LinkedHashMap<>();
        for (ConfigKey<?> key : KEYS) {
            out.put(key.name(), texts.getOrDefault(key.name(), key.defaultText()));
        }
        return out;
    }

    public java.util.List<String> seeds() {
        String text = get(SEEDS).trim();
        return text.isEmpty() ? java.util.List.of() : java.util.Arrays.stream(text.split(","))
                .map(String::trim).filter(seed -> !seed.isEmpty()).toList();
    }

    /** {@code peer_grpc_addresses} as node id → host:port; a malformed entry is refused at start. */
    public java.util.Map<Integer, String> peerGrpcAddresses() {
        java.util.Map<Integer, String> out = new java.util.TreeMap<>();
        String text = get(PEER_GRPC_ADDRESSES).trim();
        if (text.isEmpty()) {
            return out;
        }
        for (String entry : text.split(",")) {
            String[] parts = entry.trim().split("=", 2);
            if (parts.length != 2 || !parts[1].contains(":")) {
                throw new IllegalArgumentException("peer_grpc_addresses: expected id=host:port, got '" + entry + "'");
            }
            try {
                out.put(Integer.parseInt(parts[0].trim()), parts[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("peer_grpc_addresses: node id must be an integer in '" + entry + "'");
            }
        }
        return out;
    }

    public Path dataDir() {
        return Path.of(get(DATA_DIR));
    }
}
