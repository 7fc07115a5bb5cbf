package io.ringkv.coordinator.node;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.grpc.ServerInterceptors;
import io.ringkv.chaos.fault.FaultClientInterceptor;
import io.ringkv.chaos.fault.FaultGate;
import io.ringkv.chaos.fault.FaultRules;
import io.ringkv.chaos.fault.FaultServerInterceptor;
import io.ringkv.coordinator.cluster.ClusterTokens;
import io.ringkv.coordinator.cluster.EndpointInfo;
import io.ringkv.coordinator.cluster.Gossiper;
import io.ringkv.coordinator.cluster.KnownPeersFile;
import io.ringkv.coordinator.cluster.Membership;
import io.ringkv.coordinator.command.CommandDispatcher;
import io.ringkv.coordinator.command.NodeControl;
import io.ringkv.coordinator.command.ValueLimits;
import io.ringkv.coordinator.config.NodeConfig;
import io.ringkv.coordinator.grpc.AdminService;
import io.ringkv.coordinator.grpc.GrpcServer;
import io.ringkv.coordinator.grpc.InternodeEventLoops;
import io.ringkv.coordinator.grpc.InternodeService;
import io.ringkv.coordinator.hints.HintReplayer;
import io.ringkv.coordinator.hints.HintStore;
import io.ringkv.coordinator.http.HttpEndpoint;
import io.ringkv.coordinator.kv.KeyValueService;
import io.ringkv.coordinator.kv.LocalKeyValueService;
import io.ringkv.coordinator.metrics.CommandLatencies;
import io.ringkv.coordinator.pubsub.PubSub;
import io.ringkv.coordinator.replication.GrpcPubSubPeers;
import io.ringkv.coordinator.pubsub.PubSubPeers;
import io.ringkv.coordinator.pubsub.PubSubRegistry;
import io.ringkv.coordinator.paxos.Acceptor;
import io.ringkv.coordinator.paxos.EnginePaxosStore;
import io.ringkv.coordinator.paxos.PaxosMetrics;
import io.ringkv.coordinator.paxos.Proposer;
import io.ringkv.coordinator.repair.RepairGrpcService;
import io.ringkv.coordinator.repair.RepairManager;
import io.ringkv.coordinator.consistency.ConsistencyLevel;
import io.ringkv.coordinator.kv.CounterOwner;
import io.ringkv.coordinator.replication.RemoteWaits;
import io.ringkv.coordinator.keyspace.ClusterFlush;
import io.ringkv.coordinator.keyspace.KeyPage;
import io.ringkv.coordinator.keyspace.KeyPages;
import io.ringkv.coordinator.keyspace.KeyspaceScanner;
import io.ringkv.coordinator.kv.KeyLocks;
import io.ringkv.coordinator.repair.RemoteKeyPages;
import io.ringkv.coordinator.replication.GrpcReplicaTransport;
import io.ringkv.coordinator.replication.ReplicatedKeyValueService;
import io.ringkv.coordinator.resp.RespLimits;
import io.ringkv.coordinator.server.NettyTransport;
import io.ringkv.coordinator.server.RespServer;
import io.ringkv.repair.LocalRepairPeer;
import io.ringkv.repair.RangeTrees;
import io.ringkv.sharding.Murmur3Partitioner;
import io.ringkv.storage.HybridClock;
import io.ringkv.storage.RecoveryReport;
import io.ringkv.storage.StorageConfig;
import io.ringkv.storage.StorageEngine;
import io.netty.channel.EventLoopGroup;
import io.netty.util.internal.ThreadExecutorMap;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
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
    /** This node's subscribers, fed by PUBLISH through this node and through its peers. */
    private final PubSubRegistry pubsubRegistry = new PubSubRegistry();
    private final StorageEngine engine;
    private final RespServer resp;
    private final CommandDispatcher dispatcher;
    private final GrpcServer grpc;
    /** RESP's event loops, and by default internode gRPC's too. */
    private final EventLoopGroup nodeLoops;
    private final InternodeEventLoops internodeLoops;
    private final InternodeService internode;
    private final HttpEndpoint http;
    private final ScheduledExecutorService snapshotScheduler;
    private volatile Membership membership;
    private GrpcReplicaTransport transport;
    private HintStore hints;
    private HintReplayer hintReplayer;
    private Gossiper gossiper;
    private final RangeTrees trees;
    private final LocalRepairPeer localRepairPeer;
    private final ExecutorService repairServer;
    private final FaultRules faults = new FaultRules(() -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    private final ScheduledExecutorService faultTimer = Executors.newSingleThreadScheduledExecutor(
            new ThreadFactoryBuilder().setNameFormat("fault-timer").setDaemon(true).build());
    private RepairManager repairs;
    private CounterOwner counterOwner;
    private final PaxosMetrics paxosMetrics = new PaxosMetrics();

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
        String host = config.get(NodeConfig.BIND);
        Acceptor acceptor = new Acceptor(new EnginePaxosStore(engine));
        NodeControl[] controlHolder = new NodeControl[1];
        trees = new RangeTrees(engine, config.get(NodeConfig.MERKLE_MAX_DEPTH));
        localRepairPeer = new LocalRepairPeer(nodeId, engine, trees, this::ringRanges);
        repairServer = Executors.newSingleThreadExecutor(
                new ThreadFactoryBuilder().setNameFormat("repair-server").setDaemon(true).build());
        // Faults apply to replica-to-replica traffic only: the admin service stays reachable to heal them.
        FaultServerInterceptor refuseFromPartitioned = new FaultServerInterceptor(faults);
        KeyLocks keyLocks = new KeyLocks();
        KeyPages localKeyPages = (node, start, end, limit) ->
                CompletableFuture.completedFuture(KeyPage.of(engine, start, end, limit));
        counterOwner = new CounterOwner(engine, clock, nodeId, keyLocks, new CounterOwner.Memory(
                config.get(NodeConfig.COUNTER_CARRY_INCREMENTS), config.get(NodeConfig.COUNTER_CARRY_KEYS),
                config.get(NodeConfig.COUNTER_CARRY_WINDOW_MS)));
        internode = new InternodeService(engine, counterOwner, clock, acceptor, refuseFromPartitioned::refusalOf,
                pubsubRegistry);
        NettyTransport sockets = NettyTransport.choose(config.get(NodeConfig.NATIVE_TRANSPORT));
        log.info("sockets: {} ({} event loops)", sockets.word(), config.get(NodeConfig.IO_THREADS));
        nodeLoops = sockets.newGroup(config.get(NodeConfig.IO_THREADS), "node-io");
        int grpcThreads = config.get(NodeConfig.GRPC_THREADS);
        internodeLoops = grpcThreads == 0 ? InternodeEventLoops.sharing(nodeLoops)
                : InternodeEventLoops.create(sockets, grpcThreads);
        grpc = GrpcServer.start(host, config.get(NodeConfig.GRPC_PORT), internodeLoops, List.of(
                ServerInterceptors.intercept(internode, refuseFromPartitioned),
                ServerInterceptors.intercept(new RepairGrpcService(localRepairPeer, localKeyPages, repairServer),
                        refuseFromPartitioned),
                new AdminService(engine, () -> controlHolder[0]).bindService()));

        KeyValueService kv;
        if (config.seeds().isEmpty()) {
            kv = new LocalKeyValueService(engine, clock, nodeId, keyLocks, counterOwner);
        } else {
            kv = joinCluster(config, clock, host, internode, acceptor);
        }
        KeyspaceScanner keyspace = membership == null
                ? KeyspaceScanner.single(nodeId, localKeyPages, kv, engine::tokenOf)
                : KeyspaceScanner.cluster(membership, new RemoteKeyPages(nodeId, localKeyPages, transport::channel,
                        config.get(NodeConfig.REQUEST_TIMEOUT_MS)), kv, engine::tokenOf);
        CommandLatencies latencies = new CommandLatencies();
        NodeInfo info = new NodeInfo(config, engine, latencies, startedAtMs, membership);
        if (repairs != null) {
            info.repairInfo(repairs::info);
        }
        info.faults(faults::describe);
        info.counterCarries(counterOwner::carried);
        if (membership != null) {
            info.paxos(paxosMetrics);
        }
        Membership members = membership;
        ClusterFlush flush = new ClusterFlush(engine, kv::newVersion, nodeId, members == null ? List::of
                : () -> members.endpoints().stream().map(EndpointInfo::nodeId).filter(id -> id != nodeId).toList(),
                id -> members != null && members.isUp(id), id -> transport.channel(id), config.get(NodeConfig.REPAIR_TIMEOUT_MS));
        if (members != null) {
            members.onUp(flush::peerCameUp);
        }
        LocalNodeControl control = new LocalNodeControl(engine, kv, config, info, membership, repairs, faults, flush);
        controlHolder[0] = control;
        dispatcher = new CommandDispatcher(kv, keyspace, control,
                new ValueLimits(config.get(NodeConfig.MAX_KEY_BYTES), config.get(NodeConfig.MAX_VALUE_BYTES),
                        config.get(NodeConfig.MAX_TRANSACTION_COMMANDS), config.get(NodeConfig.MAX_TRANSACTION_BYTES)),
                config.get(NodeConfig.REQUIREPASS), latencies, new PubSub(pubsubRegistry,
                        members == null ? PubSubPeers.NONE : new GrpcPubSubPeers(transport, members, nodeId)),
                config.get(NodeConfig.BLOCKED_POPS_RECHECK_MS));
        counterOwner.replicateWith((key, delta) -> kv.write(key, delta, ConsistencyLevel.ONE));
        RemoteWaits remoteWaits = membership == null ? null : new RemoteWaits(membership, transport,
                3 * config.get(NodeConfig.BLOCKED_POPS_RECHECK_MS), System::currentTimeMillis);
        if (remoteWaits != null) {
            remoteWaits.wakeWith(dispatcher::wakeBlocked);
            dispatcher.watchBlockedKeysWith(remoteWaits::watch);
            internode.keyWatchHandler(remoteWaits::received);
        }
        engine.onWrite((key, cell) -> {
            dispatcher.written(key, cell);
            counterOwner.written(key, cell);
            if (remoteWaits != null) {
                remoteWaits.written(key, cell);
            }
        });
        resp = RespServer.start(new RespServer.Settings(host, config.get(NodeConfig.RESP_PORT),
                config.get(NodeConfig.MAX_CLIENTS), respLimits(config),
                config.get(NodeConfig.DEFAULT_READ_CONSISTENCY), config.get(NodeConfig.DEFAULT_WRITE_CONSISTENCY),
                !config.get(NodeConfig.REQUIREPASS).isEmpty(), engine::flushWrites,
                config.get(NodeConfig.MAX_CLIENT_OPS_PER_SECOND),
                new io.ringkv.coordinator.server.OutputLimit(config.get(NodeConfig.PUBSUB_OUTPUT_LIMIT_BYTES),
                        config.get(NodeConfig.PUBSUB_OUTPUT_SOFT_LIMIT_BYTES), config.get(NodeConfig.PUBSUB_OUTPUT_SOFT_LIMIT_SECONDS))),
                dispatcher, nodeLoops);
        info.attach(resp, dispatcher, control);
        Membership expiryMembers = membership;
        engine.onExpired(key -> {
            // One replica sends "expired": the first of the key's replicas that is up.
            if (expiryMembers == null || firstLiveReplica(expiryMembers, key) == nodeId) {
                dispatcher.events().notify(io.ringkv.coordinator.command.KeyspaceEvents.EXPIRED, "expired", key);
            }
        });
        http = HttpEndpoint.start(host, config.get(NodeConfig.HTTP_PORT), latencies, control);
        if (gossiper != null) {
            gossiper.start();
            repairs.schedule(config.get(NodeConfig.REPAIR_INTERVAL_SECONDS));
        }
        snapshotScheduler = scheduleSnapshots(config.get(NodeConfig.SNAPSHOT_INTERVAL_SECONDS));
    }

    private static int firstLiveReplica(Membership members, byte[] key) {
        for (int replica : members.ring().replicasForKey(key)) {
            if (members.isUp(replica)) {
                return replica;
            }
        }
        return -1;
    }

    /** Cluster mode: gossip with the seeds, coordinate every key over its replicas, keep hints. */
    private KeyValueService joinCluster(NodeConfig config, HybridClock clock, String host, InternodeService internode,
                                        Acceptor acceptor) {
        int nodeId = config.get(NodeConfig.NODE_ID);
        List<Long> tokens = ClusterTokens.forNode(nodeId, config.get(NodeConfig.NUM_TOKENS),
                config.get(NodeConfig.CLUSTER_SEED));
        EndpointInfo self = new EndpointInfo(nodeId, System.currentTimeMillis(), 0, EndpointInfo.NodeState.NORMAL,
                host, grpc.port(), config.get(NodeConfig.RESP_PORT), tokens);
        membership = new Membership(self, config.get(NodeConfig.REPLICATION_FACTOR),
                config.get(NodeConfig.PHI_CONVICT_THRESHOLD));
        membership.addressOverrides(config.peerGrpcAddresses());
        KnownPeersFile knownPeers = new KnownPeersFile(config.dataDir());
        membership.remember(knownPeers.load());
        membership.onPeersChanged(knownPeers::save);
        Membership view = membership;
        transport = new GrpcReplicaTransport(nodeId, engine, counterOwner, acceptor, clock, membership,
                // Netty's own record of the loop a thread runs (public, though in its internal package).
                config.get(NodeConfig.REQUEST_TIMEOUT_MS), internodeLoops, ThreadExecutorMap::currentExecutor,
                peer -> new FaultClientInterceptor(faults, nodeId, () -> peer, faultTimer),
                new FaultGate(faults, faultTimer), faultTimer);
        hints = new HintStore(config.dataDir().resolve("hints.db"));
        long maxHintAgeMs = Math.min(config.get(NodeConfig.MAX_HINT_WINDOW_MS),
                config.get(NodeConfig.GC_GRACE_SECONDS) * 1000);
        hintReplayer = new HintReplayer(hints, transport, maxHintAgeMs,
                config.get(NodeConfig.HINTED_HANDOFF_THROTTLE_KIB), System::currentTimeMillis);
        membership.onUp(transport::peerCameUp); // before the hint replay, which needs the channel
        membership.onUp(hintReplayer::replayTo);
        hintReplayer.replayPeriodically(config.get(NodeConfig.HINT_REPLAY_INTERVAL_MS), () -> view.endpoints().stream()
                .map(EndpointInfo::nodeId).filter(id -> id != nodeId && view.isUp(id)).toList());
        gossiper = new Gossiper(membership, config.seeds(), config.get(NodeConfig.GOSSIP_INTERVAL_MS),
                System::currentTimeMillis, internodeLoops,
                address -> new FaultClientInterceptor(faults, nodeId, () -> view.nodeIdAt(address), faultTimer));
        internode.gossipHandler(gossiper::receive);
        repairs = new RepairManager(nodeId, membership, localRepairPeer, trees, transport::channel, clock,
                config.get(NodeConfig.REPAIR_TIMEOUT_MS));
        Proposer proposer = new Proposer(nodeId, transport, clock,
                delayMs -> CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS)),
                bound -> ThreadLocalRandom.current().nextLong(bound), config.get(NodeConfig.STRONG_TIMEOUT_MS), paxosMetrics);
        return new ReplicatedKeyValueService(membership, transport, hints,
                config.get(NodeConfig.HINTED_HANDOFF_ENABLED), clock, proposer);
    }

    private java.util.List<io.ringkv.sharding.TokenRange> ringRanges() {
        Membership current = membership;
        if (current == null) {
            throw new IllegalStateException("this node runs alone (no --seeds): it has no ring to repair");
        }
        return current.ring().ranges();
    }

    /** This node's Merkle trees (built on first use). */
    public RangeTrees merkleTrees() {
        return trees;
    }

    /** Null for a single node. */
    public RepairManager repairs() {
        return repairs;
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
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(new ThreadFactoryBuilder().setNameFormat("snapshot-scheduler").setDaemon(true).build());
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

    /** Null for a single node. */
    public Membership membership() {
        return membership;
    }

    /** Null for a single node. */
    public HintStore hints() {
        return hints;
    }

    @Override
    public void close() throws IOException {
        if (snapshotScheduler != null) {
            snapshotScheduler.shutdownNow();
        }
        if (gossiper != null) {
            gossiper.close();
        }
        if (repairs != null) {
            repairs.close();
        }
        repairServer.shutdownNow();
        faultTimer.shutdownNow();
        http.close();
        resp.close();
        dispatcher.close();
        counterOwner.close();
        if (hintReplayer != null) {
            hintReplayer.close();
        }
        if (transport != null) {
            transport.close();
        }
        internode.endStreams();
        grpc.close();
        internodeLoops.close();
        nodeLoops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (hints != null) {
            hints.close();
        }
        engine.close();
    }
}
