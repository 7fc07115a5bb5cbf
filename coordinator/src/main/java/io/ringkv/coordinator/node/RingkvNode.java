package io.ringkv.coordinator.node;

import io.ringkv.coordinator.command.CommandDispatcher;
import io.ringkv.coordinator.command.ValueLimits;
import io.ringkv.coordinator.config.NodeConfig;
import io.ringkv.coordinator.grpc.AdminService;
import io.ringkv.coordinator.grpc.GrpcServer;
import io.ringkv.coordinator.grpc.InternodeService;
import io.ringkv.coordinator.http.HttpEndpoint;
import io.ringkv.coordinator.kv.LocalKeyValueService;
import io.ringkv.coordinator.metrics.CommandLatencies;
import io.ringkv.coordinator.resp.RespLimits;
import io.ringkv.coordinator.server.RespServer;
import io.ringkv.sharding.Murmur3Partitioner;
import io.ringkv.storage.HybridClock;
import io.ringkv.storage.RecoveryReport;
import io.ringkv.storage.StorageConfig;
import io.ringkv.storage.StorageEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ringkv node: the storage engine (recovered from disk), the RESP listener, the gRPC
 * internode/admin services and the HTTP health/metrics endpoint. {@link #start} returns once
 * every listener is bound; {@link #close} stops them and flushes the AOF.
 */
public final class RingkvNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RingkvNode.class);

    private final NodeConfig config;
    private final StorageEngine engine;
    private final RespServer resp;
    private final GrpcServer grpc;
    private final HttpEndpoint http;
    private final ScheduledExecutorService snapshotScheduler;

    private RingkvNode(NodeConfig config) throws IOException, InterruptedException {
        this.config = config;
        long startedAtMs = System.currentTimeMillis();
        Files.createDirectories(config.dataDir());
        engine = StorageEngine.open(new StorageConfig(config.dataDir(), config.get(NodeConfig.APPENDFSYNC),
                config.get(NodeConfig.GC_GRACE_SECONDS) * 1000, config.get(NodeConfig.SWEEP_INTERVAL_MS),
                Murmur3Partitioner::token, System::currentTimeMillis, config.get(NodeConfig.REPAIR_AOF)));
        RecoveryReport recovery = engine.recoveryReport();
        log.info("recovered {} snapshot cells and {} AOF records from {} in {} ms", recovery.snapshotCells(),
                recovery.aofRecords(), config.dataDir(), recovery.durationMs());

        HybridClock clock = HybridClock.system(config.get(NodeConfig.MAX_CLOCK_SKEW_MS));
        int nodeId = config.get(NodeConfig.NODE_ID);
        LocalKeyValueService kv = new LocalKeyValueService(engine, clock, nodeId);
        CommandLatencies latencies = new CommandLatencies();
        NodeInfo info = new NodeInfo(config, engine, latencies, startedAtMs);
        LocalNodeControl control = new LocalNodeControl(engine, kv, config, info);
        CommandDispatcher dispatcher = new CommandDispatcher(kv, control,
                new ValueLimits(config.get(NodeConfig.MAX_KEY_BYTES), config.get(NodeConfig.MAX_VALUE_BYTES)),
                config.get(NodeConfig.REQUIREPASS), latencies);

        String host = config.get(NodeConfig.BIND);
        grpc = GrpcServer.start(host, config.get(NodeConfig.GRPC_PORT),
                new InternodeService(engine, clock), new AdminService(engine, control));
        resp = RespServer.start(new RespServer.Settings(host, config.get(NodeConfig.RESP_PORT),
                config.get(NodeConfig.IO_THREADS), config.get(NodeConfig.MAX_CLIENTS), respLimits(config),
                config.get(NodeConfig.DEFAULT_READ_CONSISTENCY), config.get(NodeConfig.DEFAULT_WRITE_CONSISTENCY),
                !config.get(NodeConfig.REQUIREPASS).isEmpty(), engine::flushWrites), dispatcher);
        info.attach(resp, dispatcher, control);
        http = HttpEndpoint.start(host, config.get(NodeConfig.HTTP_PORT), latencies, control);
        snapshotScheduler = scheduleSnapshots(config.get(NodeConfig.SNAPSHOT_INTERVAL_SECONDS));
    }

    public static RingkvNode start(NodeConfig config) throws IOException, InterruptedException {
        return new RingkvNode(config);
    }

    static RespLimits respLimits(NodeConfig config) {
        // A bulk string carries a key or a value. The protocol limit sits above both so that a value
        // slightly over max_value_bytes gets a command error saying so (and the connection stays
        // open); only a length far beyond any limit is a protocol error that closes it.
        long maxBulk = Math.min(Integer.MAX_VALUE - 2,
                (long) config.get(NodeConfig.MAX_VALUE_BYTES) + config.get(NodeConfig.MAX_KEY_BYTES));
        return new RespLimits((int) maxBulk, config.get(NodeConfig.MAX_MULTIBULK_LENGTH),
                config.get(NodeConfig.MAX_INLINE_BYTES));
    }

    private ScheduledExecutorService scheduleSnapshots(long intervalSeconds) {
        if (intervalSeconds == 0) {
            return null;
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "snapshot-scheduler");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> engine.snapshot().whenComplete((s, e) -> {
            if (e != null) {
                log.error("scheduled snapshot failed", e);
            }
        }), intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
        return scheduler;
    }

    public NodeConfig config() {
        return config;
    }

    public int respPort() {
        return resp.port();
    }

    public int grpcPort() {
        return grpc.port();
    }

    public int httpPort() {
        return http.port();
    }

    public StorageEngine storage() {
        return engine;
    }

    @Override
    public void close() throws IOException {
        if (snapshotScheduler != null) {
            snapshotScheduler.shutdownNow();
        }
        http.close();
        resp.close();
        grpc.close();
        engine.close();
    }
}
