package io.ringkv.coordinator.cluster;

import io.ringkv.sharding.Ring;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

/**
 * What this node knows of the cluster: every node's latest gossip, which nodes are up, and the
 * ring built from their tokens. Gossip is merged in with {@link #merge}; {@link #refreshLiveness}
 * notices nodes going down and coming back and tells listeners (hint replay listens). Pure: the
 * time is passed in.
 */
public final class Membership implements ClusterView {
    private final int selfId;
    private final int replicationFactor;
    private final PhiAccrualFailureDetector detector;
    private final Map<Integer, EndpointInfo> endpoints = new TreeMap<>();
    private final Set<Integer> up = new TreeSet<>();
    private final List<IntConsumer> upListeners = new CopyOnWriteArrayList<>();
    private volatile java.util.function.Consumer<List<EndpointInfo>> peersChanged = peers -> { };
    private volatile Ring ring;

    public Membership(EndpointInfo self, int replicationFactor, double phiThreshold) {
        this.selfId = self.nodeId();
        this.replicationFactor = replicationFactor;
        this.detector = new PhiAccrualFailureDetector(phiThreshold);
        endpoints.put(selfId, self);
        up.add(selfId);
        rebuildRing();
    }

    @Override
    public int selfId() {
        return selfId;
    }

    @Override
    public Ring ring() {
        return ring;
    }

    /**
     * Puts peers known from an earlier run into the ring before any gossip, as Down and with
     * generation 0 so that any news about them supersedes. Without this a restarted node would
     * see a ring of itself alone and answer every level from its own, stale, replica.
     */
    public void remember(List<EndpointInfo> known) {
        synchronized (this) {
            for (EndpointInfo info : known) {
                if (info.nodeId() != selfId && !endpoints.containsKey(info.nodeId())) {
                    endpoints.put(info.nodeId(), new EndpointInfo(info.nodeId(), 0, 0, info.state(), info.host(),
                            info.grpcPort(), info.respPort(), info.tokens()));
                }
            }
        }
        rebuildRing();
    }

    /** Called with every known peer whenever a peer is added or changes its tokens or address. */
    public void onPeersChanged(java.util.function.Consumer<List<EndpointInfo>> listener) {
        peersChanged = listener;
    }

    /** Called with a node id when it is seen Up after being Down (or for the first time). */
    public void onUp(IntConsumer listener) {
        upListeners.add(listener);
    }

    public synchronized EndpointInfo endpoint(int nodeId) {
        return endpoints.get(nodeId);
    }

    private volatile Map<Integer, String> addressOverrides = Map.of();

    /** Peers to reach at another address than the one they gossip (a proxy in between, NAT). */
    public void addressOverrides(Map<Integer, String> overrides) {
        addressOverrides = Map.copyOf(overrides);
    }

    /** The host:port this node uses to reach {@code node}'s gRPC service. */
    public String grpcAddressOf(EndpointInfo node) {
        String override = addressOverrides.get(node.nodeId());
        return override != null ? override : node.host() + ":" + node.grpcPort();
    }

    /** The id of the node this node reaches at {@code hostPort}, or 0 when no known node has that address. */
    public synchronized int nodeIdAt(String hostPort) {
        for (Map.Entry<Integer, String> override : addressOverrides.entrySet()) {
            if (override.getValue().equals(hostPort)) {
                return override.getKey();
            }
        }
        for (EndpointInfo node : endpoints()) {
            if (grpcAddressOf(node).equals(hostPort)) {
                return node.nodeId();
            }
        }
        return 0;
    }

    public synchronized List<EndpointInfo> endpoints() {
        return new ArrayList<>(endpoints.values());
    }

    @Override
    public synchronized boolean isUp(int nodeId) {
        return up.contains(nodeId);
    }

    /** Advances this node's own heartbeat; returns every state to gossip. */
    public synchronized List<EndpointInfo> beat() {
        EndpointInfo self = endpoints.get(selfId);
        endpoints.put(selfId, self.withHeartbeat(self.heartbeat() + 1));
        return new ArrayList<>(endpoints.values());
    }

    /** Merges states heard from a peer; newer news wins. */
    public void merge(List<EndpointInfo> heard, long nowMs) {
        boolean tokensChanged = false;
        boolean peersDiffer = false;
        synchronized (this) {
            for (EndpointInfo info : heard) {
                if (info.nodeId() == selfId) {
                    continue;
                }
                EndpointInfo known = endpoints.get(info.nodeId());
                if (!info.supersedes(known)) {
                    continue;
                }
                if (known != null && info.generation() != known.generation()) {
                    detector.reset(info.nodeId());
                }
                tokensChanged |= known == null || !known.tokens().equals(info.tokens());
                peersDiffer |= known == null || !known.tokens().equals(info.tokens()) || !known.host().equals(info.host())
                        || known.grpcPort() != info.grpcPort() || known.respPort() != info.respPort()
                        || known.state() != info.state();
                endpoints.put(info.nodeId(), info);
                detector.heartbeat(info.nodeId(), nowMs);
            }
        }
        if (tokensChanged) {
            rebuildRing();
        }
        if (peersDiffer) {
            List<EndpointInfo> peers = endpoints();
            peers.removeIf(info -> info.nodeId() == selfId);
            peersChanged.accept(peers);
        }
        refreshLiveness(nowMs);
    }

    /** Re-evaluates which peers are up; tells listeners about those that came up. */
    public void refreshLiveness(long nowMs) {
        List<Integer> cameUp = new ArrayList<>();
        synchronized (this) {
            for (int nodeId : endpoints.keySet()) {
                if (nodeId == selfId) {
                    continue;
                }
                boolean alive = detector.isAlive(nodeId, nowMs);
                if (alive && up.add(nodeId)) {
                    cameUp.add(nodeId);
                } else if (!alive) {
                    up.remove(nodeId);
                }
            }
        }
        for (int nodeId : cameUp) {
            upListeners.forEach(listener -> listener.accept(nodeId));
        }
    }

    private synchronized void rebuildRing() {
        Ring next = Ring.empty(replicationFactor);
        for (EndpointInfo info : endpoints.values()) {
            if (info.state() == EndpointInfo.NodeState.NORMAL && !info.tokens().isEmpty()) {
                next = next.withNode(info.nodeId(), info.tokens());
            }
        }
        ring = next;
    }
}
