package io.ringkv.coordinator.replication;

import com.google.protobuf.ByteString;
import io.ringkv.coordinator.cluster.Membership;
import io.ringkv.proto.internode.KeyWatchRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Blocked pops on a node that does not replicate their key: the node asks the key's replicas to
 * watch it for a while ({@link #watch}, again at every re-check, so a watch outlives no wait by
 * much), and a replica that stores a push to a watched key tells the watchers ({@link #written}),
 * which wake their waiters ({@link #received}). Messages go on the peers' streams and may be
 * lost; the blocked pops' re-check covers that.
 */
public final class RemoteWaits {
    /** Most keys a replica watches for others at once; past it, new watches are not taken. */
    static final int MAX_WATCHED_KEYS = 100_000;

    private final Membership membership;
    private final GrpcReplicaTransport transport;
    private final long ttlMs;
    private final LongSupplier clockMs;
    private volatile Consumer<byte[]> wakeLocal = key -> { };
    /** Key (ISO-8859-1) → watching node → until when. */
    private final Map<String, Map<Integer, Long>> watchers = new ConcurrentHashMap<>();

    public RemoteWaits(Membership membership, GrpcReplicaTransport transport, long ttlMs, LongSupplier clockMs) {
        this.membership = membership;
        this.transport = transport;
        this.ttlMs = ttlMs;
        this.clockMs = clockMs;
    }

    /** What wakes this node's blocked clients on a key. */
    public void wakeWith(Consumer<byte[]> wakeLocal) {
        this.wakeLocal = wakeLocal;
    }

    /** This node has clients blocked on {@code keys}: asks the live replicas of those it does not replicate to watch them. */
    public void watch(Collection<byte[]> keys) {
        int self = membership.selfId();
        Map<Integer, KeyWatchRequest.Builder> byReplica = new HashMap<>();
        for (byte[] key : keys) {
            List<Integer> replicas = membership.ring().replicasForKey(key);
            if (replicas.contains(self)) {
                continue; // its own store's writes wake it
            }
            for (int replica : replicas) {
                if (membership.isUp(replica)) {
                    byReplica.computeIfAbsent(replica, r -> KeyWatchRequest.newBuilder().setWatcher(self).setTtlMs(ttlMs))
                            .addKeys(ByteString.copyFrom(key));
                }
            }
        }
        byReplica.forEach((replica, request) -> transport.keyWatch(replica, request.build()));
    }

    /**
     * A write reached this node's store: when it adds elements to a key other nodes watch, tells
     * them. Every write passes here, so a key no one watches costs one lookup, not a decode.
     */
    public void written(byte[] key, io.ringkv.storage.Cell cell) {
        if (watchers.isEmpty()) {
            return;
        }
        Map<Integer, Long> watching = watchers.get(name(key));
        if (watching == null || !io.ringkv.storage.types.list.ListType.addsElements(cell)) {
            return;
        }
        long now = clockMs.getAsLong();
        List<Integer> told = new ArrayList<>();
        watching.forEach((node, until) -> {
            if (until >= now) {
                told.add(node);
            }
        });
        watching.values().removeIf(until -> until < now);
        if (watching.isEmpty()) {
            watchers.remove(name(key), watching);
        }
        KeyWatchRequest wake = KeyWatchRequest.newBuilder().setWatcher(membership.selfId()).setWake(true)
                .addKeys(ByteString.copyFrom(key)).build();
        for (int node : told) {
            transport.keyWatch(node, wake);
        }
    }

    /** A peer's watch (this node replicates the keys) or wake-up (this node's clients wait on them). */
    public void received(KeyWatchRequest request) {
        if (request.getWake()) {
            request.getKeysList().forEach(key -> wakeLocal.accept(key.toByteArray()));
            return;
        }
        long now = clockMs.getAsLong();
        if (watchers.size() >= MAX_WATCHED_KEYS / 2) {
            // Watches of keys no one pushed to since they lapsed: dropped here, not on a push.
            watchers.values().forEach(watching -> watching.values().removeIf(until -> until < now));
            watchers.values().removeIf(Map::isEmpty);
        }
        long until = now + request.getTtlMs();
        for (ByteString key : request.getKeysList()) {
            String name = name(key.toByteArray());
            if (!watchers.containsKey(name) && watchers.size() >= MAX_WATCHED_KEYS) {
                continue;
            }
            watchers.computeIfAbsent(name, k -> new ConcurrentHashMap<>()).merge(request.getWatcher(), until, Math::max);
        }
    }

    /** Keys watched here for other nodes (INFO, tests). */
    int watchedKeys() {
        return watchers.size();
    }

    private static String name(byte[] key) {
        return new String(key, StandardCharsets.ISO_8859_1);
    }
}
