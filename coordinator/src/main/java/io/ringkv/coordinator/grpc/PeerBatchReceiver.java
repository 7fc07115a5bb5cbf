package io.ringkv.coordinator.grpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.ringkv.proto.internode.BatchError;
import io.ringkv.proto.internode.PeerBatch;
import io.ringkv.proto.internode.PeerBatchReply;
import io.ringkv.storage.ClockSkewException;
import java.util.function.IntPredicate;

/**
 * The replica's end of one peer's {@code Exchange} stream: applies each batch as the unary
 * {@code Mutate} and {@code Read} would and answers it under its id. Mutations are answered once
 * durable, which may be on another thread and out of order, so replies are sent under a lock.
 * A batch from a peer this node is partitioned from is refused, as a call from it would be.
 */
final class PeerBatchReceiver implements StreamObserver<PeerBatch> {
    private final InternodeService replica;
    private final StreamObserver<PeerBatchReply> replies;
    private final IntPredicate refusesFrom;
    private final Runnable onEnd;
    private boolean ended;

    /** {@code onEnd} runs once when the stream ends, from either side. */
    PeerBatchReceiver(InternodeService replica, StreamObserver<PeerBatchReply> replies, IntPredicate refusesFrom,
                      Runnable onEnd) {
        this.replica = replica;
        this.replies = replies;
        this.refusesFrom = refusesFrom;
        this.onEnd = onEnd;
    }

    @Override
    public void onNext(PeerBatch batch) {
        long id = batch.getId();
        if (refusesFrom.test(batch.getSenderNodeId())) {
            send(error(id, Status.UNAVAILABLE.withDescription("fault injected: partitioned from node "
                    + batch.getSenderNodeId())));
            return;
        }
        try {
            switch (batch.getBodyCase()) {
                case MUTATE -> mutate(id, batch);
                case READ -> send(PeerBatchReply.newBuilder().setId(id).setRead(replica.answerReads(batch.getRead())).build());
                default -> send(error(id, Status.INVALID_ARGUMENT.withDescription("a batch holds neither mutations nor reads")));
            }
        } catch (ClockSkewException e) {
            send(error(id, Status.FAILED_PRECONDITION.withDescription(e.getMessage())));
        } catch (RuntimeException e) {
            send(error(id, Status.INTERNAL.withDescription(e.toString())));
        }
    }

    private void mutate(long id, PeerBatch batch) {
        try {
            replica.applyMutations(batch.getMutate()).whenComplete((answer, failure) -> send(failure == null
                    ? PeerBatchReply.newBuilder().setId(id).setMutate(answer).build()
                    : error(id, Status.INTERNAL.withDescription(failure.toString()))));
        } finally {
            // One AOF write for the whole batch, on this thread: no hand-off to the writer and back.
            replica.flushWrites();
        }
    }

    private static PeerBatchReply error(long id, Status status) {
        return PeerBatchReply.newBuilder().setId(id).setError(BatchError.newBuilder()
                .setCode(status.getCode().value()).setDescription(String.valueOf(status.getDescription()))).build();
    }

    private synchronized void send(PeerBatchReply reply) {
        if (ended) {
            return; // the coordinator went away; it has failed the batch on its side
        }
        try {
            replies.onNext(reply);
        } catch (RuntimeException cancelled) {
            markEnded();
        }
    }

    @Override
    public synchronized void onError(Throwable cancelled) {
        markEnded();
    }

    /** The coordinator is done, or this node is shutting down: end our side too. */
    @Override
    public synchronized void onCompleted() {
        if (!ended) {
            markEnded();
            replies.onCompleted();
        }
    }

    private void markEnded() {
        if (!ended) {
            ended = true;
            onEnd.run();
        }
    }
}
