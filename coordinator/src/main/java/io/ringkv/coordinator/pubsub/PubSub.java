package io.ringkv.coordinator.pubsub;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Pub/sub over the whole cluster: a message published through this node reaches the subscribers
 * of this node and of every live peer, and the PUBSUB counts add up every node's registry. A peer
 * that fails to answer counts as having no subscribers (it may still have delivered).
 */
public final class PubSub {
    private final PubSubRegistry local;
    private final PubSubPeers peers;

    public PubSub(PubSubRegistry local, PubSubPeers peers) {
        this.local = local;
        this.peers = peers;
    }

    public PubSubRegistry local() {
        return local;
    }

    /** PUBLISH or SPUBLISH: delivers here and through every live peer; completes with the receivers cluster-wide. */
    public CompletableFuture<Long> publish(SubscriptionKind kind, byte[] channel, byte[] message) {
        List<CompletableFuture<Long>> remote = peers.publish(kind, channel, message);
        long here = local.publish(kind, channel, message);
        return CompletableFuture.allOf(remote.toArray(CompletableFuture[]::new)).handle((x, e) -> {
            long total = here;
            for (CompletableFuture<Long> peer : remote) {
                total += peer.isCompletedExceptionally() ? 0 : peer.join();
            }
            return total;
        });
    }

    /** PUBSUB CHANNELS / SHARDCHANNELS: the names with a subscriber on some node, each once. */
    public CompletableFuture<List<String>> active(SubscriptionKind kind, String pattern) {
        Set<String> names = new LinkedHashSet<>(local.active(kind, pattern));
        return gather(kind, pattern, List.of()).thenApply(views -> {
            views.forEach(view -> names.addAll(view.active()));
            return new ArrayList<>(names);
        });
    }

    /** PUBSUB NUMSUB / SHARDNUMSUB: each name's subscribers over all nodes. */
    public CompletableFuture<List<Long>> subscribers(SubscriptionKind kind, List<String> names) {
        List<Long> counts = new ArrayList<>();
        for (String name : names) {
            counts.add((long) local.subscribers(kind, name));
        }
        return gather(kind, "", names).thenApply(views -> {
            for (PubSubPeers.PeerView view : views) {
                for (int i = 0; i < counts.size() && i < view.counts().size(); i++) {
                    counts.set(i, counts.get(i) + view.counts().get(i));
                }
            }
            return counts;
        });
    }

    private CompletableFuture<List<PubSubPeers.PeerView>> gather(SubscriptionKind kind, String pattern, List<String> names) {
        List<CompletableFuture<PubSubPeers.PeerView>> remote = peers.query(kind, pattern, names);
        return CompletableFuture.allOf(remote.toArray(CompletableFuture[]::new)).handle((x, e) -> {
            List<PubSubPeers.PeerView> views = new ArrayList<>();
            for (CompletableFuture<PubSubPeers.PeerView> peer : remote) {
                if (!peer.isCompletedExceptionally()) {
                    views.add(peer.join());
                }
            }
            return views;
        });
    }
}
