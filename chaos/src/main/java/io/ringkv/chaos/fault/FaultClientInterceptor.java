package io.ringkv.chaos.fault;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Applies a node's fault rules to its outgoing internode calls on one channel: a call to a
 * partitioned peer, or one picked by the drop rate, fails with UNAVAILABLE as a lost peer would; a
 * delay holds the call back before it is sent (the call's deadline keeps running, so a delay above
 * the request timeout surfaces as a timeout). Every call carries the sender's node id, so the
 * receiver can apply its side of a partition.
 */
public final class FaultClientInterceptor implements ClientInterceptor {
    public static final Metadata.Key<String> SENDER = Metadata.Key.of("ringkv-node-id", Metadata.ASCII_STRING_MARSHALLER);
    /** Set on a long-lived stream whose messages pass a {@link FaultGate} each: its start is let through. */
    public static final CallOptions.Key<Boolean> FAULTS_PER_MESSAGE = CallOptions.Key.createWithDefault(
            "ringkv-faults-per-message", false);

    private final FaultRules rules;
    private final int selfId;
    private final IntSupplier targetNode;
    private final ScheduledExecutorService timer;

    /** {@code targetNode} answers the peer's node id, or {@link FaultRules#ALL_PEERS} when not yet known. */
    public FaultClientInterceptor(FaultRules rules, int selfId, IntSupplier targetNode, ScheduledExecutorService timer) {
        this.rules = rules;
        this.selfId = selfId;
        this.targetNode = targetNode;
        this.timer = timer;
    }

    @Override
    public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(MethodDescriptor<ReqT, RespT> method,
            CallOptions options, Channel next) {
        FaultRules.Verdict verdict = options.getOption(FAULTS_PER_MESSAGE) ? FaultRules.Verdict.PASS
                : rules.verdict(targetNode.getAsInt());
        if (verdict.refused()) {
            return new RefusedCall<>(Status.UNAVAILABLE.withDescription("fault injected: " + verdict.reason()), timer, 0);
        }
        io.grpc.Deadline deadline = options.getDeadline();
        if (verdict.delayMs() > 0 && deadline != null && deadline.timeRemaining(TimeUnit.MILLISECONDS) < verdict.delayMs()) {
            // The real call would only start after its deadline; fail it when the deadline passes, as
            // a peer this slow would.
            return new RefusedCall<>(Status.DEADLINE_EXCEEDED.withDescription("fault injected: delay of "
                    + verdict.delayMs() + " ms exceeds the deadline"), timer,
                    Math.max(0, deadline.timeRemaining(TimeUnit.MILLISECONDS)));
        }
        ClientCall<ReqT, RespT> call = new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<RespT> listener, Metadata headers) {
                headers.put(SENDER, Integer.toString(selfId));
                super.start(listener, headers);
            }
        };
        return verdict.delayMs() > 0 ? new DelayedCall<>(call, verdict.delayMs(), timer) : call;
    }

    /** A call that fails {@code afterMs} after it starts, telling its listener from another thread as gRPC does. */
    private static final class RefusedCall<ReqT, RespT> extends ClientCall<ReqT, RespT> {
        private final Status status;
        private final ScheduledExecutorService timer;
        private final long afterMs;

        RefusedCall(Status status, ScheduledExecutorService timer, long afterMs) {
            this.status = status;
            this.timer = timer;
            this.afterMs = afterMs;
        }

        @Override
        public void start(Listener<RespT> listener, Metadata headers) {
            timer.schedule(() -> listener.onClose(status, new Metadata()), afterMs, TimeUnit.MILLISECONDS);
        }

        @Override
        public void request(int numMessages) {
        }

        @Override
        public void cancel(String message, Throwable cause) {
        }

        @Override
        public void halfClose() {
        }

        @Override
        public void sendMessage(ReqT message) {
        }
    }

    /** Starts the real call after a delay; what the caller does meanwhile is replayed in order then. */
    private static final class DelayedCall<ReqT, RespT> extends ClientCall<ReqT, RespT> {
        private final ClientCall<ReqT, RespT> delegate;
        private final long delayMs;
        private final ScheduledExecutorService timer;
        private final java.util.List<java.util.function.Consumer<ClientCall<ReqT, RespT>>> pending = new java.util.ArrayList<>();
        private boolean started;

        DelayedCall(ClientCall<ReqT, RespT> delegate, long delayMs, ScheduledExecutorService timer) {
            this.delegate = delegate;
            this.delayMs = delayMs;
            this.timer = timer;
        }

        @Override
        public void start(Listener<RespT> listener, Metadata headers) {
            timer.schedule(() -> {
                synchronized (this) {
                    delegate.start(listener, headers);
                    pending.forEach(op -> op.accept(delegate));
                    pending.clear();
                    started = true;
                }
            }, delayMs, TimeUnit.MILLISECONDS);
        }

        private synchronized void run(java.util.function.Consumer<ClientCall<ReqT, RespT>> op) {
            if (started) {
                op.accept(delegate);
            } else {
                pending.add(op);
            }
        }

        @Override
        public void request(int numMessages) {
            run(c -> c.request(numMessages));
        }

        @Override
        public void cancel(String message, Throwable cause) {
            run(c -> c.cancel(message, cause));
        }

        @Override
        public void halfClose() {
            run(ClientCall::halfClose);
        }

        @Override
        public void sendMessage(ReqT message) {
            run(c -> c.sendMessage(message));
        }
    }
}
