package io.ringkv.coordinator.node;

import io.ringkv.coordinator.cluster.EndpointInfo;
import io.ringkv.coordinator.cluster.Membership;
import io.ringkv.coordinator.command.CommandDispatcher;
import io.ringkv.coordinator.config.NodeConfig;
import io.ringkv.coordinator.metrics.CommandLatencies;
import io.ringkv.coordinator.server.NettyTransport;
import io.ringkv.coordinator.server.RespServer;
import io.ringkv.storage.RecoveryReport;
import io.ringkv.storage.StorageEngine;
import io.ringkv.storage.StorageStats;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** Renders INFO sections from the node's live parts, in Redis's {@code key:value} layout. */
final class NodeInfo {
    private static final String[] SECTIONS = {"server", "clients", "memory", "persistence", "stats",
        "replication", "keyspace", "consistency", "latency", "repair", "faults", "paxos"};

    private final NodeConfig config;
    private final StorageEngine engine;
    private final CommandLatencies latencies;
    private final long startedAtMs;
    private RespServer resp;
    private CommandDispatcher dispatcher;
    private KeyCounter keyCounter;

    private final Membership membership;
    private java.util.function.Supplier<String> repairInfo;
    private java.util.function.Supplier<java.util.List<String>> faults;
    private java.util.function.LongSupplier counterCarries = () -> 0;

    private io.ringkv.coordinator.paxos.PaxosMetrics paxos;

    /** STRONG operation counts, for INFO paxos (absent on a single node, which needs no Paxos). */
    void paxos(io.ringkv.coordinator.paxos.PaxosMetrics metrics) {
        this.paxos = metrics;
    }

    /** The active faults, for INFO faults. */
    /** How many times this node added back increments a late SET or DEL had undone (INFO stats). */
    void counterCarries(java.util.function.LongSupplier carries) {
        this.counterCarries = carries;
    }

    void faults(java.util.function.Supplier<java.util.List<String>> active) {
        this.faults = active;
    }

    /** The body of INFO repair, when this node runs repairs. */
    void repairInfo(java.util.function.Supplier<String> body) {
        this.repairInfo = body;
    }

    NodeInfo(NodeConfig config, StorageEngine engine, CommandLatencies latencies, long startedAtMs,
             Membership membership) {
        this.membership = membership;
        this.config = config;
        this.engine = engine;
        this.latencies = latencies;
        this.startedAtMs = startedAtMs;
    }

    interface KeyCounter {
        long live();

        long withExpiry();
    }

    void attach(RespServer resp, CommandDispatcher dispatcher, KeyCounter keyCounter) {
        this.resp = resp;
        this.dispatcher = dispatcher;
        this.keyCounter = keyCounter;
    }

    private void paxos(StringBuilder out) {
        io.ringkv.coordinator.paxos.PaxosMetrics metrics = paxos;
        line(out, "paxos_enabled", metrics == null ? 0 : 1);
        if (metrics == null) {
            return;
        }
        line(out, "paxos_operations", metrics.operations());
        line(out, "paxos_contended", metrics.contended());
        line(out, "paxos_retries", metrics.retries());
        line(out, "paxos_in_progress_completed", metrics.inProgressCompleted());
        line(out, "paxos_slice_fallbacks", metrics.wholeReads());
        line(out, "paxos_commits_repaired", metrics.commitsRepaired());
        line(out, "paxos_timeouts", metrics.timeouts());
        line(out, "paxos_unavailable", metrics.unavailable());
        long operations = metrics.operations();
        line(out, "paxos_contention_rate", String.format(Locale.ROOT, "%.4f",
                operations == 0 ? 0.0 : (double) metrics.contended() / operations));
        line(out, "paxos_keys", engine.paxosKeys());
    }

    String render(String section) {
        String wanted = section == null ? "default" : section.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        for (String name : SECTIONS) {
            boolean all = wanted.equals("default") || wanted.equals("all") || wanted.equals("everything");
            if (all || wanted.equals(name)) {
                if (out.length() > 0) {
                    out.append("\r\n");
                }
                out.append("# ").append(Character.toUpperCase(name.charAt(0))).append(name.substring(1)).append("\r\n");
                section(name, out);
            }
        }
        return out.toString();
    }

    private void section(String name, StringBuilder out) {
        switch (name) {
            case "server" -> server(out);
            case "clients" -> {
                line(out, "connected_clients", resp == null ? 0 : resp.connectedClients());
                line(out, "blocked_clients", dispatcher == null ? 0 : dispatcher.blockedClients());
            }
            case "memory" -> memory(out);
            case "persistence" -> persistence(out);
            case "stats" -> stats(out);
            case "replication" -> replication(out);
            case "keyspace" -> {
                long keys = keyCounter.live();
                if (keys > 0) {
                    line(out, "db0", "keys=" + keys + ",expires=" + keyCounter.withExpiry() + ",avg_ttl=0");
                }
            }
            case "consistency" -> {
                line(out, "default_read_consistency", config.get(NodeConfig.DEFAULT_READ_CONSISTENCY));
                line(out, "default_write_consistency", config.get(NodeConfig.DEFAULT_WRITE_CONSISTENCY));
            }
            case "latency" -> latency(out);
            case "faults" -> {
                java.util.List<String> active = faults == null ? java.util.List.of() : faults.get();
                line(out, "faults_active", active.size());
                for (int i = 0; i < active.size(); i++) {
                    out.append("fault").append(i).append(':').append(active.get(i)).append("\r\n");
                }
            }
            case "paxos" -> paxos(out);
            case "repair" -> out.append(repairInfo == null ? "repair_enabled:0\r\n" : repairInfo.get());
            default -> throw new IllegalArgumentException(name);
        }
    }

    private void replication(StringBuilder out) {
        line(out, "role", "master");
        line(out, "connected_slaves", 0);
        if (membership == null) {
            line(out, "cluster_mode", "single");
            line(out, "replication_factor", 1);
            return;
        }
        line(out, "cluster_mode", "ring");
        line(out, "replication_factor", config.get(NodeConfig.REPLICATION_FACTOR));
        int upCount = 0;
        for (EndpointInfo node : membership.endpoints()) {
            boolean isUp = membership.isUp(node.nodeId());
            upCount += isUp ? 1 : 0;
            line(out, "node" + node.nodeId(), node.host() + ":" + node.grpcPort() + "," + (isUp ? "up" : "down")
                    + "," + node.state().name().toLowerCase(Locale.ROOT) + ",tokens=" + node.tokens().size());
        }
        line(out, "nodes_known", membership.endpoints().size());
        line(out, "nodes_up", upCount);
    }

    private void server(StringBuilder out) {
        line(out, "redis_version", "7.2.0");
        line(out, "ringkv_version", "0.1.0");
        line(out, "redis_mode", "standalone");
        line(out, "node_id", config.get(NodeConfig.NODE_ID));
        line(out, "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        line(out, "java_version", System.getProperty("java.version"));
        line(out, "multiplexing_api", NettyTransport.choose(config.get(NodeConfig.NATIVE_TRANSPORT)).word());
        line(out, "process_id", ProcessHandle.current().pid());
        line(out, "tcp_port", resp == null ? 0 : resp.port());
        line(out, "uptime_in_seconds", (System.currentTimeMillis() - startedAtMs) / 1000);
    }

    private void memory(StringBuilder out) {
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        line(out, "used_memory", used);
        line(out, "used_memory_human", String.format(Locale.ROOT, "%.2fM", used / 1048576.0));
        line(out, "maxmemory", runtime.maxMemory());
        line(out, "stored_entries", engine.size());
    }

    private void persistence(StringBuilder out) {
        StorageStats stats = engine.stats();
        RecoveryReport recovery = engine.recoveryReport();
        line(out, "loading", 0);
        line(out, "aof_enabled", 1);
        line(out, "appendfsync", config.get(NodeConfig.APPENDFSYNC).name().toLowerCase(Locale.ROOT));
        line(out, "aof_generation", stats.aofGeneration());
        line(out, "aof_current_size", stats.aofBytes());
        line(out, "aof_records", stats.aofRecords());
        line(out, "aof_fsyncs", stats.fsyncs());
        line(out, "rdb_bgsave_in_progress", stats.snapshotInProgress() ? 1 : 0);
        line(out, "rdb_saves", stats.snapshotsTaken());
        line(out, "rdb_last_save_time", stats.lastSnapshotMs() / 1000);
        line(out, "recovery_snapshot_cells", recovery.snapshotCells());
        line(out, "recovery_aof_records", recovery.aofRecords());
        line(out, "recovery_truncated_bytes", recovery.truncatedBytes());
        line(out, "recovery_duration_ms", recovery.durationMs());
        io.ringkv.storage.Cell flushed = engine.truncatedAt();
        // The version of the last FLUSHALL this node applied (0: none): writes at or before it are gone.
        line(out, "flushall_version", flushed == null ? 0 : flushed.hlc());
    }

    private void stats(StringBuilder out) {
        line(out, "total_connections_received", resp == null ? 0 : resp.totalConnections());
        line(out, "total_commands_processed", dispatcher == null ? 0 : dispatcher.commandsProcessed());
        line(out, "total_error_replies", dispatcher == null ? 0 : dispatcher.errorReplies());
        line(out, "counter_carries", counterCarries.getAsLong());
    }

    private void latency(StringBuilder out) {
        for (Map.Entry<String, Histogram> entry : latencies.snapshot().entrySet()) {
            Histogram h = entry.getValue();
            line(out, "latency_" + entry.getKey().toLowerCase(Locale.ROOT), "calls=" + h.getTotalCount()
                    + ",p50_us=" + h.getValueAtPercentile(50) + ",p99_us=" + h.getValueAtPercentile(99)
                    + ",p999_us=" + h.getValueAtPercentile(99.9) + ",max_us=" + h.getMaxValue());
        }
    }

    private static void line(StringBuilder out, String key, Object value) {
        out.append(key).append(':').append(value).append("\r\n");
    }
}
