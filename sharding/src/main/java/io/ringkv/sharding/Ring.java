package io.ringkv.sharding;

import com.google.common.base.Preconditions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The token ring as an immutable value: every vnode token and the node that owns it, plus the
 * replication factor. A key's replicas are the first N distinct nodes met walking clockwise from
 * the key's token (SimpleStrategy). A change makes a new ring; {@link RingDiff} says what moved.
 */
public final class Ring {
    private final NavigableMap<Long, Integer> owners;
    private final int replicationFactor;

    private Ring(NavigableMap<Long, Integer> owners, int replicationFactor) {
        this.owners = Collections.unmodifiableNavigableMap(owners);
        this.replicationFactor = replicationFactor;
    }

    public static Ring empty(int replicationFactor) {
        Preconditions.checkArgument(replicationFactor >= 1, "replication factor must be >= 1, got %s",
                replicationFactor);
        return new Ring(new TreeMap<>(), replicationFactor);
    }

    public Ring withNode(int nodeId, Collection<Long> tokens) {
        Preconditions.checkArgument(!nodes().contains(nodeId), "node %s is already in the ring", nodeId);
        Preconditions.checkArgument(!tokens.isEmpty(), "a node needs at least one token");
        TreeMap<Long, Integer> next = new TreeMap<>(owners);
        for (long token : tokens) {
            Integer previous = next.put(token, nodeId);
            Preconditions.checkArgument(previous == null, "token %s is already owned by node %s", token, previous);
        }
        return new Ring(next, replicationFactor);
    }

    public Ring withoutNode(int nodeId) {
        TreeMap<Long, Integer> next = new TreeMap<>(owners);
        next.values().removeIf(owner -> owner == nodeId);
        return new Ring(next, replicationFactor);
    }

    public int replicationFactor() {
        return replicationFactor;
    }

    public boolean isEmpty() {
        return owners.isEmpty();
    }

    /** Every vnode token with its owner, in token order. */
    public NavigableMap<Long, Integer> tokens() {
        return owners;
    }

    public Set<Integer> nodes() {
        return new java.util.TreeSet<>(owners.values());
    }

    public List<Long> tokensOf(int nodeId) {
        List<Long> out = new ArrayList<>();
        owners.forEach((token, owner) -> {
            if (owner == nodeId) {
                out.add(token);
            }
        });
        return out;
    }

    /** The vnode token whose primary range holds {@code token}: the first at or after it, wrapping. */
    public long primaryToken(long token) {
        Preconditions.checkState(!owners.isEmpty(), "the ring is empty");
        Long ceiling = owners.ceilingKey(token);
        return ceiling != null ? ceiling : owners.firstKey();
    }

    /** The primary range ending at a vnode token. */
    public TokenRange rangeEndingAt(long vnodeToken) {
        Long lower = owners.lowerKey(vnodeToken);
        return new TokenRange(lower != null ? lower : owners.lastKey(), vnodeToken);
    }

    /** Every vnode's primary range, in token order; together they cover the ring once. */
    public List<TokenRange> ranges() {
        List<TokenRange> out = new ArrayList<>(owners.size());
        for (long token : owners.keySet()) {
            out.add(rangeEndingAt(token));
        }
        return out;
    }

    /** The replicas of a token: up to N distinct nodes clockwise from it, primary owner first. */
    public List<Integer> replicasFor(long token) {
        int wanted = Math.min(replicationFactor, nodes().size());
        Set<Integer> replicas = new LinkedHashSet<>();
        long start = primaryToken(token);
        for (Map.Entry<Long, Integer> e : owners.tailMap(start, true).entrySet()) {
            if (replicas.size() == wanted) {
                break;
            }
            replicas.add(e.getValue());
        }
        for (Map.Entry<Long, Integer> e : owners.headMap(start, false).entrySet()) {
            if (replicas.size() == wanted) {
                break;
            }
            replicas.add(e.getValue());
        }
        return List.copyOf(replicas);
    }

    public List<Integer> replicasForKey(byte[] key) {
        return replicasFor(Murmur3Partitioner.token(key));
    }

    /** Primary ranges of one node. */
    public List<TokenRange> primaryRanges(int nodeId) {
        List<TokenRange> out = new ArrayList<>();
        for (long token : tokensOf(nodeId)) {
            out.add(rangeEndingAt(token));
        }
        return out;
    }

    /** Ranges the node holds a replica of (primary or not). */
    public List<TokenRange> replicatedRanges(int nodeId) {
        List<TokenRange> out = new ArrayList<>();
        for (TokenRange range : ranges()) {
            if (replicasFor(range.end()).contains(nodeId)) {
                out.add(range);
            }
        }
        return out;
    }

    /** Each node's share of the ring as primary owner; the shares sum to 1. */
    public Map<Integer, Double> primaryOwnership() {
        Map<Integer, Double> out = new TreeMap<>();
        for (TokenRange range : ranges()) {
            out.merge(owners.get(range.end()), range.fraction(), Double::sum);
        }
        return out;
    }

    /** Each node's share of the data it stores as a replica; the shares sum to min(N, nodes). */
    public Map<Integer, Double> replicatedOwnership() {
        Map<Integer, Double> out = new TreeMap<>();
        for (TokenRange range : ranges()) {
            for (int node : replicasFor(range.end())) {
                out.merge(node, range.fraction(), Double::sum);
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ring other && replicationFactor == other.replicationFactor && owners.equals(other.owners);
    }

    @Override
    public int hashCode() {
        return owners.hashCode() * 31 + replicationFactor;
    }
}
