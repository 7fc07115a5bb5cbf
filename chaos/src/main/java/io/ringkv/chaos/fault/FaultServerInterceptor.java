package io.ringkv.chaos.fault;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * The receiving side of a partition: calls from a peer this node is partitioned from are refused.
 * The sender's node id is in the {@link Context} ({@link #SENDER}) while the call starts, so the
 * handler of a long-lived stream, created then, can refuse its later messages too ({@link #refusalOf}).
 */
public final class FaultServerInterceptor implements ServerInterceptor {
    /** The calling peer's node id, {@link FaultRules#ALL_PEERS} when it did not say. */
    public static final Context.Key<Integer> SENDER = Context.keyWithDefault("ringkv-sender", FaultRules.ALL_PEERS);

    private final FaultRules rules;

    public FaultServerInterceptor(FaultRules rules) {
        this.rules = rules;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        int peer = senderId(headers.get(FaultClientInterceptor.SENDER));
        Status refused = refusalOf(peer);
        if (refused != null) {
            call.close(refused, new Metadata());
            return new ServerCall.Listener<>() { };
        }
        // Current only while the call starts, which is where a streaming handler is created: a
        // Context for the whole call would be attached and detached around every message.
        Context withSender = Context.current().withValue(SENDER, peer);
        Context previous = withSender.attach();
        try {
            return next.startCall(call, headers);
        } finally {
            withSender.detach(previous);
        }
    }

    /** The status to refuse traffic from {@code peer} with, or null while this node accepts it. */
    public Status refusalOf(int peer) {
        return rules.isPartitionedFrom(peer)
                ? Status.UNAVAILABLE.withDescription("fault injected: partitioned from node " + peer) : null;
    }

    private static int senderId(String header) {
        try {
            return header == null ? FaultRules.ALL_PEERS : Integer.parseInt(header);
        } catch (NumberFormatException e) {
            return FaultRules.ALL_PEERS;
        }
    }
}
