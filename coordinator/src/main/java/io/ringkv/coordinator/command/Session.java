package io.ringkv.coordinator.command;

import io.ringkv.coordinator.consistency.ConsistencyLevel;

/**
 * One client connection's state: protocol version (RESP2 or RESP3 after HELLO 3), its
 * consistency levels, authentication and name. Touched only by the connection's event loop.
 */
public final class Session {
    private final long id;
    private final String remoteAddress;
    private int protocolVersion = 2;
    private ConsistencyLevel readLevel;
    private ConsistencyLevel writeLevel;
    private boolean authenticated;
    private String clientName = "";
    private boolean closeRequested;
    private volatile boolean tracing;
    private volatile io.ringkv.coordinator.kv.RequestTrace lastTrace;

    private QueuedTransaction transaction;
    private final SessionSubscriptions subscriptions = new SessionSubscriptions();
    private io.ringkv.coordinator.pubsub.Subscriber subscriber;
    private WatchedKeys watched;
    private java.util.concurrent.CompletableFuture<?> holdFollowing;

    private com.google.common.util.concurrent.RateLimiter rateLimit;
    private long opsPerSecond;

    /** Limits this connection to {@code perSecond} commands a second (0 = no limit). */
    public void limitRate(long perSecond) {
        opsPerSecond = perSecond;
        rateLimit = perSecond > 0 ? com.google.common.util.concurrent.RateLimiter.create(perSecond) : null;
    }

    /** False when this command would exceed the connection's rate limit (it is then not run). */
    public boolean admit() {
        return rateLimit == null || rateLimit.tryAcquire();
    }

    public long opsPerSecondLimit() {
        return opsPerSecond;
    }

    /** TRACING ON: every later command records a {@link io.ringkv.coordinator.kv.RequestTrace}. */
    public boolean tracing() {
        return tracing;
    }

    public void tracing(boolean on) {
        tracing = on;
    }

    /** The trace of the last traced command to finish, or null. */
    public io.ringkv.coordinator.kv.RequestTrace lastTrace() {
        return lastTrace;
    }

    public void lastTrace(io.ringkv.coordinator.kv.RequestTrace trace) {
        lastTrace = trace;
    }

    public Session(long id, String remoteAddress, ConsistencyLevel readLevel, ConsistencyLevel writeLevel,
                   boolean authenticated) {
        this.id = id;
        this.remoteAddress = remoteAddress;
        this.readLevel = readLevel;
        this.writeLevel = writeLevel;
        this.authenticated = authenticated;
    }

    public long id() {
        return id;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public int protocolVersion() {
        return protocolVersion;
    }

    public void protocolVersion(int version) {
        this.protocolVersion = version;
    }

    public ConsistencyLevel readLevel() {
        return readLevel;
    }

    public void readLevel(ConsistencyLevel level) {
        this.readLevel = level;
    }

    public ConsistencyLevel writeLevel() {
        return writeLevel;
    }

    public void writeLevel(ConsistencyLevel level) {
        this.writeLevel = level;
    }

    public boolean authenticated() {
        return authenticated;
    }

    public void authenticated(boolean value) {
        this.authenticated = value;
    }

    public String clientName() {
        return clientName;
    }

    public void clientName(String name) {
        this.clientName = name;
    }

    SessionSubscriptions subscriptions() {
        return subscriptions;
    }

    /** True while the connection has a subscription: in RESP2 it then accepts only the pub/sub commands. */
    public boolean isSubscribed() {
        return !subscriptions.isEmpty();
    }

    /** Where messages for this connection go; the connection sets it when it opens. */
    public void subscriber(io.ringkv.coordinator.pubsub.Subscriber pushes) {
        this.subscriber = pushes;
    }

    io.ringkv.coordinator.pubsub.Subscriber subscriber() {
        return subscriber;
    }

    /** The transaction MULTI started and EXEC or DISCARD ends, or null. */
    QueuedTransaction transaction() {
        return transaction;
    }

    void transaction(QueuedTransaction queued) {
        this.transaction = queued;
    }

    /** The keys WATCH recorded since the last EXEC, DISCARD or UNWATCH, or null. */
    WatchedKeys watched() {
        return watched;
    }

    void watched(WatchedKeys keys) {
        this.watched = keys;
    }

    /**
     * Asks the connection to run none of its later commands until {@code done} completes: what
     * EXEC and WATCH need, since a command pipelined after them must see what they did.
     */
    void holdFollowingUntil(java.util.concurrent.CompletableFuture<?> done) {
        this.holdFollowing = done;
    }

    /** What the last command asked the connection to wait for ({@link #holdFollowingUntil}), cleared by the call; null for nothing. */
    public java.util.concurrent.CompletableFuture<?> takeHold() {
        java.util.concurrent.CompletableFuture<?> hold = holdFollowing;
        holdFollowing = null;
        return hold;
    }

    /** Set by QUIT: the connection closes once this command's reply is written. */
    public boolean closeRequested() {
        return closeRequested;
    }

    public void requestClose() {
        this.closeRequested = true;
    }
}
