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
}
