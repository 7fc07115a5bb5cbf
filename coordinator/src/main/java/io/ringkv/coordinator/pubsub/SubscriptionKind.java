package io.ringkv.coordinator.pubsub;

/** The three namespaces of subscriptions, with the words Redis uses for each in replies. */
public enum SubscriptionKind {
    CHANNEL("subscribe", "unsubscribe", "message"),
    PATTERN("psubscribe", "punsubscribe", "pmessage"),
    SHARD_CHANNEL("ssubscribe", "sunsubscribe", "smessage");

    private final String subscribed;
    private final String unsubscribed;
    private final String message;

    SubscriptionKind(String subscribed, String unsubscribed, String message) {
        this.subscribed = subscribed;
        this.unsubscribed = unsubscribed;
        this.message = message;
    }

    public String subscribedWord() {
        return subscribed;
    }

    public String unsubscribedWord() {
        return unsubscribed;
    }

    public String messageWord() {
        return message;
    }

    /** The number internode messages carry for this kind (internode.proto: 0 channel, 1 pattern, 2 shard channel). */
    public int wire() {
        return ordinal();
    }

    /** The kind a peer's number names. */
    public static SubscriptionKind ofWire(int wire) {
        SubscriptionKind[] kinds = values();
        if (wire < 0 || wire >= kinds.length) {
            throw new IllegalArgumentException("unknown subscription kind " + wire);
        }
        return kinds[wire];
    }
}
