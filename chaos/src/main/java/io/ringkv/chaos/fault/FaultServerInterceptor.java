package io.ringkv.chaos.fault;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/** The receiving side of a partition: calls from a peer this node is partitioned from are refused. */
public final class FaultServerInterceptor implements ServerInterceptor {
    private final FaultRules rules;

    public FaultServerInterceptor(FaultRules rules) {
        this.rules = rules;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
            ServerCallHandler<ReqT, RespT> next) {
        String sender = headers.get(FaultClientInterceptor.SENDER);
        int peer = senderId(sender);
        if (rules.isPartitionedFrom(peer)) {
            call.close(Status.UNAVAILABLE.withDescription("fault injected: partitioned from node " + peer), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        return next.startCall(call, headers);
    }

    private static int senderId(String header) {
        try {
            return header == null ? FaultRules.ALL_PEERS : Integer.parseInt(header);
        } catch (NumberFormatException e) {
            return FaultRules.ALL_PEERS;
        }
    }
}
