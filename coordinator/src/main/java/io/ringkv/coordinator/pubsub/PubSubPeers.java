package io.ringkv.coordinator.pubsub;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The other nodes, as pub/sub sees them: each live peer delivers a published message to its own
 * subscribers and answers what its registry holds. A peer that is down is skipped (Redis's
 * at-most-once: its subscribers miss the message).
 */
public interface PubSubPeers {
    /** No other nodes: a single node. */
    PubSubPeers NONE = new PubSubPeers() {
        @Override
        public List<CompletableFuture<Long>> publish(SubscriptionKind kind, byte[] channel, byte[] message) {
            return List.of();
        }

        @Override
        public List<CompletableFuture<PeerView>> query(SubscriptionKind kind, String pattern, List<String> names) {
            return List.of();
        }
    };

    /** One future per live peer: how many of its subscribers received the message. */
    List<CompletableFuture<Long>> publish(SubscriptionKind kind, byte[] channel, byte[] message);

    /**
     * One future per live peer: its active names of {@code kind} matching {@code pattern} (null:
     * all; none when {@code pattern} is the empty string) and its subscriber count for each of
     * {@code names}.
     */
    List<CompletableFuture<PeerView>> query(SubscriptionKind kind, String pattern, List<String> names);

    /** What one node's registry answered. */
    record PeerView(List<String> active, List<Long> counts) {
    }
}
