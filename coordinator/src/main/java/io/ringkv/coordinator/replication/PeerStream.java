package io.ringkv.coordinator.replication;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.ringkv.chaos.fault.FaultClientInterceptor;
import io.ringkv.chaos.fault.FaultGate;
import io.ringkv.proto.internode.InternodeGrpc;
import io.ringkv.proto.internode.PeerBatch;
import io.ringkv.proto.internode.PeerBatchReply;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A coordinator's batches to one peer on a single {@code Exchange} stream, opened on first use and
 * again after it breaks. Each batch is answered under its id or fails: with the replica's error,
 * when the stream ends (every batch still waiting on it fails), or when no answer comes within the
 * request timeout, checked by a sweep a few times per timeout. A late batch on a stream that has
 * answered nothing since it was sent means the connection hangs, so that stream is cancelled and
 * the next batch opens a fresh one, as a call's deadline would have dropped its stream. So is a
 * late batch on a stream whose unsent messages back up: a timed-out batch frees its place for the
 * next, and on a peer slower than the load the backlog would otherwise grow without bound.
 */
final class PeerStream implements AutoCloseable {
    private static final long MAX_SWEEP_MS = 100;

    private final int peer;
    private final Supplier<Channel> channel;
    private final FaultGate faults;
    private final long timeoutMs;
    private final ScheduledFuture<?> sweeper;

    // Guarded by this.
    private Exchange open;
    private long lastId;
    private boolean closed;
    private final Map<Long, Waiting> waiting = new LinkedHashMap<>();

    private record Waiting(Exchange exchange, long sentNanos, long deadlineNanos, CompletableFuture<PeerBatchReply> done) {
    }

    PeerStream(int peer, Supplier<Channel> channel, FaultGate faults, long timeoutMs,
               ScheduledExecutorService timer) {
        this.peer = peer;
        this.channel = channel;
        this.faults = faults;
        this.timeoutMs = timeoutMs;
        long sweepMs = Math.max(1, Math.min(MAX_SWEEP_MS, timeoutMs / 8));
        this.sweeper = timer.scheduleWithFixedDelay(this::failLate, sweepMs, sweepMs, TimeUnit.MILLISECONDS);
    }

    /** The replica's answer to {@code batch} (its id is filled in here). */
    CompletableFuture<PeerBatchReply> send(PeerBatch.Builder batch) {
        CompletableFuture<PeerBatchReply> done = new CompletableFuture<>();
        long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        faults.admit(peer, timeoutMs, () -> transmit(batch, deadlineNanos, done),
                status -> done.completeExceptionally(status.asRuntimeException()));
        return done;
    }

    private void transmit(PeerBatch.Builder batch, long deadlineNanos, CompletableFuture<PeerBatchReply> done) {
        RuntimeException refused = null;
        synchronized (this) {
            if (closed) {
                refused = Status.UNAVAILABLE.withDescription("node is shutting down").asRuntimeException();
            } else {
                try {
                    if (open == null) {
                        open = new Exchange();
                    }
                    long id = ++lastId;
                    waiting.put(id, new Waiting(open, System.nanoTime(), deadlineNanos, done));
                    open.requests.onNext(batch.setId(id).build());
                } catch (RuntimeException e) {
                    // An unknown peer, or a stream gRPC has already given up on.
                    waiting.values().removeIf(w -> w.done() == done);
                    refused = e;
                }
            }
        }
        if (refused != null) {
            done.completeExceptionally(refused);
        }
    }

    private void answered(PeerBatchReply reply) {
        Waiting batch;
        synchronized (this) {
            batch = waiting.remove(reply.getId());
        }
        if (batch == null) {
            return; // already failed as late
        }
        if (reply.hasError()) {
            batch.done().completeExceptionally(Status.fromCodeValue(reply.getError().getCode())
                    .withDescription(reply.getError().getDescription()).asRuntimeException());
        } else {
            batch.done().complete(reply);
        }
    }

    /** Fails the batches still waiting on {@code exchange}, which gRPC has ended. */
    private void ended(Exchange exchange, Throwable why) {
        List<Waiting> lost = new ArrayList<>();
        synchronized (this) {
            if (open == exchange) {
                open = null;
            }
            for (Iterator<Waiting> it = waiting.values().iterator(); it.hasNext(); ) {
                Waiting w = it.next();
                if (w.exchange() == exchange) {
                    lost.add(w);
                    it.remove();
                }
            }
        }
        lost.forEach(w -> w.done().completeExceptionally(why));
    }

    private void failLate() {
        long now = System.nanoTime();
        List<Waiting> late = new ArrayList<>();
        Exchange hung = null;
        synchronized (this) {
            for (Iterator<Waiting> it = waiting.values().iterator(); it.hasNext(); ) {
                Waiting w = it.next();
                if (now - w.deadlineNanos() >= 0) {
                    late.add(w);
                    it.remove();
                    if (w.exchange() == open && (open.lastAnswerNanos - w.sentNanos() < 0 || open.backedUp())) {
                        hung = open;
                    }
                }
            }
            if (hung != null) {
                open = null;
            }
        }
        RuntimeException timeout = Status.DEADLINE_EXCEEDED.withDescription("node " + peer + " did not answer within "
                + timeoutMs + " ms").asRuntimeException();
        late.forEach(w -> w.done().completeExceptionally(timeout));
        if (hung != null) {
            hung.cancel("no answer within " + timeoutMs + " ms");
        }
    }

    @Override
    public void close() {
        sweeper.cancel(false);
        Exchange last;
        synchronized (this) {
            closed = true;
            last = open;
            open = null;
        }
        if (last != null) {
            last.cancel("node is shutting down");
        }
    }

    /** One open stream: the requests' side and the listener of its replies. */
    private final class Exchange implements ClientResponseObserver<PeerBatch, PeerBatchReply> {
        private final StreamObserver<PeerBatch> requests;
        private ClientCallStreamObserver<PeerBatch> call;
        private volatile long lastAnswerNanos = System.nanoTime();

        Exchange() {
            this.requests = InternodeGrpc.newStub(channel.get())
                    .withOption(FaultClientInterceptor.FAULTS_PER_MESSAGE, true).exchange(this);
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<PeerBatch> requestStream) {
            this.call = requestStream;
        }

        void cancel(String why) {
            call.cancel(why, null);
        }

        /** More is waiting to be sent than gRPC's send threshold: the peer or the network is not keeping up. */
        boolean backedUp() {
            return !call.isReady();
        }

        @Override
        public void onNext(PeerBatchReply reply) {
            lastAnswerNanos = System.nanoTime();
            answered(reply);
        }

        @Override
        public void onError(Throwable failure) {
            ended(this, failure);
        }

        @Override
        public void onCompleted() {
            ended(this, Status.UNAVAILABLE.withDescription("node " + peer + " closed the stream").asRuntimeException());
        }
    }
}
